/**
 * The compare view's engine side: how one scenario maps onto each architecture, the shared
 * timeline, and the answers over time, each checked against what the column's own Simulation
 * reports (so a chart line can only show the engine's numbers).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseScenarioText, Simulation, type ScenarioInput } from '../../src/engine/index.ts';
import {
  columnInput,
  COMPARE_COLUMNS,
  KAPPA_COLUMN,
  LAMBDA_COLUMN,
  UNIFIED_COLUMN,
} from '../../src/compare/compare.columns.ts';
import { buildComparison, type Comparison } from '../../src/compare/compare.build.ts';
import {
  columnPosition,
  positionAtTime,
  sharedMoments,
  valueAt,
} from '../../src/compare/compare.series.ts';
import { chartLayout, upTo } from '../../src/compare/compare.chart.ts';
import {
  answerRows,
  chartLines,
  defaultDay,
  narrationAt,
} from '../../src/compare/compare.select.ts';
import type { ColumnNow } from '../../src/compare/compare-session.svelte.ts';
import { compareHashFor, readCompareParams } from '../../src/compare/compare-link.ts';

const scenarioFiles = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && !f.includes('streaming-systems'))
  .sort();
const text = (file: string) => readFileSync(`scenarios/${file}`, 'utf8');

function built(source: string): Comparison {
  const b = buildComparison(source, COMPARE_COLUMNS);
  if (!b.ok) throw new Error(b.problems.join('\n'));
  return b.comparison;
}

function nowAt(c: Comparison, position: number): ColumnNow[] {
  return c.columns.map((run) => {
    if (run.kind === 'failed') return { kind: 'failed', column: run.column, reason: run.reason };
    const p = columnPosition(run.simulation, c.moments, position);
    return { kind: 'run', column: run.column, position: p, view: run.simulation.view(p - 1) };
  });
}

describe('mapping a scenario onto each architecture', () => {
  const input: ScenarioInput = {
    architecture: 'lambda',
    events: [{ id: 'e1', user: 'u1', time: '2026-11-22T09:00:00Z' }],
    faults: [
      { kind: 'crash', job: 'speed', at: '2026-11-22T10:00:00Z' },
      { kind: 'crash', job: 'batch', at: '2026-11-23T00:10:00Z' },
      { kind: 'deploy', at: '2026-11-22T11:00:00Z' },
      { kind: 'producer-retry', event: 'e1' },
    ],
  };

  test('the Lambda column keeps the batch crash, drops the deploy, and says so', () => {
    const { input: out, notes } = columnInput(input, LAMBDA_COLUMN, '2026-11-23T12:00:00Z');
    expect(out.architecture).toBe('lambda');
    expect(out.faults?.map((f) => f.kind + ('job' in f ? `:${f.job}` : ''))).toEqual([
      'crash:speed',
      'crash:batch',
      'producer-retry',
    ]);
    expect(out.end).toBe('2026-11-23T12:00:00Z');
    expect(notes.join(' ')).toMatch(/deploy .* Kappa replay/);
  });

  test('its notes give times in plain words, in the scenario’s zone', () => {
    const lambda = columnInput(input, LAMBDA_COLUMN).notes.join(' ');
    expect(lambda).toContain('The deploy of new logic at Sun 22 Nov, 11:00 UTC is a Kappa replay');
    const kappa = columnInput({ ...input, timeZone: 'America/New_York' }, KAPPA_COLUMN);
    expect(kappa.notes.join(' ')).toContain('The batch crash at Sun 22 Nov, 19:10 GMT-5');
    expect(`${lambda} ${kappa.notes.join(' ')}`).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  test('the Kappa and unified columns crash their streaming part and leave out the batch crash', () => {
    for (const column of [KAPPA_COLUMN, UNIFIED_COLUMN]) {
      const { input: out, notes } = columnInput(input, column);
      expect(out.architecture).toBe(column.architecture);
      const crashes = out.faults?.filter((f) => f.kind === 'crash') ?? [];
      expect(crashes.map((f) => f.kind === 'crash' && f.job)).toEqual(['stream']);
      expect(notes.some((n) => n.includes('no batch layer'))).toBe(true);
      expect(out.faults?.some((f) => f.kind === 'deploy')).toBe(column === KAPPA_COLUMN);
    }
  });

  test('mapping does not change its input, and an explicit end is kept', () => {
    const before = JSON.stringify(input);
    const withEnd = { ...input, end: '2026-11-24T00:00:00Z' };
    expect(columnInput(withEnd, KAPPA_COLUMN, '2026-11-23T12:00:00Z').input.end).toBe(
      '2026-11-24T00:00:00Z',
    );
    expect(JSON.stringify(input)).toBe(before);
  });

  test('every bundled Lambda or Kappa scenario maps to valid inputs with the same end and events', () => {
    for (const file of scenarioFiles) {
      const c = built(text(file));
      const runs = c.columns.filter((r) => r.kind === 'run');
      expect(runs.length, file).toBe(COMPARE_COLUMNS.length);
      for (const r of runs) {
        if (r.kind !== 'run') continue;
        expect(r.scenario.end, file).toBe(c.scenario.end);
        expect(r.scenario.start, file).toBe(c.scenario.start);
        expect(r.scenario.events, file).toEqual(c.scenario.events);
        expect(r.scenario.queries, file).toEqual(c.scenario.queries);
      }
    }
  });
});

describe('the shared timeline', () => {
  const c = built(text('13-kappa-deploy-and-replay.json'));

  test('moments are every step time of every column, sorted, without repeats', () => {
    const sims = c.columns.flatMap((r) => (r.kind === 'run' ? [r.simulation] : []));
    const all = new Set<number>();
    for (const s of sims) for (let i = 0; i < s.stepCount; i++) all.add(s.timeOf(i));
    expect([...c.moments]).toEqual([...all].sort((a, b) => a - b));
    expect(sharedMoments(sims)).toEqual(c.moments);
  });

  test('each column stands at its last step at or before the shared time', () => {
    for (let p = 0; p <= c.moments.length; p++) {
      const time = p === 0 ? -Infinity : c.moments[p - 1];
      for (const r of c.columns) {
        if (r.kind !== 'run') continue;
        const k = columnPosition(r.simulation, c.moments, p);
        if (k > 0) expect(r.simulation.timeOf(k - 1)).toBeLessThanOrEqual(time);
        if (k < r.simulation.stepCount) expect(r.simulation.timeOf(k)).toBeGreaterThan(time);
      }
      if (p > 0) expect(positionAtTime(c.moments, time)).toBe(p);
    }
  });
});

describe('answers over time come from the engine', () => {
  test.each(scenarioFiles)(
    '%s: every column’s served and truth series equal its Simulation at every step',
    (file) => {
      const c = built(text(file));
      for (const r of c.columns) {
        if (r.kind !== 'run') continue;
        const sim: Simulation = r.simulation;
        for (let i = 0; i < sim.stepCount; i++) {
          // Only the last step at an instant is what the timeline shows for that instant.
          if (i + 1 < sim.stepCount && sim.timeOf(i + 1) === sim.timeOf(i)) continue;
          const t = sim.timeOf(i);
          const days = sim.view(i).days;
          for (const [day, points] of r.series.served) {
            const row = days.find((d) => d.day === day);
            expect(valueAt(points, t), `${r.column.label} ${day} step ${i}`).toBe(row?.served ?? 0);
          }
          for (const d of days) {
            expect(r.series.served.has(d.day)).toBe(true);
            const truth = r.series.truth.get(d.day) ?? [];
            expect(valueAt(truth, t), `truth ${d.day} step ${i}`).toBe(d.truth);
          }
        }
      }
    },
  );

  test('truth is the same line in every column (same events, same logic)', () => {
    for (const file of scenarioFiles) {
      const c = built(text(file));
      const [a, b] = c.columns;
      if (a.kind !== 'run' || b.kind !== 'run') continue;
      for (const [day, points] of a.series.truth)
        for (const t of c.moments)
          expect(valueAt(points, t), `${file} ${day}`).toBe(
            valueAt(b.series.truth.get(day) ?? [], t),
          );
    }
  });

  test('work: batch runs re-read the log from scratch, Kappa replays it once per deploy', () => {
    const c = built(text('13-kappa-deploy-and-replay.json'));
    const [lambda, kappa] = c.columns;
    if (lambda.kind !== 'run' || kappa.kind !== 'run') throw new Error('not run');
    const kSteps = kappa.simulation.stepCount;
    let processed = 0;
    for (let i = 0; i < kSteps; i++)
      if (kappa.simulation.kindOf(i) === 'record.processed') processed++;
    expect(kappa.work.streamed[kSteps - 1]).toBe(processed);
    expect(kappa.work.batchRead[kSteps - 1]).toBe(0);
  });
});

describe('what the view selects', () => {
  const c = built(text('01-yesterday-vs-today.json'));

  test('the narration names the day in plain words, with each column’s served number', () => {
    const now = nowAt(c, c.moments.length);
    const day = defaultDay(c)!;
    const line = narrationAt(now, day, 'Tue 24 Nov, 10:00 UTC', 2);
    expect(line).toMatch(/^Tue 24 Nov, 10:00 UTC, for (Sun|Mon|Tue) 2\d Nov: Lambda serves \d+/);
    expect(line).not.toContain(day);
  });

  test('a query stays hidden until the shared timeline reaches it, then shows each column’s answer', () => {
    const before = answerRows(c, nowAt(c, 0));
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((r) => r.cells.every((cell) => cell.answer === null))).toBe(true);
    const end = answerRows(c, nowAt(c, c.moments.length));
    end.forEach((row, k) => {
      row.cells.forEach((cell, j) => {
        const run = c.columns[j];
        if (run.kind !== 'run') return;
        expect(cell.answer).toEqual(run.simulation.report().answers[k]);
      });
    });
  });

  test('the default day is the first query’s day, and the chart has truth and one line per column', () => {
    const day = defaultDay(c)!;
    const first = c.columns[0];
    if (first.kind !== 'run') throw new Error('not run');
    expect(day).toBe(first.simulation.report().answers[0].day);
    expect(chartLines(c, day).map((l) => l.key)).toEqual(['truth', 'lambda', 'kappa', 'unified']);
  });

  test('chart lines stop at the shared time and end at the value in force then', () => {
    const points = [
      { time: 0, value: 0 },
      { time: 10, value: 3 },
      { time: 20, value: 5 },
    ];
    expect(upTo(points, 15)).toEqual([
      { time: 0, value: 0 },
      { time: 10, value: 3 },
      { time: 15, value: 3 },
    ]);
    const layout = chartLayout({
      start: 0,
      end: 3_600_000,
      timeZone: 'UTC',
      width: 600,
      height: 200,
      now: 15,
      lines: [{ key: 'lambda', label: 'Lambda', points }],
    });
    expect(layout.lines[0].end.value).toBe(3);
    expect(layout.lines[0].path).toMatch(/^M/);
  });
});

describe('compare links', () => {
  test('the sandbox address gives a compare address with the same scenario, from the start', () => {
    expect(compareHashFor('#/sandbox?s=05-at-least-once-crash&step=12&speed=4')).toBe(
      '#/compare?s=05-at-least-once-crash',
    );
    expect(compareHashFor('#/sandbox?s=03-x&d=1.abc&step=3')).toBe('#/compare?s=03-x&d=1.abc');
    expect(compareHashFor('#/sandbox?x=1.zzz&step=0')).toBe('#/compare?x=1.zzz');
  });

  test('a corrupt or unknown link names its problem and falls back to the default', async () => {
    const corrupt = await readCompareParams({ x: '1.not-really-packed' });
    expect(corrupt.problem).toMatch(/could not be read.*default scenario/);
    expect(corrupt.id).toBe('01-yesterday-vs-today');
    const unknown = await readCompareParams({ s: 'no-such-scenario' });
    expect(unknown.problem).toMatch(/does not have/);
    const fine = await readCompareParams({ s: '12-kappa-basics', step: '3' });
    expect(fine).toMatchObject({ id: '12-kappa-basics', step: 3, problem: null });
  });

  test('a scenario that is not valid, or too big, is refused with the reason', () => {
    const bad = buildComparison('{"architecture":"lambda"}', COMPARE_COLUMNS);
    expect(bad.ok).toBe(false);
    const big = buildComparison(
      JSON.stringify({
        architecture: 'kappa',
        generate: { count: 5000, from: '2026-11-22T00:00:00Z', to: '2026-11-23T00:00:00Z' },
      }),
      COMPARE_COLUMNS,
    );
    expect(big.ok ? '' : big.problems[0]).toMatch(/5,000 events/);
  });
});

test('parsing is unaffected: the scenario as written keeps its own architecture', () => {
  const c = built(text('12-kappa-basics.json'));
  const parsed = parseScenarioText(text('12-kappa-basics.json'));
  expect(parsed.ok && c.input.architecture).toBe('kappa');
});
