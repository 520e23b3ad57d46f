/**
 * Where the position marks on a log lane and their labels go, so that no two overlap (issue 7):
 * triangles of two jobs at the same offset sit side by side, and a label ("v2", "run 40%",
 * "cut-off", "earliest") goes beside its mark where nothing else is, else a little further
 * along, else it is left out (its mark keeps a tooltip, and the legend names it).
 */
import { textWidth } from './pipeline.layout.ts';

/** A horizontal extent on a lane, in SVG units. */
export interface Span {
  left: number;
  right: number;
}

/** Half the width of a position triangle (size 9, `trianglePath`). */
export const TRIANGLE_HALF = 6.3;
/** Centres of two triangles side by side (apart by a hair). */
export const TRIANGLE_PITCH = 2 * TRIANGLE_HALF + 1;
/** Gap between a label and its mark. */
const GAP = 4;
/** A label further than this from its mark would no longer read as its label. */
const MAX_SHIFT = 40;

/** Width of a mark label (16-px semi-bold text). */
export function markLabelWidth(text: string): number {
  return textWidth(text) * 1.08 + 2;
}

export const triangleSpan = (x: number): Span => ({
  left: x - TRIANGLE_HALF,
  right: x + TRIANGLE_HALF,
});

/**
 * Moves marks apart that would overlap: each group of marks closer than `pitch` to the next is
 * spread evenly about the group's mean, `pitch` apart. Returns the new centres in input order.
 * Does not modify its input.
 */
export function spread(xs: readonly number[], pitch = TRIANGLE_PITCH): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x || a.i - b.i);
  const out = new Array<number>(xs.length);
  let group: { x: number; i: number }[] = [];
  const flush = () => {
    const mean = group.reduce((s, g) => s + g.x, 0) / group.length;
    group.forEach((g, k) => (out[g.i] = mean + (k - (group.length - 1) / 2) * pitch));
    group = [];
  };
  for (const mark of order) {
    // The group as spread so far ends at mean + (n − 1) / 2 · pitch: a mark within a pitch of
    // that joins it.
    if (group.length > 0) {
      const mean = group.reduce((s, g) => s + g.x, 0) / group.length;
      if (mark.x - (mean + ((group.length - 1) / 2) * pitch) >= pitch) flush();
    }
    group.push(mark);
  }
  if (group.length > 0) flush();
  return out;
}

const overlaps = (a: Span, b: Span) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5;

/**
 * The left edge of a label `width` wide for a mark at `anchor`: on the `prefer` side of it, or
 * on the other side, or just past the nearest obstacle on either side; never overlapping an
 * obstacle, within `[min, max]` and at most `MAX_SHIFT` further than beside the mark. Null when
 * there is no such place.
 */
export function placeLabel(
  anchor: number,
  width: number,
  obstacles: readonly Span[],
  bounds: Span,
  prefer: 'after' | 'before' = 'after',
): number | null {
  const after = anchor + GAP;
  const before = anchor - GAP - width;
  const candidates = [after, before];
  for (const o of obstacles) {
    if (o.right + GAP > after) candidates.push(o.right + GAP);
    if (o.left - GAP - width < before) candidates.push(o.left - GAP - width);
  }
  const wanted = prefer === 'after' ? after : before;
  let best: number | null = null;
  let cost = Infinity;
  for (const left of candidates) {
    const span = { left, right: left + width };
    if (left < bounds.left || span.right > bounds.right) continue;
    const shift = left >= after ? left - after : before - left;
    if (shift > MAX_SHIFT) continue;
    if (obstacles.some((o) => overlaps(o, span))) continue;
    // Beside the mark on the preferred side first, then the other side, then the least shift.
    const c = shift + (left === wanted ? 0 : 0.5);
    if (c < cost) [best, cost] = [left, c];
  }
  return best;
}

/** What one lane shows, as x positions (boundaries already computed: `boundaryX`). */
export interface LaneMarksInput {
  lane: Span;
  /** Live stream jobs: where they have read to and committed, and whether their name is shown. */
  jobs: readonly { name: string; fetched: number; committed: number; named: boolean }[];
  /** A batch run in progress: its cut-off and its label ("run 40%"). */
  run: { x: number; label: string } | null;
  /** The published batch cut-off. */
  published: number | null;
  /** The earliest retained offset, when retention has deleted records. */
  earliest: number | null;
}

/** Where the lane's marks and labels go: label positions are left edges, null if left out. */
export interface LaneMarks {
  fetched: number[];
  committed: number[];
  names: (number | null)[];
  runLabel: number | null;
  cutOffLabel: number | null;
  earliestLabel: number | null;
}

export const CUT_OFF = 'cut-off';
export const EARLIEST = 'earliest';

/**
 * Places a lane's marks. Two bands: above the records the read positions (triangles pointing
 * down), the batch flags and the names of Kappa's jobs and the run's progress; below them the
 * committed positions (triangles pointing up) and the "cut-off" and "earliest" labels. Poles
 * run through both bands. Does not modify its input.
 */
export function laneMarks(input: LaneMarksInput): LaneMarks {
  const { lane, jobs, run, published, earliest } = input;
  const bounds = { left: lane.left - 30, right: lane.right + 8 };
  const fetched = spread(jobs.map((j) => j.fetched));
  const committed = spread(jobs.map((j) => j.committed));
  const flags = [run?.x, published ?? undefined].filter((x) => x !== undefined);

  const above: Span[] = [
    ...fetched.map(triangleSpan),
    ...flags.map((x) => ({ left: x - 1.5, right: x + 13 })),
  ];
  const label = (text: string, at: number, band: Span[], prefer: 'after' | 'before') => {
    const width = markLabelWidth(text);
    const left = placeLabel(at, width, band, bounds, prefer);
    if (left !== null) band.push({ left, right: left + width });
    return left;
  };
  // The run's label goes after its flag (the flag is 12 wide).
  const runLabel = run ? label(run.label, run.x + 10, above, 'after') : null;
  const names = jobs.map((job, j) =>
    job.named ? label(job.name, fetched[j], above, j % 2 === 0 ? 'after' : 'before') : null,
  );

  const below: Span[] = [
    ...committed.map(triangleSpan),
    ...flags.map((x) => ({ left: x - 1.5, right: x + 1.5 })),
  ];
  const cutOffLabel =
    published === null
      ? null
      : label(CUT_OFF, published, below, published - lane.left > 64 ? 'before' : 'after');
  const earliestLabel = earliest === null ? null : label(EARLIEST, earliest, below, 'after');
  return { fetched, committed, names, runLabel, cutOffLabel, earliestLabel };
}
