/**
 * What one performed step did, by kind: a typed record the engine writes when it performs the
 * step, so that narration, motion and the picture read facts instead of decoding positions.
 * Job references are job indices in the architecture's `jobs` (−1 when the subject is not a
 * streaming job, e.g. the batch layer).
 */
import type { BatchCrash } from '../batch/batch.layer.ts';
import type { Handoff } from '../scenario/scenario.types.ts';
import type { Outcome } from '../stream/tally.logic.ts';
import type { QueryAnswer } from './simulation.types.ts';
import type { Pane } from '../unified/unified.types.ts';

export type StepFact =
  | { kind: 'log.trimmed'; deleted: number; earliest: number }
  | { kind: 'record.appended'; record: number }
  | { kind: 'record.fetched'; job: number; record: number }
  | {
      kind: 'record.processed';
      job: number;
      record: number;
      outcome: Outcome;
      /** The day the tally changed (or the day a known user is counted on), and its count after. */
      day: number;
      count: number;
      /** MovedEarlier: the day the user left. */
      fromDay: number;
      /** How many times this job has now processed this record. */
      times: number;
    }
  | { kind: 'offsets.committed'; job: number; position: number; checkpoint: boolean }
  | { kind: 'job.crashed'; job: -1; batch: BatchCrash; backAt: number }
  | {
      kind: 'job.crashed';
      job: number;
      /** True when the job was already down or stopped: nothing changed. */
      ignored: boolean;
      /** Records in flight at the crash (at-most-once: lost). */
      inFlight: number;
      /** The processed position just before the crash, and where it restarts. */
      processedBefore: number;
      restartAt: number;
      backAt: number;
    }
  | { kind: 'job.recovered'; job: -1; startsNow: boolean }
  | { kind: 'job.recovered'; job: number; stopped: boolean; resumeAt: number; recovering: boolean }
  | { kind: 'batch.started'; job: -1; run: number; cutOff: number; from: number; endsAt: number }
  | {
      kind: 'batch.published';
      job: -1;
      run: number;
      cutOff: number;
      from: number;
      /** The speed layer's floor before the hand-off (records below it were already dropped). */
      previousFloor: number;
      /** How the speed layer handed off (`batch.handoff`), and its floor after. */
      handoff: Handoff;
      floor: number;
      /** clear-none: records before the cut-off still counted by the speed layer (now twice). */
      kept: number;
    }
  | { kind: 'deploy.started'; job: number; earliest: number; servingTable: string }
  | { kind: 'replay.caught-up'; job: number }
  | { kind: 'serving.switched'; job: number; stoppedJob: number }
  | { kind: 'query.answered'; query: number; answer: QueryAnswer }
  | UnifiedFact;

/**
 * The unified pipeline's steps (arch/unified/). Windows are named by their start (epoch ms);
 * watermarks are epoch ms (−Infinity: none yet, +Infinity: "end").
 */
export type UnifiedFact =
  | {
      kind: 'pipeline.crashed';
      /** True when the pipeline was already down: nothing changed. */
      ignored: boolean;
      /** Records processed just before the crash, and the checkpoint's position it restarts at. */
      processedBefore: number;
      restartAt: number;
      backAt: number;
    }
  | { kind: 'pipeline.recovered'; resumeAt: number; recovering: boolean }
  | {
      kind: 'record.processed';
      record: number;
      /** Its window's start and end. */
      window: number;
      end: number;
      /** on-time: the watermark had not passed the window's end; late: it had; skipped: a repeated
       * event id (dedup) or a user the logic excludes. */
      fate: 'on-time' | 'late' | 'skipped';
      skipped: 'duplicate' | 'excluded' | null;
      /** The window's value after it (its total so far), and whether this is a re-processing
       * after a crash (the state rolled back, so it counts once). */
      total: number;
      again: boolean;
    }
  | {
      kind: 'record.dropped';
      record: number;
      window: number;
      end: number;
      /** end + allowed lateness, which the watermark had passed. */
      horizon: number;
      watermark: number;
    }
  | { kind: 'pipeline.caught-up'; position: number }
  | { kind: 'partition.idle'; partition: number; watermark: number }
  | {
      kind: 'watermark.advanced';
      from: number;
      to: number;
      /** Windows whose end, and whose lateness horizon, the watermark passed in this step. */
      passedEnd: number[];
      passedHorizon: number[];
    }
  | { kind: 'pane.fired'; pane: Pane; /** the sink's value for the window after it */ sink: number }
  | { kind: 'window.expired'; window: number; end: number; /** the sink keeps it */ sink: number }
  | { kind: 'state.checkpointed'; position: number };

export type FactOf<K extends StepFact['kind']> = Extract<StepFact, { kind: K }>;
