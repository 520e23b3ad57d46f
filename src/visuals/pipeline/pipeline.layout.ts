/**
 * Pure layout of the pipeline picture: where each stage, log lane, record slot and marker sits,
 * and the interpolation moving tokens use (their routes are in `pipeline.motion.ts`). Nothing here reads the DOM or the wall clock:
 * a token's position is a function of simulated time, so pausing, scrubbing and stepping back
 * just work. (A few lines of arithmetic; no D3 module is needed for these linear maps.)
 */
import { nice, ticks } from 'd3-array';
import type { LogRecordView, SimulationView } from '../../engine/simulation/simulation.types.ts';

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Linear interpolation: `t` 0 gives `from`, 1 gives `to` (no clamping). */
export function lerp(from: number, to: number, t: number): number {
  return from + (to - from) * t;
}

export function clamp01(t: number): number {
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, t));
}

export function lerpPoint(from: Point, to: Point, t: number): Point {
  return { x: lerp(from.x, to.x, t), y: lerp(from.y, to.y, t) };
}

/**
 * How far a journey from `start` to `end` (simulated ms) has come at `now`, 0..1. A journey
 * that takes no time is done as soon as `now` reaches its end.
 */
export function timeFraction(start: number, end: number, now: number): number {
  if (end <= start) return now >= end ? 1 : 0;
  return clamp01((now - start) / (end - start));
}

/**
 * Type sizes of the picture, in CSS pixels: the picture is drawn one SVG unit to one CSS pixel
 * (see `stageLayout`), so these are the sizes on screen at 100 % zoom and grow with browser
 * zoom. Body text 16 px (readable from the back of a room), numbers that matter larger.
 */
export const TEXT = 16;
export const TITLE = 17;
export const NUMBER = 19;
/** Line pitch of 16-px text. */
export const LINE = 22;

/** Height of one partition's lane: job names, id, record, offset, committed and cut-off marks. */
export const LANE_HEIGHT = 100;
/** Where the record row sits inside a lane. */
export const RECORD_DY = 54;
/** Baselines of the id (above the record) and the offset (below it) inside a lane. */
export const ID_DY = 36;
export const OFFSET_DY = 80;
const LOG_HEADER = 52;
const LANE_LABEL = 40;
const GAP = 16;
/** Below this width (CSS px) the picture stacks its stages vertically. */
export const NARROW_BELOW = 900;
/** Width assumed before the picture has been measured (and in tests without layout). */
export const DEFAULT_WIDTH = 1000;

export interface StageLayout {
  narrow: boolean;
  /** The embed's compact flow (`StageInput.compact`). */
  compact: boolean;
  /** Height of a stream job's head (its box above its per-day bars). */
  jobHead: number;
  width: number;
  height: number;
  source: Rect;
  log: Rect;
  /** One per partition: the strip the records of that partition sit in. */
  lanes: Rect[];
  batch: Rect | null;
  /** Stream jobs by name: `speed` (Lambda), `v1`, `v2`… (Kappa). */
  jobs: Record<string, Rect>;
  serving: Rect;
  query: Rect;
}

export interface StageInput {
  architecture: SimulationView['architecture'];
  partitions: number;
  jobs: readonly string[];
  /** Stack the stages; by default, when `width` is below `NARROW_BELOW`. */
  narrow?: boolean;
  /** Width available, in CSS pixels (the picture is drawn at one unit per pixel). */
  width?: number;
  /** Days the serving layer lists (its height follows them). */
  days?: number;
  /**
   * The embed's compact flow (an iframe of 640 × 400): left to right as when wide, with
   * narrower boxes, job heads one line shorter and smaller gaps, so that the whole picture fits
   * a short frame scaled to no less than `MIN_EMBED_SCALE`. Ignored when `narrow`.
   */
  compact?: boolean;
}

