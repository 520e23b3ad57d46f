/**
 * A streaming job's lifecycle: the Lambda speed layer and the Kappa jobs v1, v2, … share it.
 * The engine does the per-record work; the machine decides, and the engine reads its decisions:
 * - whether the job may fetch and process: the tag `working` (`consuming`, `recovering`,
 *   `replaying`, `caught-up`; not `crashed` or `stopped`);
 * - when a recovery ends: each record processed while `recovering` is sent as `job.processed`
 *   with the position; the guard `redelivered` (position ≥ the high water before the crash) ends it;
 * - when a replay has caught up: `replay.caught-up` carries the facts (records in flight, the next
 *   position it would read, the log's end) and the guard `caughtUp` accepts it only when nothing is
 *   in flight and nothing is left to read; the engine offers the step when `snapshot.can(…)`;
 * - tags `recovering` (records are being processed a second time) and `pre-serving` (a deployed
 *   job not yet served, which a newer deploy replaces).
 */
import { assign, setup } from 'xstate';

export interface StreamJobContext {
  name: string;
  role: 'speed' | 'stream';
  crashes: number;
  /** While recovering: the position the job had processed before it crashed. */
  highWater: number;
  /** A Kappa deploy's job starts by replaying the retained log. */
  startsReplaying: boolean;
}

export interface StreamJobInput {
  name: string;
  role: 'speed' | 'stream';
  /** Kappa deploys start by replaying the retained log. */
  replay: boolean;
}

export type StreamJobEvent =
  | { type: 'job.crashed'; processedBefore: number }
  | { type: 'job.recovered' }
  | { type: 'job.processed'; position: number }
  | { type: 'replay.caught-up'; inFlight: number; nextFetch: number; appended: number }
  | { type: 'serving.switched' }
  | { type: 'job.stopped' };

export const streamJobMachine = setup({
  types: {
    context: {} as StreamJobContext,
    events: {} as StreamJobEvent,
    input: {} as StreamJobInput,
  },
  guards: {
    startsReplaying: ({ context }) => context.startsReplaying,
    /** Processed back up to where it was before the crash. */
    redelivered: ({ context, event }) =>
      event.type === 'job.processed' && event.position >= context.highWater,
    /** Nothing in flight and nothing left to read. */
    caughtUp: ({ event }) =>
      event.type === 'replay.caught-up' &&
      event.inFlight === 0 &&
      event.nextFetch >= event.appended,
  },
  actions: {
    recordCrash: assign({
      crashes: ({ context }) => context.crashes + 1,
      highWater: ({ context, event }) =>
        event.type === 'job.crashed'
          ? Math.max(context.highWater, event.processedBefore)
          : context.highWater,
    }),
  },
}).createMachine({
  id: 'streamJob',
  context: ({ input }) => ({
    name: input.name,
    role: input.role,
    crashes: 0,
    highWater: 0,
    startsReplaying: input.replay,
  }),
  initial: 'starting',
  states: {
    starting: {
      always: [{ guard: 'startsReplaying', target: 'replaying' }, { target: 'consuming' }],
    },
    consuming: {
      tags: ['working'],
      on: {
        'job.crashed': { target: 'crashed', actions: 'recordCrash' },
        'job.stopped': 'stopped',
      },
    },
    replaying: {
      tags: ['working', 'pre-serving'],
      on: {
        'replay.caught-up': { guard: 'caughtUp', target: 'caught-up' },
        'job.stopped': 'stopped',
      },
    },
    'caught-up': {
      tags: ['working', 'pre-serving'],
      on: {
        'serving.switched': 'consuming',
        'job.crashed': { target: 'crashed', actions: 'recordCrash' },
        'job.stopped': 'stopped',
      },
    },
    crashed: {
      on: {
        'job.recovered': 'recovering',
        'job.stopped': 'stopped',
      },
    },
    recovering: {
      tags: ['working', 'recovering'],
      on: {
        'job.processed': {
          guard: 'redelivered',
          target: 'consuming',
          actions: assign({ highWater: 0 }),
        },
        'job.crashed': { target: 'crashed', actions: 'recordCrash' },
        'job.stopped': 'stopped',
      },
    },
    stopped: { type: 'final' },
  },
});
