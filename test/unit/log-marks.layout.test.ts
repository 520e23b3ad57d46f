import { describe, expect, it } from 'vitest';
import {
  TRIANGLE_PITCH,
  laneMarks,
  markLabelWidth,
  placeLabel,
  spread,
  triangleSpan,
} from '../../src/visuals/pipeline/log-marks.layout.ts';

describe('spread', () => {
  it.each([
    { xs: [], want: [] },
    { xs: [10], want: [10] },
    { xs: [10, 100], want: [10, 100] },
    { xs: [50, 50], want: [50 - TRIANGLE_PITCH / 2, 50 + TRIANGLE_PITCH / 2] },
    {
      xs: [60, 50, 50],
      want: [50 + 10 / 3 + TRIANGLE_PITCH, 50 + 10 / 3 - TRIANGLE_PITCH, 50 + 10 / 3],
    },
  ])('spreads $xs apart', ({ xs, want }) => {
    const got = spread(xs);
    expect(got.length).toBe(want.length);
    got.forEach((x, i) => expect(x).toBeCloseTo(want[i], 6));
  });

  it('leaves marks at least a pitch apart, and does not modify its input', () => {
    const xs = [5, 7, 7, 30, 31, 90];
    const got = spread(xs);
    expect(xs).toEqual([5, 7, 7, 30, 31, 90]);
    const sorted = [...got].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i] - sorted[i - 1]).toBeGreaterThanOrEqual(TRIANGLE_PITCH - 1e-9);
  });
});

describe('placeLabel', () => {
  const bounds = { left: 0, right: 300 };
  it('goes beside its mark on the side asked for when that side is free', () => {
    expect(placeLabel(100, 40, [], bounds, 'after')).toBe(104);
    expect(placeLabel(100, 40, [], bounds, 'before')).toBe(56);
  });
  it('takes the other side when the asked side is taken', () => {
    expect(placeLabel(100, 40, [{ left: 110, right: 120 }], bounds, 'after')).toBe(56);
  });
  it('moves just past an obstacle when both sides are taken', () => {
    const obstacles = [triangleSpan(108), triangleSpan(80)];
    const left = placeLabel(100, 40, obstacles, bounds, 'after')!;
    expect(left).toBeCloseTo(108 + 6.3 + 4, 6);
  });
  it('stays within its bounds, and is left out when there is no room near its mark', () => {
    expect(placeLabel(290, 40, [], bounds, 'after')).toBe(246);
    expect(placeLabel(100, 40, [{ left: 20, right: 200 }], bounds, 'after')).toBeNull();
  });
});

describe('laneMarks', () => {
  const lane = { left: 40, right: 340 };
  const overlap = (a: { left: number; right: number }, b: { left: number; right: number }) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5;

  it('keeps "earliest" clear of a committed triangle at the same place (Kappa retention)', () => {
    const marks = laneMarks({
      lane,
      jobs: [
        { name: 'v1', fetched: 200, committed: 200, named: true },
        { name: 'v2', fetched: 120, committed: 124, named: true },
      ],
      run: null,
      published: null,
      earliest: 110,
    });
    const label = {
      left: marks.earliestLabel!,
      right: marks.earliestLabel! + markLabelWidth('earliest'),
    };
    for (const x of marks.committed) expect(overlap(label, triangleSpan(x))).toBe(false);
  });

  it('puts two jobs at the same offset side by side, and their names clear of both', () => {
    const marks = laneMarks({
      lane,
      jobs: [
        { name: 'v1', fetched: 200, committed: 200, named: true },
        { name: 'v2', fetched: 200, committed: 200, named: true },
      ],
      run: null,
      published: null,
      earliest: null,
    });
    expect(Math.abs(marks.fetched[0] - marks.fetched[1])).toBeGreaterThanOrEqual(12.6);
    expect(Math.abs(marks.committed[0] - marks.committed[1])).toBeGreaterThanOrEqual(12.6);
    const names = marks.names.map((left, j) => ({
      left: left!,
      right: left! + markLabelWidth(`v${j + 1}`),
    }));
    expect(overlap(names[0], names[1])).toBe(false);
    for (const name of names)
      for (const x of marks.fetched) expect(overlap(name, triangleSpan(x))).toBe(false);
  });
});
