/**
 * The unified picture reads the engine: the plot's pane marks sit where and when the engine fired
 * them, with its values (checked against *Streaming Systems* fig. 2-11, heuristic); the watermark
 * is the engine's stepped line; the results table's rows end where the engine's sink ends, with
 * the truth beside them; ticks fall on the scenario's local hours; back a step and forward again
 * draws the identical picture.
 */
import { render } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import fig211 from '../../scenarios/28-streaming-systems-fig-2-11-early-late-heuristic.json?raw';
import fig212 from '../../scenarios/29-streaming-systems-fig-2-12-allowed-lateness.json?raw';
import table21 from '../../scenarios/31-streaming-systems-table-2-1-retracting.json?raw';
import { formatProblem, parseScenarioText } from '../../src/engine/index.ts';
import type { Scenario } from '../../src/engine/scenario/scenario.types.ts';
import { UnifiedRun } from '../../src/engine/unified/unified.run.ts';
import { plotLayout } from '../../src/visuals/unified/plot.layout.ts';
import { NO_ZOOM, zoneScale } from '../../src/visuals/unified/plot.scales.ts';
import { resultRows } from '../../src/visuals/unified/results.select.ts';
import UnifiedPicture from '../../src/visuals/unified/UnifiedPicture.svelte';

const books = import.meta.glob('../../scenarios/*streaming-systems*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

function scenarioOf(text: string, edit?: (s: Scenario) => Scenario): Scenario {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return edit ? edit(parsed.scenario) : parsed.scenario;
}

const T = (hms: string) => Date.parse(`2026-01-10T${hms}Z`);

function layoutOf(s: Scenario, run: UnifiedRun, i: number) {
  return plotLayout({
    view: run.view(i),
    window: s.unified.window,
    timeZone: s.timeZone,
    start: s.start,
    end: s.end,
    allowedLateness: s.unified.allowedLateness,
    width: 1000,
    height: 500,
    zoom: NO_ZOOM,
  });
}

describe('the plot', () => {
  const s = scenarioOf(fig211);
  const run = UnifiedRun.create(s);
  const last = run.stepCount - 1;

  test('pane marks of fig. 2-11 (heuristic) at the firing times and values the engine reports', () => {
    const { container } = render(UnifiedPicture, {
      view: run.view(last),
      scenario: s,
      reducedMotion: true,
    });
    const marks = [...container.querySelectorAll('[data-pane]')].map((g) => [
      new Date(Number(g.getAttribute('data-at'))).toISOString().slice(11, 19),
      g.getAttribute('data-timing'),
      Number(g.getAttribute('data-value')),
    ]);
    // The book's panes (value and timing), at this project's firing times (unified.book.test.ts).
    expect(marks).toEqual([
      ['12:05:59', 'early', 5],
      ['12:06:00', 'on-time', 5],
      ['12:06:39', 'early', 10],
      ['12:07:30', 'on-time', 18],
      ['12:07:39', 'early', 4],
      ['12:07:40', 'on-time', 4],
      ['12:08:19', 'late', 14],
      ['12:08:19', 'early', 3],
      ['12:09:30', 'on-time', 12],
    ]);
    expect(marks.map((m) => m[2])).toEqual(run.report().panes!.map((p) => p.value));
    // Every pane's value is written on the plot, in its timing's shape.
    const texts = [...container.querySelectorAll('[data-pane] text')].map((t) => t.textContent);
    expect(texts).toEqual(['5', '5', '10', '18', '4', '4', '14', '3', '12']);
  });

  test('a pane sits across its window, at the height of its firing time', () => {
    const layout = layoutOf(s, run, last);
    const span = layout.bottom - layout.top;
    // Processing time 12:00 → bottom, 12:10 → top; event time 12:00 → left, 12:08 → right.
    const late = layout.panes.find((p) => p.pane.timing === 'late')!;
    expect(late.y).toBeCloseTo(layout.bottom - (span * (8 * 60 + 19)) / 600, 6);
    expect(late.x1).toBeCloseTo(layout.left, 6);
    expect(late.x2).toBeCloseTo(layout.left + (layout.right - layout.left) / 4, 6);
    // The late record (the 9 at 12:01:26, arriving 12:08:19) is at its event time and arrival.
    const nine = layout.records.find((r) => r.value === 9)!;
    expect(nine.fate).toBe('late');
    expect(nine.x).toBeCloseTo(layout.left + ((layout.right - layout.left) * 86) / 480, 6);
    expect(nine.y).toBeCloseTo(late.y, 6);
  });

  test('the watermark is the engine’s step line: held as processing time goes up, then a jump', () => {
    const layout = layoutOf(s, run, last);
    const x = (hms: string) =>
      layout.left + ((layout.right - layout.left) * (T(hms) - T('12:00:00'))) / (8 * 60_000);
    const y = (hms: string) =>
      layout.bottom - ((layout.bottom - layout.top) * (T(hms) - T('12:00:00'))) / 600_000;
    const corners = [...layout.watermark.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    // (A step onto the same x repeats a corner: drop repeats.)
    const distinct = corners.filter(
      (c, k) => k === 0 || c[0] !== corners[k - 1][0] || c[1] !== corners[k - 1][1],
    );
    // 12:02 at 12:06:00, 12:04 at 12:07:30, 12:06 at 12:07:40, 12:08 at 12:09:30, held to now.
    const expected = [
      [x('12:02:00'), y('12:06:00')],
      [x('12:02:00'), y('12:07:30')],
      [x('12:04:00'), y('12:07:30')],
      [x('12:04:00'), y('12:07:40')],
      [x('12:06:00'), y('12:07:40')],
      [x('12:06:00'), y('12:09:30')],
      [x('12:08:00'), y('12:09:30')],
      [x('12:08:00'), y('12:10:00')],
    ];
    expect(distinct).toHaveLength(expected.length);
    distinct.forEach(([cx, cy], k) => {
      expect(cx).toBeCloseTo(expected[k][0], 5);
      expect(cy).toBeCloseTo(expected[k][1], 5);
    });
  });

  test('records appear as they arrive; dropped records are crossed out', () => {
    const s2 = scenarioOf(fig212);
    const run2 = UnifiedRun.create(s2);
    const shown = (i: number) => layoutOf(s2, run2, i).records.length;
    expect(shown(-1)).toBe(0);
    expect(shown(run2.stepCount - 1)).toBe(run2.view(run2.stepCount - 1).records.length);
    const { container } = render(UnifiedPicture, {
      view: run2.view(run2.stepCount - 1),
      scenario: s2,
      reducedMotion: true,
    });
    const dropped = container.querySelectorAll('[data-fate="dropped"]');
    expect(dropped.length).toBe(run2.report().dropped);
    expect(dropped.length).toBeGreaterThan(0);
    // A cross is drawn over each dropped record.
    for (const g of dropped) expect(g.querySelectorAll('path').length).toBe(2);
    // Allowed lateness: a closed-window line where the watermark passed end + lateness.
    expect(container.querySelectorAll('line.closed').length).toBeGreaterThan(0);
  });

  test('back a step and forward again draws the identical picture', () => {
    const view = (i: number) => ({ view: run.view(i), scenario: s, reducedMotion: true });
    const { container, rerender } = render(UnifiedPicture, view(29));
    const before = container.innerHTML;
    return (async () => {
      await rerender(view(28));
      expect(container.innerHTML).not.toBe(before);
      await rerender(view(29));
      expect(container.innerHTML).toBe(before);
    })();
  });
});

describe('ticks in the scenario’s time zone', () => {
  test('Berlin: ticks on local whole hours, labelled in local time', () => {
    const from = Date.parse('2026-01-10T00:00:00Z');
    const scale = zoneScale(
      from,
      from + 6 * 3_600_000,
      0,
      600,
      'Europe/Berlin',
      { k: 1, shift: 0 },
      6,
    );
    expect(scale.ticks.map((t) => t.label)).toEqual([
      '01:00',
      '02:00',
      '03:00',
      '04:00',
      '05:00',
      '06:00',
      '07:00',
    ]);
    // 01:00 in Berlin is 00:00 UTC, the left edge.
    expect(scale.ticks[0].at).toBeCloseTo(0, 6);
    expect(scale.at(from + 3_600_000)).toBeCloseTo(100, 6);
  });
  test('a day boundary is labelled with the local day', () => {
    const from = Date.parse('2026-01-09T20:00:00Z');
    const scale = zoneScale(
      from,
      from + 48 * 3_600_000,
      0,
      600,
      'America/New_York',
      { k: 1, shift: 0 },
      3,
    );
    expect(scale.ticks.map((t) => t.label)).toContain('Sat 10');
  });
});

describe('the results table', () => {
  test('for every book figure, each row ends at what the engine’s sink holds', () => {
    for (const [file, text] of Object.entries(books)) {
      const s = scenarioOf(text);
      const run = UnifiedRun.create(s);
      for (let i = 0; i < run.stepCount; i++) {
        const view = run.view(i);
        const rows = resultRows(view, s.unified, s.timeZone);
        for (const held of view.sink) {
          const row = rows.find((r) => r.start === held.start)!;
          expect(row.value, `${file} step ${i}`).toBe(held.value);
          expect(row.ops.at(-1)!.after, `${file} step ${i}`).toBe(held.value);
          expect(row.ops).toHaveLength(held.panes);
        }
      }
    }
  });

  test('accumulating panes overwrite, retracting ones retract then add; truth beside', () => {
    const s = scenarioOf(table21);
    const run = UnifiedRun.create(s);
    const rows = resultRows(run.view(run.stepCount - 1), s.unified, s.timeZone);
    expect(rows.map((r) => [r.label, r.value, r.truth])).toEqual([
      ['12:00–12:02', 14, 14],
      ['12:02–12:04', 18, 18],
      ['12:04–12:06', 4, 4],
      ['12:06–12:08', 12, 12],
    ]);
    expect(rows[0].ops.map((o) => [o.kind, o.previous, o.value])).toEqual([
      ['overwrite', null, 5],
      ['retract-and-add', 5, 5],
      ['retract-and-add', 5, 14],
    ]);
  });

  test('add-all with accumulating panes: the double count shows against the truth', () => {
    const s = scenarioOf(fig211, (x) => ({ ...x, unified: { ...x.unified, sink: 'add-all' } }));
    const run = UnifiedRun.create(s);
    const rows = resultRows(run.view(run.stepCount - 1), s.unified, s.timeZone);
    // [12:00, 12:02): panes 5, 5, 14 all added: 24 against a truth of 14.
    expect(rows[0].ops.map((o) => o.kind)).toEqual(['add', 'add', 'add']);
    expect([rows[0].value, rows[0].truth]).toEqual([24, 14]);
    const { getByRole } = render(UnifiedPicture, {
      view: run.view(run.stepCount - 1),
      scenario: s,
      reducedMotion: true,
    });
    const table = getByRole('table', { name: 'Results at the sink' });
    expect(table.textContent).toContain('+10 vs truth');
  });
});
