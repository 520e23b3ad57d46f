import { scaleLinear } from 'd3-scale';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { LogRecordView } from '../../src/engine/simulation/simulation.types.ts';
import {
  boundaryX,
  clamp01,
  countScale,
  labelStep,
  labelWidth,
  laneSlots,
  lerp,
  slotCentre,
  stageLayout,
  timeFraction,
} from '../../src/visuals/pipeline/pipeline.layout.ts';
import { alongPath, route } from '../../src/visuals/pipeline/pipeline.motion.ts';

function record(partition: number, offset: number, index = offset): LogRecordView {
  return {
    index,
    id: `e${index}`,
    user: `u${index}`,
    time: 0,
    arrival: 0,
    partition,
    offset,
    copy: 0,
    outOfOrder: false,
    lateness: 0,
    deleted: false,
    processedBy: {},
    lostBy: [],
    inBatchView: false,
  };
}

/** Relative luminance contrast (WCAG 2). */
function contrast(a: string, b: string): number {
  const lum = (hex: string): number => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('pipeline layout', () => {
  test.each([
    [0, 10, 0, 0],
    [0, 10, 1, 10],
    [0, 10, 0.25, 2.5],
    [10, 0, 0.5, 5],
    [-4, 4, 0.75, 2],
  ])('lerp(%d, %d, %d) is %d', (from, to, t, expected) => {
    expect(lerp(from, to, t)).toBe(expected);
  });

  test.each([
    [0, 1000, 500, 0.5],
    [0, 1000, -10, 0],
    [0, 1000, 2000, 1],
    [100, 100, 99, 0],
    [100, 100, 100, 1],
  ])('timeFraction(%d, %d, %d) is %d', (start, end, now, expected) => {
    expect(timeFraction(start, end, now)).toBe(expected);
  });

  test.each([
    [-1, 0],
    [0.3, 0.3],
    [7, 1],
    [Number.NaN, 0],
  ])('clamp01(%d) is %d', (t, expected) => {
    expect(clamp01(t)).toBe(expected);
  });

  test.each([
    ['lambda', false, 1],
    ['lambda', true, 3],
    ['kappa', false, 2],
    ['kappa', true, 1],
  ] as const)(
    '%s layout (narrow: %s, %d partitions) keeps every stage inside the picture',
    (architecture, narrow, partitions) => {
      const jobs = architecture === 'lambda' ? ['speed'] : ['v1', 'v2'];
      const layout = stageLayout({ architecture, partitions, jobs, narrow });
      expect(layout.lanes).toHaveLength(partitions);
      expect(layout.batch === null).toBe(architecture === 'kappa');
      const rects = [
        layout.source,
        layout.log,
        layout.serving,
        layout.query,
        ...Object.values(layout.jobs),
      ];
      for (const r of rects) {
        expect(r.x).toBeGreaterThanOrEqual(0);
        expect(r.x + r.width).toBeLessThanOrEqual(layout.width);
        expect(r.y + r.height).toBeLessThanOrEqual(layout.height);
      }
      expect(layout.width).toBe(narrow ? 720 : 1000);
    },
  );

  test('each lane shows its own partition, oldest first, with a spare slot for the next record', () => {
    const layout = stageLayout({
      architecture: 'lambda',
      partitions: 2,
      jobs: ['speed'],
      narrow: false,
    });
    const recent = [record(1, 0, 0), record(0, 0, 1), record(0, 1, 2), record(1, 1, 3)];
    const slots = laneSlots(recent, layout.lanes, [2, 2]);
    expect(slots.map((s) => s.records.map((r) => r.index))).toEqual([
      [1, 2],
      [0, 3],
    ]);
    const lane = layout.lanes[0];
    expect(slotCentre(lane, slots[0], 1).x).toBeGreaterThan(slotCentre(lane, slots[0], 0).x);
    expect(boundaryX(lane, slots[0], 2)).toBeLessThan(lane.x + lane.width);
    expect(boundaryX(lane, slots[0], -5)).toBe(lane.x);
  });

  test('a full lane keeps its most recent records', () => {
    const layout = stageLayout({
      architecture: 'lambda',
      partitions: 1,
      jobs: ['speed'],
      narrow: true,
    });
    const recent = Array.from({ length: 60 }, (_, i) => record(0, i));
    const [slots] = laneSlots(recent, layout.lanes, [60]);
    expect(slots.records.length).toBeLessThan(60);
    expect(slots.records.at(-1)?.offset).toBe(59);
    expect(slots.slotWidth).toBeGreaterThanOrEqual(14);
  });

  test('laneSlots does not mutate its input', () => {
    const layout = stageLayout({
      architecture: 'kappa',
      partitions: 1,
      jobs: ['v1'],
      narrow: false,
    });
    const recent = [record(0, 2, 2), record(0, 0, 0), record(0, 1, 1)];
    const copy = structuredClone(recent);
    laneSlots(recent, layout.lanes, [3]);
    expect(recent).toEqual(copy);
  });

  test.each([
    [0, { x: 0, y: 0 }],
    [0.5, { x: 10, y: 0 }],
    [0.75, { x: 10, y: 5 }],
    [1, { x: 10, y: 10 }],
  ])('alongPath at %d follows the polyline by length', (t, expected) => {
    const path = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
    ];
    expect(alongPath(path, t)).toEqual(expected);
  });

  test('a token leaving the log runs along its lane to the log edge first', () => {
    const layout = stageLayout({
      architecture: 'lambda',
      partitions: 1,
      jobs: ['speed'],
      narrow: false,
    });
    const from = { x: 200, y: 100 };
    const points = route(layout, from, { x: 700, y: 300 }, 'log');
    expect(points[1]).toEqual({ x: layout.log.x + layout.log.width, y: 100 });
    expect(points.at(-1)).toEqual({ x: 700, y: 300 });
  });

  test.each([
    [4, 100, [0, 50, 100]],
    [3, 60, [0, 20, 60]],
    [0, 100, [0, 0, 100]],
  ])('countScale(%d, %d) draws every count on the same scale', (max, space, widths) => {
    const scale = countScale(max, space);
    expect([0, scale.max / 2, scale.max].map(scale.width)).toEqual([widths[0], space / 2, space]);
    expect(scale.width(max)).toBe(max === 0 ? 0 : widths[2]);
    expect(scale.width(-3)).toBe(0);
    expect(scale.ticks.every(Number.isInteger)).toBe(true);
  });

  test('countScale computes what d3-scale’s nice, clamped linear scale computes', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 5_000_000 })),
        fc.integer({ min: 40, max: 400 }),
        fc.integer({ min: -10, max: 6_000_000 }),
        (max, space, count) => {
          const ours = countScale(max, space);
          const d3 = scaleLinear()
            .domain([0, Math.max(1, max)])
            .range([0, space])
            .nice(4)
            .clamp(true);
          const top = d3.domain()[1];
          expect(ours.max).toBe(top);
          expect(ours.width(count)).toBe(d3(Math.max(0, count)));
          expect(ours.width(max)).toBe(d3(max));
          const fit = Math.max(1, Math.floor(space / labelWidth(String(top).length + 1)));
          // d3's ticks, thinned so that adjacent labels stand apart (large counts).
          const all = d3.ticks(Math.min(4, fit, top)).filter(Number.isInteger);
          expect(ours.ticks[0]).toBe(all[0]);
          expect(all).toEqual(expect.arrayContaining(ours.ticks));
          for (let i = 1; i < ours.ticks.length; i++)
            expect(
              ours.width(ours.ticks[i]) - ours.width(ours.ticks[i - 1]),
            ).toBeGreaterThanOrEqual(labelWidth(String(top).length));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('labelStep thins labels to round offsets that never overlap', () => {
    expect(labelStep(40, 30)).toBe(1);
    expect(labelStep(18, 30)).toBe(2);
    expect(labelStep(10, 30)).toBe(5);
    expect(labelStep(2, 70)).toBe(50);
  });

  test('the palette keeps 3:1 for marks and 4.5:1 for text on white', async () => {
    const { palette } = await import('../../src/visuals/palette.ts');
    for (const text of [
      palette.ink,
      palette.muted,
      palette.batch,
      palette.speedText,
      palette.duplicateText,
      palette.againText,
      palette.lateText,
    ]) {
      expect(contrast(text, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
    for (const mark of [
      palette.ink,
      palette.batch,
      palette.speed,
      palette.duplicate,
      palette.crashed,
    ]) {
      expect(contrast(mark, '#ffffff')).toBeGreaterThanOrEqual(3);
    }
  });
});
