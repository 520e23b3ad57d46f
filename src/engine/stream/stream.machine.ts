/**
 * A streaming job's lifecycle: the Lambda speed layer and the Kappa jobs v1, v2, … share it.
 * The engine does the per-record work; the state decides whether the job may fetch and process:
 * `consuming` and `recovering` (re-reading from its committed offset after a crash) and
 * `replaying` (a Kappa deploy racing through the retained log) may; `crashed` and `stopped` may not.
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
  | { type: 'job.redelivered' }
  | { type: 'replay.caught-up' }
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
      on: {
        'job.crashed': { target: 'crashed', actions: 'recordCrash' },
        'job.stopped': 'stopped',
      },
    },
    replaying: {
      on: {
        'replay.caught-up': 'caught-up',
        'job.stopped': 'stopped',
      },
    },
    'caught-up': {
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
      on: {
        'job.redelivered': { target: 'consuming', actions: assign({ highWater: 0 }) },
        'job.crashed': { target: 'crashed', actions: 'recordCrash' },
        'job.stopped': 'stopped',
      },
    },
    stopped: { type: 'final' },
  },
});