/** A job box's head: title, positions (labels and values), lag and in-flight. */
export const JOB_HEAD = 124;
/** The compact head: lag and in-flight share one line (no lag gauge). */
export const COMPACT_JOB_HEAD = 102;
/**
 * The smallest scale of the embed's compact picture: its 16-px text rendered at 13 px, the
 * project's floor for text on screen.
 */
export const MIN_EMBED_SCALE = 13 / 16;
/** Below this width (CSS px, before scaling) the compact flow's log has no room: it stacks. */
export const COMPACT_MIN_WIDTH = 740;
/** Per-day bars: a caption, then one row per day, then the count axis. */
export const BAR_ROW = 22;
/** Room for the count axis under a box's bars: its baseline and 16-px tick labels. */
export const COUNT_AXIS = 26;
const barsHeight = (days: number): number => 26 + days * BAR_ROW + COUNT_AXIS;
const BATCH_HEAD = 100;
/** Kappa: the gap between a job's box and its table under it. */
export const KAPPA_TABLE_DY = 4;
/**
 * Kappa: the gap between one job's table and the next job. Stacked jobs' tables share one count
 * axis, drawn under the last table only (same scale, same x), so that two jobs (a replay) fit a
 * 768-px screen with the picture's time strip.
 */
const KAPPA_GAP = 10;
/** Height of a Kappa job's box with its table; `last` draws the shared count axis. */
function kappaJobHeight(days: number, last: boolean, head = JOB_HEAD): number {
  // Without the axis, room is kept under the last row for its 19-px number.
  return head + KAPPA_TABLE_DY + barsHeight(days) - (last ? 0 : COUNT_AXIS - 8);
}
/** Serving: a title row, then one row per day (at most four). */
export const SERVING_ROW = 72;
const QUERY_HEIGHT = 150;
const BRANCH_WIDTH = 290;
const SERVING_WIDTH = 290;
/**
 * Compact: the bars need 104 (day) + `COMPACT_COUNT_SPACE` + the number; the words of the
 * serving layer and the queries shorten to fit (they measure their box).
 */
const COMPACT_BRANCH_WIDTH = 260;
const COMPACT_SERVING_WIDTH = 250;

/**
 * Rectangles of every stage: a left-to-right flow when wide, a vertical stack when narrow. The
 * result is in CSS pixels for the `width` given, so text keeps its size whatever the width.
 */
