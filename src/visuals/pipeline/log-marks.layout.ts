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

/**
 * The left edge of a label `width` wide for a mark at `anchor`: beside it on the `prefer` side,
 * else on the other side, else the nearest place (2-unit steps, at most `MAX_SHIFT` further) on
 * either side; never overlapping an obstacle and within `bounds`. Null when there is none.
 */
export function placeLabel(
  anchor: number,
  width: number,
  obstacles: readonly Span[],
  bounds: Span,
  prefer: 'after' | 'before' = 'after',
): number | null {
  const free = (left: number) =>
    left >= bounds.left &&
    left + width <= bounds.right &&
    !obstacles.some((o) => Math.min(o.right, left + width) - Math.max(o.left, left) > 0.5);
  const after = anchor + GAP;
  const before = anchor - GAP - width;
  for (let shift = 0; shift <= MAX_SHIFT; shift += 2)
    for (const left of prefer === 'after'
      ? [after + shift, before - shift]
      : [before - shift, after + shift])
      if (free(left)) return left;
  return null;
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

const CUT_OFF = 'cut-off';
const EARLIEST = 'earliest';

/** A label placed on a lane: in the band above the records or below them; `x` is its left edge. */
export interface MarkLabel {
  text: string;
  x: number;
  below: boolean;
  /** What it names: its colour. */
  kind: 'job' | 'batch' | 'earliest';
}

/** Where the lane's marks go, and the labels that found room (the others are left out). */
export interface LaneMarks {
  fetched: number[];
  committed: number[];
  labels: MarkLabel[];
}

/**
 * Places a lane's marks. Two bands: above the records the read positions (triangles pointing
 * down), the batch flags and the names of Kappa's jobs and the run's progress; below them the
 * committed positions (triangles pointing up) and the "cut-off" and "earliest" labels. Poles
 * run through both bands. Does not modify its input.
 */
export function laneMarks({ lane, jobs, run, published, earliest }: LaneMarksInput): LaneMarks {
  const bounds = { left: lane.left - 30, right: lane.right + 8 };
  const fetched = spread(jobs.map((j) => j.fetched));
  const committed = spread(jobs.map((j) => j.committed));
  const flags = [run?.x, published ?? undefined].filter((x) => x !== undefined);
  const above: Span[] = [
    ...fetched.map(triangleSpan),
    ...flags.map((x) => ({ left: x - 1.5, right: x + 13 })),
  ];
  const below: Span[] = [
    ...committed.map(triangleSpan),
    ...flags.map((x) => ({ left: x - 1.5, right: x + 1.5 })),
  ];
  const labels: MarkLabel[] = [];
  const label = (
    text: string,
    at: number,
    kind: MarkLabel['kind'],
    band: Span[],
    prefer: 'after' | 'before',
  ) => {
    const width = markLabelWidth(text);
    const x = placeLabel(at, width, band, bounds, prefer);
    if (x === null) return;
    band.push({ left: x, right: x + width });
    labels.push({ text, x, below: band === below, kind });
  };
  // The run's label goes after its flag (the flag is 12 wide).
  if (run) label(run.label, run.x + 10, 'batch', above, 'after');
  jobs.forEach(
    (job, j) =>
      job.named && label(job.name, fetched[j], 'job', above, j % 2 === 0 ? 'after' : 'before'),
  );
  if (published !== null)
    label(CUT_OFF, published, 'batch', below, published - lane.left > 64 ? 'before' : 'after');
  if (earliest !== null) label(EARLIEST, earliest, 'earliest', below, 'after');
  return { fetched, committed, labels };
}
