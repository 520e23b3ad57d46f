import type { StepKind } from './simulation.types.ts';

/**
 * Same-instant priority of every step kind: when several things happen at the same simulated
 * instant, the lower number goes first (retention, then faults, then the batch layer, then
 * appends, fetches, processing, commits, replay hand-over, and queries last so they see it all).
 * Kinds are compared by name everywhere else; this table is the only place their order lives.
 * A new architecture adds its kinds here (and to `StepKind`).
 */
export const STEP_PRIORITY: Readonly<Record<StepKind, number>> = {
  'log.trimmed': 0,
  'job.crashed': 1,
  'job.recovered': 2,
  'batch.published': 3,
  'batch.started': 4,
  'deploy.started': 5,
  'record.appended': 6,
  'record.fetched': 7,
  'record.processed': 8,
  'offsets.committed': 9,
  'replay.caught-up': 10,
  'serving.switched': 11,
  'query.answered': 21,
  // Unified (docs/engine.md "Unified": crash, recovery, appends, processing, caught-up, idle
  // partitions, the watermark, panes, expiries, checkpoint, queries). A crash and a recovery are
  // scheduled by the engine as `job.crashed` / `job.recovered` and recorded under these names.
  'pipeline.crashed': 1,
  'pipeline.recovered': 2,
  'record.dropped': 8,
  'pipeline.caught-up': 14,
  'partition.idle': 15,
  'watermark.advanced': 16,
  'pane.fired': 17,
  'window.expired': 18,
  'state.checkpointed': 19,
};

/** Every kind, in a fixed order: a kind's position is its compact code in the step columns. */
export const STEP_KINDS: readonly StepKind[] = Object.keys(STEP_PRIORITY) as StepKind[];
/** The same list under its older name (the page maps the worker's kind codes with it). */
export const KIND_NAMES = STEP_KINDS;
const CODES = new Map(STEP_KINDS.map((k, i) => [k, i]));

export function kindCode(kind: StepKind): number {
  return CODES.get(kind)!;
}