export function stageLayout(input: StageInput): StageLayout {
  const partitions = Math.max(1, input.partitions);
  const lambda = input.architecture === 'lambda';
  const days = Math.min(4, Math.max(1, input.days ?? 4));
  const available = Math.max(300, Math.round(input.width ?? DEFAULT_WIDTH));
  const narrow = input.narrow ?? available < (input.compact ? COMPACT_MIN_WIDTH : NARROW_BELOW);
  const compact = !narrow && input.compact === true;
  const jobHead = compact ? COMPACT_JOB_HEAD : JOB_HEAD;
  const jobHeight = (i: number): number =>
    lambda
      ? jobHead + barsHeight(days)
      : kappaJobHeight(days, i === input.jobs.length - 1, jobHead);
  const gap = compact ? 8 : GAP;
  const jobGap = lambda ? gap : KAPPA_GAP;
  const batchHeight = BATCH_HEAD + barsHeight(days);
  const logHeight = LOG_HEADER + partitions * LANE_HEIGHT + 8;
  const jobs: Record<string, Rect> = {};
  const servingHeight = 36 + days * SERVING_ROW + COUNT_AXIS;

  if (narrow) {
    const width = Math.min(available, 720);
    const full = width - 16;
    const source: Rect = { x: 8, y: 4, width: full, height: 34 };
    const log: Rect = { x: 8, y: source.y + source.height + 24, width: full, height: logHeight };
    let y = log.y + log.height + GAP + 8;
    let batch: Rect | null = null;
    if (lambda) {
      batch = { x: 8, y, width: full, height: batchHeight };
      y += batchHeight + GAP + 8;
    }
    input.jobs.forEach((name, i) => {
      jobs[name] = { x: 8, y, width: full, height: jobHeight(i) };
      y += jobHeight(i) + (i === input.jobs.length - 1 ? GAP + 8 : jobGap);
    });
    const serving: Rect = { x: 8, y, width: full, height: servingHeight };
    const query: Rect = {
      x: 8,
      y: serving.y + serving.height + GAP,
      width: full,
      height: QUERY_HEIGHT,
    };
    return {
      narrow: true,
      compact: false,
      jobHead,
      width,
      height: query.y + query.height + 8,
      source,
      log,
      lanes: lanesOf(log, partitions),
      batch,
      jobs,
      serving,
      query,
    };
  }

  const width = available;
  const top = compact ? 2 : 4;
  const servingWidth = compact ? COMPACT_SERVING_WIDTH : SERVING_WIDTH;
  const branchWidth = compact ? COMPACT_BRANCH_WIDTH : BRANCH_WIDTH;
  const servingX = width - 8 - servingWidth;
  const branchX = servingX - (compact ? 18 : 26) - branchWidth;
  const logWidth = branchX - (compact ? 22 : 30) - 8;
  const source: Rect = { x: 8, y: top, width: logWidth, height: 34 };
  const log: Rect = { x: 8, y: top + 34 + 22, width: logWidth, height: logHeight };
  let y = top;
  let batch: Rect | null = null;
  if (lambda) {
    batch = { x: branchX, y, width: branchWidth, height: batchHeight };
    y += batchHeight + gap;
  }
  input.jobs.forEach((name, i) => {
    jobs[name] = { x: branchX, y, width: branchWidth, height: jobHeight(i) };
    y += jobHeight(i) + (i === input.jobs.length - 1 ? gap : jobGap);
  });
  const serving: Rect = { x: servingX, y: top, width: servingWidth, height: servingHeight };
  const query: Rect = {
    x: servingX,
    y: top + servingHeight + gap,
    width: servingWidth,
    height: QUERY_HEIGHT,
  };
  const bottom = Math.max(log.y + log.height, y - gap, query.y + query.height);
  return {
    narrow: false,
    compact,
    jobHead,
    width,
    height: bottom + (compact ? 4 : 8),
    source,
    log,
    lanes: lanesOf(log, partitions),
    batch,
    jobs,
    serving,
    query,
  };
}

function lanesOf(log: Rect, partitions: number): Rect[] {
  return Array.from({ length: partitions }, (_, p) => ({
    x: log.x + LANE_LABEL,
    y: log.y + LOG_HEADER + p * LANE_HEIGHT,
    width: log.width - LANE_LABEL - 10,
    height: LANE_HEIGHT,
  }));
}

/** The records a lane can show, and how its offsets map to x. */
export interface LaneSlots {
  /** Offset of the first slot (the oldest record shown in this partition). */
  base: number;
  slotWidth: number;
  /** The records shown, oldest first. */
  records: LogRecordView[];
}

/** Narrowest slot: below this a lane shows fewer (the most recent) records instead. */
export const MIN_SLOT = 18;
const MAX_SLOT = 40;

/**
 * Splits the recent records into lanes and sizes the slots. Each lane keeps its most recent
 * records that fit, plus one spare slot at the end for the record arriving next. Does not
 * modify its input.
 */
export function laneSlots(
  recent: readonly LogRecordView[],
  lanes: readonly Rect[],
  endOffsets: readonly number[],
): LaneSlots[] {
  return lanes.map((lane, p) => {
    const capacity = Math.max(1, Math.floor(lane.width / MIN_SLOT) - 1);
    const mine = recent.filter((r) => r.partition === p).sort((a, b) => a.offset - b.offset);
    const records = mine.slice(Math.max(0, mine.length - capacity));
    const base = records.length > 0 ? records[0].offset : (endOffsets[p] ?? 0);
    const slotWidth = Math.min(MAX_SLOT, lane.width / Math.max(8, records.length + 1));
    return { base, slotWidth, records };
  });
}

