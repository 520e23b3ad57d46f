/**
 * The public shape of a simulation run: steps, their narration and motion, the per-step view the
 * visuals read, and the headless report. The engine produces these; the UI only reads them.
 */
import type { PaneReport } from '../unified/unified.types.ts';
import type { UnifiedView } from '../unified/unified.view.ts';
import type { Architecture, Counting, Delivery, Dedup } from '../scenario/scenario.types.ts';

/** Every kind of thing that can happen in one step. */
export type StepKind =
  | 'log.trimmed' // retention deleted the oldest records
  | 'job.crashed'
  | 'job.recovered'
  | 'batch.published'
  | 'batch.started'
  | 'deploy.started' // Kappa: job vN starts replaying from the earliest retained offset
  | 'record.appended'
  | 'record.fetched' // a streaming job read a record from the log
  | 'record.processed' // a streaming job finished processing a record
  | 'offsets.committed' // at-least-once commit or exactly-once checkpoint
  | 'replay.caught-up' // Kappa: the new job's lag reached 0
  | 'serving.switched' // Kappa: the serving layer moved to the new table; the old job stopped
  | 'pipeline.crashed' // unified: the pipeline crashed (state back to its last checkpoint)
  | 'pipeline.recovered' // unified: back after a crash; it re-processes from the checkpoint
  | 'record.dropped' // unified: a record for a window past its allowed lateness
  | 'pipeline.caught-up' // unified: re-processed what it had processed before the crash
  | 'partition.idle' // unified: a quiet partition no longer holds the watermark back
  | 'watermark.advanced' // unified: the watermark moved on
  | 'pane.fired' // unified: a trigger fired: a pane of a window went to the sink
  | 'window.expired' // unified: the watermark passed a window's end + allowed lateness
  | 'state.checkpointed' // unified: the pipeline's state was checkpointed (exactly-once)
  | 'query.answered';

/** Names of the jobs: `speed` and `batch` (Lambda), `v1`, `v2`, … (Kappa). */
export type JobName = string;

/** A record as the UI shows it. `copy` is 0 for the original, 1 for a producer-retry duplicate. */
export interface RecordInfo {
  /** Global index in arrival order (the order records are appended). */
  index: number;
  id: string;
  user: string;
  /** Event time and arrival, epoch ms. */
  time: number;
  arrival: number;
  partition: number;
  offset: number;
  copy: number;
  /** True when it arrived after a record with a later event time (out of order). */
  outOfOrder: boolean;
  /** Arrival minus event time, ms. */
  lateness: number;
}

/** A record in the log picture, with what each job has done with it. */
export interface LogRecordView extends RecordInfo {
  /** Retention deleted it. */
  deleted: boolean;
  /** Times each streaming job processed it (2+: processed again after a crash). */
  processedBy: Record<JobName, number>;
  /** Jobs that lost it (at-most-once) or never read it because retention deleted it first. */
  lostBy: JobName[];
  /** Lambda: it is before the latest published batch cut-off (the batch view covers it). */
  inBatchView: boolean;
}

/** Where a token can be in the picture. */
export type Place = 'source' | 'log' | 'serving' | `job:${JobName}`;

/** What moved, from where to where, and when (simulated ms): enough to animate a step. */
export interface Motion {
  record?: number;
  from: Place;
  to: Place;
  departAt: number;
  arriveAt: number;
}

export interface StepInfo {
  index: number;
  kind: StepKind;
  /** Simulated time of the step, epoch ms. */
  time: number;
  job?: JobName;
  record?: RecordInfo;
  /** One or two plain sentences: what happened and why, in the learner's terms. */
  description: string;
  motion?: Motion;
}

/** Per-day numbers of one view (a batch view, a speed view, a Kappa table, truth). */
export type DayCounts = Record<string, number>;

export type JobLifecycle =
  | 'consuming'
  | 'crashed'
  | 'recovering'
  | 'replaying'
  | 'caught-up'
  | 'stopped'
  | 'idle'
  | 'running'
  | 'publishing';

export interface StreamJobView {
  name: JobName;
  role: 'speed' | 'stream';
  state: JobLifecycle;
  counting: Counting;
  timeZone: string;
  excludeUserPrefix: string;
  delivery: Delivery;
  dedup: Dedup;
  /** Global arrival-order positions: next to fetch, processed prefix, committed. */
  fetched: number;
  processed: number;
  committed: number;
  /** Per-partition offsets of the same positions. */
  fetchedOffsets: number[];
  committedOffsets: number[];
  /** Records appended but not yet processed by this job. */
  lag: number;
  /** Records in flight inside the job: fetched, not yet processed (with fetch and finish times). */
  inFlight: { record: number; fetchedAt: number; doneAt: number }[];
  /** The job's current counts per day (for the speed layer: only records after the cut-off). */
  counts: DayCounts;
  /** Records processed more than once (redelivered after a crash). */
  reprocessed: number;
  /** Records skipped because their event id was already counted (dedup). */
  dedupSkipped: number;
  /** Records this job never counted: at-most-once loss after a crash. */
  lost: number[];
  /** Records this job could not read because retention had deleted them. */
  lostToRetention: number;
}

export interface BatchView {
  state: JobLifecycle;
  counting: Counting;
  timeZone: string;
  /** The run in progress, if any. */
  run: {
    startedAt: number;
    endsAt: number;
    cutOff: number;
    cutOffOffsets: number[];
    progress: number;
  } | null;
  /** The latest published view and its cut-off, if any. */
  published: {
    publishedAt: number;
    cutOff: number;
    cutOffOffsets: number[];
    counts: DayCounts;
  } | null;
  nextRunAt: number | null;
}

