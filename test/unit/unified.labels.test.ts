/**
 * The unified plot's labels (`plot.labels.ts`): each goes to the first free spot around its mark,
 * never over an earlier label nor out of the visible area, avoids other marks where it can, and
 * is left out only when no spot is free; on the book's runs at a projector's and a phone's width
 * no two labels overlap at any step.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import table21 from '../../scenarios/31-streaming-systems-table-2-1-retracting.json?raw';
import { formatProblem, parseScenarioText, type Scenario } from '../../src/engine/index.ts';
import type { UnifiedView } from '../../src/engine/unified/unified.view.ts';
import { UnifiedRun } from '../../src/engine/unified/unified.run.ts';
import {
  estimateWidth,
  labelCentre,
  placeLabels,
  plotLabels,
  type Box,
  type LabelRequest,
  type Measure,
  type PlacedLabel,
} from '../../src/visuals/unified/plot.labels.ts';
import { plotLayout } from '../../src/visuals/unified/plot.layout.ts';
import { NO_ZOOM } from '../../src/visuals/unified/plot.scales.ts';

const books = import.meta.glob('../../scenarios/*streaming-systems*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The plot's layout of a unified scenario's `view`, `width` × `height` px, not zoomed. */
function layoutAt(s: Scenario, view: UnifiedView, width: number, height: number) {
  return plotLayout({
    view,
    window: s.unified.window,
    timeZone: s.timeZone,
    start: s.start,
    end: s.end,
    allowedLateness: s.unified.allowedLateness,
    width,
    height,
    zoom: NO_ZOOM,
  });
}

/** Every character 10 px wide: widths the tests can reason about. */
const tenPx: Measure = (text) => text.length * 10;
const AREA: Box = { x1: 0, y1: 0, x2: 400, y2: 300 };
const label = (key: string, x: number, y: number, text = '12', r = 7): LabelRequest => ({
  key,
  text,
  style: 'value',
  x,
  y,
  r,
});
const overlap = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
const within = (a: Box, b: Box) => a.x1 >= b.x1 && a.x2 <= b.x2 && a.y1 >= b.y1 && a.y2 <= b.y2;

describe('placeLabels', () => {
  test('a lone label sits above and right of its mark, its text starting there', () => {
    const at = placeLabels([label('a', 100, 100)], [], AREA, tenPx).get('a')!;
    expect(at.anchor).toBe('start');
    expect(at.box.x1).toBeGreaterThan(107);
    expect(at.box.y2).toBeLessThanOrEqual(100);
    expect(at.box.x2 - at.box.x1).toBe(20);
    expect(at.x).toBe(at.box.x1);
  });

  const cases: [string, LabelRequest[], Box[], (placed: Map<string, PlacedLabel>) => void][] = [
    [
      'two marks side by side: the second label moves off the first',
      [label('a', 100, 100, '18 (−10)'), label('b', 120, 100, '4')],
      [],
      (p) => {
        expect(p.size).toBe(2);
        expect(overlap(p.get('a')!.box, p.get('b')!.box)).toBe(false);
      },
    ],
    [
      'by the right edge the label goes to the left of its mark, ending there',
      [label('a', 395, 100, 'watermark', 4)],
      [],
      (p) => {
        const at = p.get('a')!;
        expect(at.anchor).toBe('end');
        expect(at.box.x2).toBeLessThan(395);
        expect(at.x).toBe(at.box.x2);
      },
    ],
    [
      'at the top edge the label goes below its mark',
      [label('a', 100, 5)],
      [],
      (p) => expect(p.get('a')!.box.y1).toBeGreaterThan(5),
    ],
    [
      'a spot covering another mark is passed over for a free one',
      [label('a', 100, 100)],
      [{ x1: 105, y1: 70, x2: 140, y2: 100 }],
      (p) => expect(overlap(p.get('a')!.box, { x1: 105, y1: 70, x2: 140, y2: 100 })).toBe(false),
    ],
    [
      'a mark out of sight (zoomed or panned away) has no label, and takes no room',
      [label('out', 480, 100), label('a', 300, 100, 'watermark', 4)],
      [],
      (p) => {
        expect(p.has('out')).toBe(false);
        expect(p.get('a')!.anchor).toBe('start');
      },
    ],
  ];
  test.each(cases)('%s', (_, requests, marks, check) => {
    check(placeLabels(requests, marks, AREA, tenPx));
  });

  test('with no free spot the later label is left out, the earlier one kept', () => {
    // A 30 × 30 area: one two-digit label fills the only spot.
    const tiny: Box = { x1: 0, y1: 0, x2: 40, y2: 26 };
    const placed = placeLabels(
      [label('a', 4, 24, '12', 1), label('b', 6, 24, '34', 1)],
      [],
      tiny,
      tenPx,
    );
    expect([...placed.keys()]).toEqual(['a']);
  });

  test('does not change its input', () => {
    const requests = [label('a', 100, 100), label('b', 110, 104)];
    const marks = [{ x1: 0, y1: 0, x2: 5, y2: 5 }];
    const copy = structuredClone([requests, marks]);
    placeLabels(requests, marks, AREA, tenPx);
    expect([requests, marks]).toEqual(copy);
  });

  test('property: placed labels never overlap and stay in the visible area', () => {
    const request = fc.record({
      x: fc.integer({ min: 0, max: 400 }),
      y: fc.integer({ min: 0, max: 300 }),
      text: fc.string({ minLength: 1, maxLength: 8 }),
      r: fc.integer({ min: 0, max: 9 }),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 60 }), (raw) => {
        const requests = raw.map((q, i) => label(`k${i}`, q.x, q.y, q.text, q.r));
        const placed = [...placeLabels(requests, [], AREA, tenPx).values()];
        for (let i = 0; i < placed.length; i++) {
          expect(within(placed[i].box, AREA)).toBe(true);
          for (let j = i + 1; j < placed.length; j++)
            expect(overlap(placed[i].box, placed[j].box)).toBe(false);
        }
      }),
    );
  });
});

