/**
 * What the compare view reads from each column's run, computed once when the runs are built:
 * the shared timeline (every step time of every column, merged), where each column stands at a
 * shared time, each day's served answer and truth over simulated time, and the work each column
 * has done. Every number is read from the engine (`Simulation.days`, `factOf`); nothing here
 * recomputes a count. Pure functions of the runs.
 */
import type { Simulation } from '../engine/index.ts';
import { Truth } from '../engine/truth/truth.logic.ts';
import { dayKey } from '../engine/time/time.logic.ts';

/** A step function over simulated time: `value` holds from `time` until the next point. */
export interface SeriesPoint {
  time: number;
  value: number;
}

/** Per day (`YYYY-MM-DD`): the served answer over time, and truth over time. */
export interface DaySeries {
  served: Map<string, SeriesPoint[]>;
  truth: Map<string, SeriesPoint[]>;
}

/**
 * The shared timeline: every simulated time at which any column has a step, sorted, without
 * repeats. Position p (0 ≤ p ≤ length) on the timeline means "everything at or before
 * `moments[p − 1]` has happened" (p = 0: nothing yet).
 */
export function sharedMoments(runs: readonly Simulation[]): Float64Array {
  const all: number[] = [];
  for (const run of runs) {
    const { times, timeBase, length } = run.recordedSteps;
    for (let i = 0; i < length; i++) all.push(timeBase + times[i]);
  }
  all.sort((a, b) => a - b);
  const out: number[] = [];
  for (const t of all) if (out.length === 0 || out[out.length - 1] !== t) out.push(t);
  return Float64Array.from(out);
}

/** Steps of `run` done at shared position p: every step at or before that moment. */
export function columnPosition(run: Simulation, moments: Float64Array, position: number): number {
  if (position <= 0) return 0;
  const time = moments[Math.min(position, moments.length) - 1];
  const { times, timeBase, length } = run.recordedSteps;
  return countAtOrBefore(times, length, time - timeBase);
}

/** How many of the first `length` sorted `times` are at or before t. */
function countAtOrBefore(times: ArrayLike<number>, length: number, t: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The shared position of simulated time t: every moment at or before t is done. */
export function positionAtTime(moments: Float64Array, t: number): number {
  return countAtOrBefore(moments, moments.length, t);
}

function push(points: SeriesPoint[], time: number, value: number): void {
  const last = points[points.length - 1];
  if (last && last.value === value) return;
  if (last && last.time === time) last.value = value;
  else points.push({ time, value });
  // A change back to the value before, at the same instant, leaves no step.
  const before = points[points.length - 2];
  if (before && before.value === points[points.length - 1].value) points.pop();
}

/**
 * Every day's served answer over the run, from the engine after every step: a point wherever it
 * changes, starting at `start` (0 before anything happened). A value at time t is the one after
 * the last step at or before t, as the shared timeline shows it.
 */
export function servedSeries(run: Simulation, start: number): Map<string, SeriesPoint[]> {
  const served = new Map<string, SeriesPoint[]>();
  const line = (day: string): SeriesPoint[] => {
    let points = served.get(day);
    if (!points) served.set(day, (points = [{ time: start, value: 0 }]));
    return points;
  };
  for (let i = 0; i < run.stepCount; i++) {
    const time = run.timeOf(i);
    const now = new Set<string>();
    for (const d of run.days(i)) {
      now.add(d.day);
      push(line(d.day), time, d.served);
    }
    // A day no longer listed has nothing served (e.g. its only user moved to an earlier day).
    for (const [day, points] of served) if (!now.has(day)) push(points, time, 0);
  }
  return served;
}

/**
 * Truth over simulated time, from the engine's truth oracle (`Truth`): it changes exactly at
 * event times, whether or not anything happens in a run then, so it is the same line for every
 * column. At every step of a run it equals what that run's view reports.
 */
export function truthSeries(run: Simulation, start: number): Map<string, SeriesPoint[]> {
  const world = run.world;
  const truth = new Truth(world);
  const out = new Map<string, SeriesPoint[]>();
  const before = new Int32Array(world.dayCount);
  const times = [...new Set(Array.from(world.eventsByTime, (ev) => world.eventTime[ev]))];
  for (const t of times) {
    truth.advanceTo(t);
    for (let d = 0; d < world.dayCount; d++) {
      const n = truth.counts[d];
      if (n === before[d]) continue;
      before[d] = n;
      const day = dayKey(d + world.dayBase);
      let points = out.get(day);
      if (!points) out.set(day, (points = [{ time: Math.min(start, t), value: 0 }]));
      push(points, t, n);
    }
  }
  return out;
}

export function daySeries(run: Simulation, start: number): DaySeries {
  return { served: servedSeries(run, start), truth: truthSeries(run, start) };
}

/** The value of a step series at time t (the last point at or before it; 0 before the first). */
export function valueAt(points: readonly SeriesPoint[], t: number): number {
  let value = 0;
  for (const p of points) {
    if (p.time > t) break;
    value = p.value;
  }
  return value;
}

/**
 * The work a column has done, as cumulative counts after each step: records processed by
 * streaming jobs (the speed layer, Kappa's v1, v2… counted again when processed again), and
 * records read by batch runs (each run reads everything before its cut-off, from scratch).
 */
export interface WorkColumns {
  streamed: Int32Array;
  batchRead: Int32Array;
}

export function workColumns(run: Simulation): WorkColumns {
  const n = run.stepCount;
  const streamed = new Int32Array(n);
  const batchRead = new Int32Array(n);
  let s = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const kind = run.kindOf(i);
    if (kind === 'record.processed') s++;
    else if (kind === 'batch.started') {
      const fact = run.factOf(i);
      if (fact.kind === 'batch.started') b += fact.cutOff - fact.from;
    }
    streamed[i] = s;
    batchRead[i] = b;
  }
  return { streamed, batchRead };
}
