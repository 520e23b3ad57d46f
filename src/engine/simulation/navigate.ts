/**
 * Coarse navigation over a run's recorded step columns (kinds and times): where the next batch
 * run, crash, deploy or query is, and which position is an hour or a day away. Pure and linear
 * at worst, over flat typed arrays, so it stays fast on runs of millions of steps. Positions
 * count steps done (position p: steps 0..p-1 are done, the picture shows step p-1).
 */
import { kindCode } from './step-kinds.ts';

export type Moment = 'batch' | 'crash' | 'deploy' | 'query';

export const MOMENT_KINDS: Record<Moment, readonly number[]> = {
  batch: [kindCode('batch.started')],
  crash: [kindCode('job.crashed'), kindCode('pipeline.crashed')],
  deploy: [kindCode('deploy.started')],
  query: [kindCode('query.answered')],
};

export interface StepColumns {
  kinds: ArrayLike<number>;
  /** Step i's time is `timeBase + times[i]` (a run records offsets: `Simulation.recordedSteps`). */
  times: ArrayLike<number>;
  timeBase?: number;
  /** Number of steps. */
  length: number;
}

/**
 * The position just after the next step of `moment` after `position` (direction 1), or just
 * after the last one before the step shown (direction −1); null when there is none.
 */
export function moment(
  columns: StepColumns,
  position: number,
  which: Moment,
  direction: 1 | -1,
): number | null {
  const kinds = MOMENT_KINDS[which];
  const { kinds: column, length } = columns;
  if (direction === 1) {
    for (let i = Math.max(0, position); i < length; i++) {
      if (kinds.includes(column[i])) return i + 1;
    }
  } else {
    for (let i = Math.min(length, position - 1) - 1; i >= 0; i--) {
      if (kinds.includes(column[i])) return i + 1;
    }
  }
  return null;
}

/** Steps whose time is at most t: the position that shows the run as it is at time t. */
export function positionAt(columns: StepColumns, t: number): number {
  const { times } = columns;
  const offset = t - (columns.timeBase ?? 0);
  let lo = 0;
  let hi = columns.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The position `ms` of simulated time away from `position` (negative: back). Always moves at
 * least one step when it can, so repeated jumps never stall on a burst of simultaneous steps.
 */
export function jumpBy(columns: StepColumns, position: number, ms: number): number {
  const { times, length } = columns;
  if (length === 0) return 0;
  const now = (columns.timeBase ?? 0) + (position > 0 ? times[position - 1] : times[0]);
  const target = positionAt(columns, now + ms);
  if (ms > 0) return Math.min(length, Math.max(target, position + 1));
  return Math.max(0, Math.min(target, position - 1));
}
