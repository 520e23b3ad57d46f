/**
 * The Lambda batch layer's lifecycle: idle until its schedule fires, running while it recomputes
 * every view from scratch up to its cut-off, publishing when the run ends (the whole view is swapped
 * in atomically), and crashed while down (a crash aborts the run in progress).
 */
import { assign, setup } from 'xstate';

export interface BatchContext {
  runs: number;
  published: number;
  aborted: number;
}

export type BatchEvent =
  | { type: 'batch.started' }
  | { type: 'run.finished' }
  | { type: 'view.published' }
  | { type: 'job.crashed' }
  | { type: 'job.recovered' };

export const batchMachine = setup({
  types: { context: {} as BatchContext, events: {} as BatchEvent },
}).createMachine({
  id: 'batch',
  context: { runs: 0, published: 0, aborted: 0 },
  initial: 'idle',
  states: {
    idle: {
      on: {
        'batch.started': {
          target: 'running',
          actions: assign({ runs: ({ context }) => context.runs + 1 }),
        },
        'job.crashed': 'crashed',
      },
    },
    running: {
      on: {
        'run.finished': 'publishing',
        'job.crashed': {
          target: 'crashed',
          actions: assign({ aborted: ({ context }) => context.aborted + 1 }),
        },
      },
    },
    publishing: {
      on: {
        'view.published': {
          target: 'idle',
          actions: assign({ published: ({ context }) => context.published + 1 }),
        },
      },
    },
    crashed: { on: { 'job.recovered': 'idle' } },
  },
});