describe('plotLabels on the book’s runs', () => {
  for (const [file, text] of Object.entries(books)) {
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
    const s = parsed.scenario;
    const run = UnifiedRun.create(s);
    test(`${file.split('/').pop()}: no two labels overlap at any step, 1000 and 360 px wide`, () => {
      for (const [width, height] of [
        [1000, 440],
        [360, 440],
      ]) {
        for (let i = 0; i < run.stepCount; i++) {
          const layout = layoutAt(s, run.view(i), width, height);
          const labels = plotLabels(layout, true, estimateWidth);
          const boxes = [
            ...labels.panes.values(),
            ...labels.records.values(),
            ...(labels.watermark ? [labels.watermark] : []),
          ].map((l) => l.box);
          for (let a = 0; a < boxes.length; a++)
            for (let b = a + 1; b < boxes.length; b++)
              expect(overlap(boxes[a], boxes[b]), `${width} px, step ${i}`).toBe(false);
          // 1000 px wide, every pane's value is written beside it.
          if (width === 1000) expect(labels.panes.size).toBe(layout.panes.length);
        }
      }
    });
  }

  test('the retracting run’s last step: every pane, record and the watermark labelled', () => {
    const parsed = parseScenarioText(table21);
    if (!parsed.ok) throw new Error('table 2-1');
    const s = parsed.scenario;
    const run = UnifiedRun.create(s);
    const layout = layoutAt(s, run.view(run.stepCount - 1), 1000, 440);
    const labels = plotLabels(layout, true, estimateWidth);
    expect(layout.panes.length).toBeGreaterThan(5);
    expect(labels.panes.size).toBe(layout.panes.length);
    expect(labels.records.size).toBe(layout.records.length);
    expect(labels.watermark).not.toBeNull();
  });
});

describe('event-time axis labels (labelCentre)', () => {
  test('a label that fits stays centred on its tick; one near an edge moves in just enough', () => {
    expect(labelCentre(200, 40, 400)).toBe(200);
    expect(labelCentre(390, 40, 400)).toBe(378);
    expect(labelCentre(5, 40, 400)).toBe(22);
    // Wider than the picture: centred (nothing better exists).
    expect(labelCentre(10, 500, 400)).toBe(200);
  });

  test('property: a label that fits is drawn whole and still over its tick (one inside the margins)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 40, max: 2000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        (width, where, textWidth) => {
          fc.pre(textWidth + 4 <= width);
          // A tick inside the picture's margins (the plot's ticks are 32 px and more inside).
          const at = 2 + where * (width - 4);
          const c = labelCentre(at, textWidth, width);
          expect(c - textWidth / 2).toBeGreaterThanOrEqual(2 - 1e-9);
          expect(c + textWidth / 2).toBeLessThanOrEqual(width - 2 + 1e-9);
          expect(Math.abs(c - at)).toBeLessThanOrEqual(textWidth / 2 + 1e-9);
        },
      ),
    );
  });

  // The book's runs at every width from a phone's to a projector's: no tick label of the
  // event-time axis is cut off at the picture's edge (the last one, "Sat 10 Jan", was on a phone).
  test('the book’s runs, 300 to 1400 px wide: every event-time tick label whole', () => {
    let moved = 0;
    for (const text of Object.values(books)) {
      const parsed = parseScenarioText(text);
      if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
      const s = parsed.scenario;
      const run = UnifiedRun.create(s);
      for (let width = 300; width <= 1400; width += 10) {
        const layout = layoutAt(s, run.view(run.stepCount - 1), width, 440);
        for (const tick of layout.xTicks) {
          const w = estimateWidth(tick.label, 'plain');
          const c = labelCentre(tick.at, w, width);
          if (c !== tick.at) moved++;
          expect(c - w / 2, `${width} px: ${tick.label}`).toBeGreaterThanOrEqual(0);
          expect(c + w / 2, `${width} px: ${tick.label}`).toBeLessThanOrEqual(width);
        }
      }
    }
    // The case exists on these runs (else this test would prove nothing).
    expect(moved).toBeGreaterThan(0);
  });
});