/** Centre of the slot of `offset` in a lane (it may lie past the lane's end: see `clampX`). */
export function slotCentre(lane: Rect, slots: LaneSlots, offset: number): Point {
  return {
    x: lane.x + (offset - slots.base + 0.5) * slots.slotWidth,
    y: lane.y + RECORD_DY,
  };
}

/** X of the boundary just before `offset` (where a position marker "at offset o" points), kept inside the lane. */
export function boundaryX(lane: Rect, slots: LaneSlots, offset: number): number {
  return clampX(lane, lane.x + (offset - slots.base) * slots.slotWidth);
}

export function clampX(lane: Rect, x: number): number {
  return Math.min(lane.x + lane.width, Math.max(lane.x, x));
}

/** Width of a 16-px label of `chars` characters (digits and lower-case letters), with a gap. */
export function labelWidth(chars: number): number {
  return chars * 9.2 + 6;
}

/**
 * Label every `step`-th offset so that labels never overlap: the smallest of 1, 2, 5, 10, 20,
 * 50… whose labels fit side by side. Labels go on absolute offsets (multiples of the step), like
 * an axis' ticks, so they stay on their records as new records arrive.
 */
export function labelStep(slotWidth: number, width = labelWidth(3)): number {
  const need = width / Math.max(0.001, slotWidth);
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const m of [1, 2, 5]) if (m * magnitude >= need) return m * magnitude;
    if (magnitude > 1e9) return magnitude;
  }
}

/**
 * Estimated width of a line of 16-px text (the picture's body text): digits are wider than the
 * average letter. Used to choose a shorter wording where the longer one would leave its box.
 */
export function textWidth(text: string, size = 16): number {
  let em = 0;
  for (const ch of text) em += ch >= '0' && ch <= '9' ? 0.64 : 0.52;
  return em * size;
}

/** Width of a served number's box (19-px bold digits): wider for large counts. */
export function servedWidth(served: number): number {
  return Math.max(62, String(served).length * 12 + 14);
}

/** Length of the longest count bar, in every box (so equal bars mean equal numbers). */
export const COUNT_SPACE = 130;
/** The same in the embed's compact picture (narrower boxes). */
export const COMPACT_COUNT_SPACE = 110;

/**
 * The picture's one scale for counts: every box that draws a count (batch view, speed view,
 * Kappa tables, serving bars, truth ticks) draws it with this, so equal bars stand for equal
 * numbers everywhere. `width(count)` is a bar's length; `ticks` are the values of the axis drawn
 * under every box's bars (`CountAxis`).
 *
 * D3 calculates it: d3-array's `nice` and `ticks`, which are what d3-scale's `scaleLinear()
 * .domain([0, max]).nice(4).clamp(true)` runs for this domain (a unit test compares the two
 * over many maxima). d3-scale itself is not used here because it would bring d3-interpolate,
 * d3-color and d3-format (about 7 KB gzipped) to the first lesson for one multiplication.
 */
export function countScale(
  max: number,
  space = COUNT_SPACE,
): { max: number; width: (count: number) => number; ticks: number[] } {
  const [, top] = nice(0, Math.max(1, max), 4);
  // As many ticks as their labels fit side by side along the scale (at most five).
  const fit = Math.max(1, Math.floor(space / labelWidth(String(top).length + 1)));
  const width = (count: number) => space * (Math.min(Math.max(0, count), top) / top);
  // d3's ticks may give more than asked: keep those whose labels stand apart (5-digit counts).
  const apart = labelWidth(String(top).length);
  const kept: number[] = [];
  for (const t of ticks(0, top, Math.min(4, fit, top)).filter((t) => Number.isInteger(t)))
    if (kept.length === 0 || width(t) - width(kept[kept.length - 1]) >= apart) kept.push(t);
  return { max: top, width, ticks: kept };
}
