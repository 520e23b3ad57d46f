/**
 * The Kappa serving layer (Lambda's serving is a sum, batch + speed, with nothing to decide):
 * `live` on one table; a deploy moves it to
 * `replaying` while the new job catches up, `caught-up` when its lag is 0, and the switch-over
 * atomically points it at the new table.
 */
import { assign, setup } from 'xstate';

export interface KappaServingContext {
  table: string;
  candidate: string | null;
  switches: number;
}

export type KappaServingEvent =
  | { type: 'deploy.started'; table: string }
  | { type: 'replay.caught-up' }
  | { type: 'serving.switched' };

export const kappaServingMachine = setup({
  types: { context: {} as KappaServingContext, events: {} as KappaServingEvent },
  actions: {
    takeCandidate: assign({
      candidate: ({ event }) => (event.type === 'deploy.started' ? event.table : null),
    }),
    switchToCandidate: assign({
      table: ({ context }) => context.candidate ?? context.table,
      candidate: null,
      switches: ({ context }) => context.switches + 1,
    }),
  },
}).createMachine({
  id: 'kappaServing',
  context: { table: 'v1', candidate: null, switches: 0 },
  initial: 'live',
  states: {
    live: { on: { 'deploy.started': { target: 'replaying', actions: 'takeCandidate' } } },
    replaying: {
      on: {
        'deploy.started': { target: 'replaying', actions: 'takeCandidate', reenter: true },
        'replay.caught-up': 'caught-up',
      },
    },
    'caught-up': {
      on: {
        'serving.switched': { target: 'live', actions: 'switchToCandidate' },
        'deploy.started': { target: 'replaying', actions: 'takeCandidate' },
      },
    },
  },
});
