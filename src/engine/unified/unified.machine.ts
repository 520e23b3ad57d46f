/**
 * Lifecycles of the unified (Dataflow-style) pipeline, advanced by the engine with XState's pure
 * `transition()` on snapshots (like the stream jobs): the pipeline itself (`running`, `crashed`,
 * `recovering` after a crash until it has re-processed what it had processed before), and each
 * event-time window (`open` until the watermark passes its end, `fired` while it may still take
 * late records, `expired` once the watermark passes its end plus the allowed lateness).
 * The per-record work (aggregates, panes, sink) is plain TypeScript in `pipeline.ts`.
 */
import { assign, setup } from 'xstate';

export interface PipelineContext {
  crashes: number;
  /** While recovering: the input position the pipeline had processed before it crashed. */
  highWater: number;
}

export type PipelineEvent =
  | { type: 'pipeline.crashed'; processedBefore: number }
  | { type: 'pipeline.recovered' }
  | { type: 'pipeline.caught-up' };

export const pipelineMachine = setup({
  types: { context: {} as PipelineContext, events: {} as PipelineEvent },
  actions: {
    recordCrash: assign({
      crashes: ({ context }) => context.crashes + 1,
      highWater: ({ context, event }) =>
        event.type === 'pipeline.crashed'
          ? Math.max(context.highWater, event.processedBefore)
          : context.highWater,
    }),
  },
}).createMachine({
  id: 'unifiedPipeline',
  context: { crashes: 0, highWater: 0 },
  initial: 'running',
  states: {
    running: { on: { 'pipeline.crashed': { target: 'crashed', actions: 'recordCrash' } } },
    crashed: { on: { 'pipeline.recovered': 'recovering' } },
    recovering: {
      on: {
        'pipeline.caught-up': { target: 'running', actions: assign({ highWater: 0 }) },
        'pipeline.crashed': { target: 'crashed', actions: 'recordCrash' },
      },
    },
  },
});

export type WindowEvent =
  { type: 'watermark.passed-end' } | { type: 'pane.fired' } | { type: 'watermark.passed-horizon' };

export interface WindowContext {
  /** Panes this window has fired. */
  panes: number;
}

export const windowMachine = setup({
  types: {
    context: {} as WindowContext,
    events: {} as WindowEvent,
    input: {} as { late: boolean },
  },
  guards: { createdLate: ({ context }) => context.panes < 0 },
}).createMachine({
  id: 'unifiedWindow',
  // A window first seen after the watermark passed its end starts `fired` (its records are late).
  context: ({ input }) => ({ panes: input.late ? -1 : 0 }),
  initial: 'starting',
  states: {
    starting: {
      always: [
        { guard: 'createdLate', target: 'fired', actions: assign({ panes: 0 }) },
        { target: 'open' },
      ],
    },
    open: {
      on: {
        'pane.fired': { actions: assign({ panes: ({ context }) => context.panes + 1 }) },
        'watermark.passed-end': 'fired',
        'watermark.passed-horizon': 'expired',
      },
    },
    fired: {
      on: {
        'pane.fired': { actions: assign({ panes: ({ context }) => context.panes + 1 }) },
        'watermark.passed-horizon': 'expired',
      },
    },
    expired: { type: 'final' },
  },
});
