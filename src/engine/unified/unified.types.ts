/** What the unified pipeline reports and shows (MODEL.md, "Contract: unified"). */

export type PaneTiming = 'early' | 'on-time' | 'late';

/** A pane as the headless report lists it. */
export interface PaneReport {
  window: [string, string];
  at: string;
  timing: PaneTiming;
  index: number;
  value: number;
  retracts?: number;
}

/** A pane as the engine keeps it (epoch ms). */
export interface Pane {
  start: number;
  end: number;
  at: number;
  timing: PaneTiming;
  index: number;
  value: number;
  /** Retracting mode, from the second pane of a window on: the previous pane's value. */
  retracts: number | null;
}

export type UnifiedStepKind =
  | 'pipeline.crashed'
  | 'pipeline.recovered'
  | 'record.appended'
  | 'record.processed'
  | 'record.dropped'
  | 'pipeline.caught-up'
  | 'partition.idle'
  | 'watermark.advanced'
  | 'pane.fired'
  | 'window.expired'
  | 'state.checkpointed'
  | 'query.answered';

/** Step kinds as small integers; the code is also the priority at one instant (lower first). */
export const U = {
  PipelineCrashed: 0,
  PipelineRecovered: 1,
  RecordAppended: 2,
  RecordProcessed: 3,
  RecordDropped: 4,
  PipelineCaughtUp: 5,
  PartitionIdle: 6,
  WatermarkAdvanced: 7,
  PaneFired: 8,
  WindowExpired: 9,
  StateCheckpointed: 10,
  QueryAnswered: 11,
} as const;

export const UNIFIED_KIND_NAMES: readonly UnifiedStepKind[] = [
  'pipeline.crashed',
  'pipeline.recovered',
  'record.appended',
  'record.processed',
  'record.dropped',
  'pipeline.caught-up',
  'partition.idle',
  'watermark.advanced',
  'pane.fired',
  'window.expired',
  'state.checkpointed',
  'query.answered',
];

/** Record fates, as indices into `FATES` (unified.view.ts). */
export const FATE = { inLog: 0, onTime: 1, late: 2, dropped: 3, skipped: 4 } as const;