/** What a served number is made of, by architecture (the report prints it as is). */
export type LambdaParts = { batch: number; speed: number };
export type KappaParts = { table: string };
/** Unified (MODEL.md): the panes fired so far for the windows that make up the day. */
export type UnifiedParts = { panes: number };
export type ServedParts = LambdaParts | KappaParts | UnifiedParts;

export interface ServedDay {
  day: string;
  served: number;
  truth: number;
  parts: ServedParts;
}

/** Each architecture's own part of the view, told apart by `architecture`. */
export type ArchitectureView =
  | { architecture: 'lambda'; batch: BatchView; servingTable: null }
  | { architecture: 'kappa'; batch: null; servingTable: string }
  | { architecture: 'unified'; batch: null; servingTable: null; unified: UnifiedView };

export interface ViewBase {
  /** Index of the step just done (-1: before the first step). */
  step: number;
  time: number;
  /** The scenario's time zone: days, "today" and "yesterday" are counted in it. */
  timeZone: string;
  log: {
    partitions: number;
    /** Records appended so far (global count) and the earliest retained global index. */
    appended: number;
    earliest: number;
    endOffsets: number[];
    earliestOffsets: number[];
    deleted: number;
    /** The most recent records appended (up to 60, oldest first), deleted ones included. */
    recent: LogRecordView[];
  };
  /** Streaming jobs (Lambda: the speed layer; Kappa: v1, v2…). */
  jobs: StreamJobView[];
  /** Every day with any count in any view, or in truth, sorted. */
  days: ServedDay[];
  /** Queries answered up to this step (in the order they were answered). */
  answers: QueryAnswer[];
}

/**
 * The state after a step, as the visuals read it. `batch` is the Lambda batch layer (null
 * otherwise), `servingTable` the table Kappa serves (null otherwise).
 */
export type SimulationView = ViewBase & ArchitectureView;

export interface QueryAnswer {
  at: string;
  day: string;
  served: number;
  truth: number;
  parts: ServedParts;
}

/** The headless simulator's report (MODEL.md contract). */
export interface Report {
  name: string;
  architecture: Architecture;
  steps: number;
  answers: QueryAnswer[];
  /** Unified only: every pane fired, in firing order. */
  panes?: PaneReport[];
  /** Unified only: records dropped (their window was past allowed lateness). */
  dropped?: number;
}

/** Why served differs from truth for one day: each reason with how many it adds (+) or misses (−). */
export type ReasonKind =
  | 'duplicate' // a producer-retry copy of an event counted again
  | 'redelivered' // the same log record processed again after a crash (at-least-once)
  | 'repeat-signup' // per-record logic counts a user's second signup; truth counts users
  | 'not-arrived' // the event happened but its record has not reached the log yet (late)
  | 'in-flight' // in the log, not yet processed by the job that should count it (or the job is down)
  | 'lost' // never counted: at-most-once lost it in a crash
  | 'retention' // deleted by retention before the job read it
  | 'excluded' // logic drift: one side excludes the user (test accounts), the other does not
  | 'time-zone' // logic drift: the job puts the signup on another day (its time zone)
  | 'hand-off' // a wrong Lambda hand-off: clear-none counts records twice, clear-all drops some
  | 'earlier-signup' // truth knows an earlier signup of this user on another day that the job has not seen
  | UnifiedReasonKind;

/** Reasons only a unified (Dataflow-style) pipeline gives (it also gives `duplicate`,
 * `earlier-signup`, `not-arrived` and `in-flight`). */
export type UnifiedReasonKind =
  | 'add-all' // the add-all sink adds accumulating panes on top of the earlier ones
  | 'moved' // a later window's last pane still counts a user an earlier signup moved out
  | 'window-day' // the window starts on another day than the event (a window belongs to its start's day)
  | 'rolled-back' // processed before a crash, rolled back to the checkpoint, being read again
  | 'dropped' // arrived after the watermark passed window end + allowed lateness
  | 'not-fired' // in the window's state; the window has not fired a pane yet
  | 'early-pane' // counted after the window's last early pane (the sink holds a partial result)
  | 'late-waiting' // late, waiting for the late trigger's next pane
  | 'no-late-trigger' // in the window's state after its last pane; no late trigger will carry it
  | 'expired'; // the window expired before a pane carried it

export interface DifferenceReason {
  kind: ReasonKind;
  /** Signed: + served too high because of this, − served too low. */
  count: number;
  /** Log records involved (global indices), when there are any. */
  records: number[];
  /** One plain sentence for the learner. */
  text: string;
}

export interface Explanation {
  day: string;
  served: number;
  truth: number;
  /** Their signed counts add up to served − truth. Empty when they agree. */
  reasons: DifferenceReason[];
}

/** Which records make up a served number, by architecture. */
export type Lineage =
  | {
      kind: 'lambda';
      day: string;
      /** Records counted in the published batch view for this day. */
      batch: number[];
      /** Records counted in the speed view (a record twice if it was counted twice). */
      speed: number[];
    }
  | {
      kind: 'kappa';
      day: string;
      /** The table answering, and the records counted in it. */
      table: string;
      tableRecords: number[];
    }
  | { kind: 'unified'; day: string; panes: { pane: string; records: number[] }[] };

/** Something a learner injects at the current moment in the sandbox (it branches the run). */
export type Injection =
  | { kind: 'add-signup'; user?: string; eventTime?: number }
  | { kind: 'duplicate'; event: string; after?: number }
  | { kind: 'delay'; event: string; by: number }
  | { kind: 'crash'; downFor?: number }
  | {
      kind: 'deploy';
      logic?: {
        counting?: 'per-record' | 'distinct-users';
        timeZone?: string;
        excludeUserPrefix?: string;
      };
    };
