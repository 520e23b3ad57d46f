/**
 * Pure layout of the pipeline picture: where each stage, log lane, record slot and marker sits,
 * and the interpolation moving tokens use (their routes are in `pipeline.motion.ts`). Nothing here reads the DOM or the wall clock:
 * a token's position is a function of simulated time, so pausing, scrubbing and stepping back
 * just work. (A few lines of arithmetic; no D3 module is needed for these linear maps.)
 */
import type { Architecture } from '../../engine/scenario/scenario.types.ts';
import type { LogRecordView } from '../../engine/simulation/simulation.types.ts';

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

/** Height of one partition's lane: marker zone, id, record, offset, marker zone. */
export const LANE_HEIGHT = 68;
/** Where the record row sits inside a lane. */
export const RECORD_DY = 34;
const LOG_HEADER = 26;
const LANE_LABEL = 40;
const GAP = 16;

export interface StageLayout {
  narrow: boolean;
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
  architecture: Architecture;
  partitions: number;
  jobs: readonly string[];
  narrow: boolean;
  /** Days the serving layer lists (its height follows them). */
  days?: number;
}

const BATCH_HEIGHT = 196;
const SPEED_HEIGHT = 196;
const KAPPA_JOB_HEIGHT = 132;
/** Serving: a title row, then one 56-px row per day (at most four). */
export const SERVING_ROW = 56;
const QUERY_HEIGHT = 118;

/** Rectangles of every stage: a left-to-right flow when wide, a vertical stack when narrow. */
export function stageLayout(input: StageInput): StageLayout {
  const partitions = Math.max(1, input.partitions);
  const lambda = input.architecture === 'lambda';
  const jobHeight = lambda ? SPEED_HEIGHT : KAPPA_JOB_HEIGHT;
  const logHeight = LOG_HEADER + partitions * LANE_HEIGHT + 6;
  const jobs: Record<string, Rect> = {};
  const servingHeight = 34 + Math.min(4, Math.max(1, input.days ?? 4)) * SERVING_ROW;

  if (input.narrow) {
    const width = 380;
    const full = width - 20;
    const source: Rect = { x: 10, y: 8, width: full, height: 34 };
    const log: Rect = { x: 10, y: source.y + source.height + 26, width: full, height: logHeight };
    let y = log.y + log.height + GAP + 8;
    let batch: Rect | null = null;
    if (lambda) {
      batch = { x: 10, y, width: full, height: BATCH_HEIGHT };
      y += BATCH_HEIGHT + GAP;
    }
    for (const name of input.jobs) {
      jobs[name] = { x: 10, y, width: full, height: jobHeight };
      y += jobHeight + GAP;
    }
    const serving: Rect = { x: 10, y: y + 8, width: full, height: servingHeight };
    const query: Rect = {
      x: 10,
      y: serving.y + serving.height + GAP,
      width: full,
      height: QUERY_HEIGHT,
    };
    return {
      narrow: true,
      width,
      height: query.y + query.height + 10,
      source,
      log,
      lanes: lanesOf(log, partitions),
      batch,
      jobs,
      serving,
      query,
    };
  }

  const width = 1200;
  const top = 36;
  const source: Rect = { x: 10, y: top + LOG_HEADER, width: 76, height: partitions * LANE_HEIGHT };
  const log: Rect = { x: 110, y: top, width: 480, height: logHeight };
  const branchX = 626;
  const branchWidth = 270;
  let y = top;
  let batch: Rect | null = null;
  if (lambda) {
    batch = { x: branchX, y, width: branchWidth, height: BATCH_HEIGHT };
    y += BATCH_HEIGHT + GAP;
  }
  for (const name of input.jobs) {
    jobs[name] = { x: branchX, y, width: branchWidth, height: jobHeight };
    y += jobHeight + GAP;
  }
  const serving: Rect = { x: 926, y: top, width: 264, height: servingHeight };
  const query: Rect = { x: 926, y: top + servingHeight + GAP, width: 264, height: QUERY_HEIGHT };
  const bottom = Math.max(log.y + log.height, y - GAP, query.y + query.height);
  return {
    narrow: false,
    width,
    height: bottom + 12,
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
export const MIN_SLOT = 14;
const MAX_SLOT = 36;

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

/** Every `step`-th label fits when the slots are narrower than a label. */
export function labelStep(slotWidth: number, labelWidth = 26): number {
  return Math.max(1, Math.ceil(labelWidth / Math.max(1, slotWidth)));
}

/** Bars for per-day counts on one scale: widths proportional to the value, largest = `width`. */
export function dayBars(
  days: readonly string[],
  counts: Readonly<Record<string, number>>,
  width: number,
  max?: number,
): { day: string; value: number; width: number }[] {
  const top = Math.max(1, max ?? Math.max(0, ...days.map((d) => counts[d] ?? 0)));
  return days.map((day) => {
    const value = counts[day] ?? 0;
    return { day, value, width: (Math.max(0, value) / top) * width };
  });
}
