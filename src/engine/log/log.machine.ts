/**
 * The event log's lifecycle. Appends and deletions are counted by the engine (plain arrays, a
 * million records); the machine records what kind of log it is at each moment: empty, complete
 * (every record since offset 0 still there), or truncated (retention moved the earliest offset).
 */
import { setup } from 'xstate';

export interface LogContext {
  partitions: number;
  /** Retention in ms, or null to keep everything. */
  retention: number | null;
}

export type LogEvent = { type: 'record.appended' } | { type: 'records.expired'; count: number };

export const logMachine = setup({
  types: {
    context: {} as LogContext,
    events: {} as LogEvent,
    input: {} as LogContext,
  },
  guards: {
    deletedSomething: ({ event }) => event.type === 'records.expired' && event.count > 0,
  },
}).createMachine({
  id: 'log',
  initial: 'empty',
  context: ({ input }) => ({ ...input }),
  states: {
    empty: { on: { 'record.appended': 'complete' } },
    complete: { on: { 'records.expired': { guard: 'deletedSomething', target: 'truncated' } } },
    truncated: {},
  },
});
