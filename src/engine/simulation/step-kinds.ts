import type { StepKind } from './simulation.types.ts';

/**
 * Step kinds as small integers. The code is also the priority among things that happen at the
 * same simulated instant: lower goes first (retention, then faults, then the batch layer, then
 * appends, fetches, processing, commits, replay hand-over, and queries last so they see it all).
 */
export const K = {
  LogTrimmed: 0,
  JobCrashed: 1,
  JobRecovered: 2,
  BatchPublished: 3,
  BatchStarted: 4,
  DeployStarted: 5,
  RecordAppended: 6,
  RecordFetched: 7,
  RecordProcessed: 8,
  OffsetsCommitted: 9,
  ReplayCaughtUp: 10,
  ServingSwitched: 11,
  QueryAnswered: 12,
} as const;

export const KIND_NAMES: readonly StepKind[] = [
  'log.trimmed',
  'job.crashed',
  'job.recovered',
  'batch.published',
  'batch.started',
  'deploy.started',
  'record.appended',
  'record.fetched',
  'record.processed',
  'offsets.committed',
  'replay.caught-up',
  'serving.switched',
  'query.answered',
];
