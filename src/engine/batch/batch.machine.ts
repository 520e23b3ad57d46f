/**
 * The Lambda batch layer's lifecycle, and its decisions: `idle` until the schedule fires,
 * `running` while it recomputes every view from scratch up to its cut-off (the view is published
 * atomically by `run.finished`), `crashed` while down (a crash aborts the run in progress and the
 * machine remembers that a run is owed), and `due` when it is back and owes a run (one was aborted,
 * or a scheduled one fell in the down time): a run starts at once. Tags gate the engine's work:
 * `may-start` (a run may start), `starts-now` (it starts at once), `running` (a run will publish).
 */
import { assign, setup } from 'xstate';

export interface BatchContext {
  /** A run was aborted by a crash: start one as soon as the layer is back. */
  owesRun: boolean;
}

export type BatchEvent =
  | { type: 'batch.started' }
  | { type: 'run.finished' }
  | { type: 'job.crashed' }
  /** `missed`: a scheduled run fell due while the layer was down. */
  | { type: 'job.recovered'; missed: boolean };

export const batchMachine = setup({
  types: { context: {} as BatchContext, events: {} as BatchEvent },
  guards: {
    owesRun: ({ context, event }) =>
      context.owesRun || (event.type === 'job.recovered' && event.missed),
  },
}).createMachine({
  id: 'batch',
  context: { owesRun: false },
  initial: 'idle',
  states: {
    idle: {
      tags: ['may-start'],
      on: { 'batch.started': 'running', 'job.crashed': 'crashed' },
    },
    due: {
      tags: ['may-start', 'starts-now'],
      on: {
        'batch.started': 'running',
        'job.crashed': { target: 'crashed', actions: assign({ owesRun: true }) },
      },
    },
    running: {
      tags: ['running'],
      on: {
        'run.finished': 'idle',
        'job.crashed': { target: 'crashed', actions: assign({ owesRun: true }) },
      },
    },
    crashed: {
      on: {
        'job.recovered': [
          { guard: 'owesRun', target: 'due', actions: assign({ owesRun: false }) },
          { target: 'idle' },
        ],
      },
    },
  },
});
