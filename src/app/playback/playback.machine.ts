/**
 * Playback of a run that is already computed: which step the learner is at, whether it plays,
 * how fast, and how far the next step has got (`progress`, 0..1, what the picture animates).
 * Time moves only through `tick` events carrying elapsed wall time, so tests drive it with
 * virtual time and the app drives it from requestAnimationFrame.
 */
import { assign, setup } from 'xstate';
import { clampRate, DEFAULT_RATE } from './speed.ts';

export interface PlaybackContext {
  /** 0 = before the first step; p = steps 0..p-1 are done. */
  position: number;
  stepCount: number;
  /** How far the step at `position` has got, 0 ≤ progress < 1. */
  progress: number;
  /** Steps per second. */
  rate: number;
}

export interface PlaybackInput {
  stepCount: number;
  position?: number;
  rate?: number;
}

export type PlaybackEvent =
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'toggle' }
  /** `dt`: wall-clock milliseconds since the previous tick. */
  | { type: 'tick'; dt: number }
  | { type: 'step.next' }
  | { type: 'step.previous' }
  | { type: 'seek'; position: number }
  | { type: 'restart' }
  | { type: 'end' }
  | { type: 'speed.set'; rate: number }
  /** A new run replaced the old one (a scenario picked, edited or branched). */
  | { type: 'run.loaded'; stepCount: number; position: number };

/**
 * The longest tick that counts in full. A background tab gets no frames, and the first frame
 * back would otherwise carry minutes and race through the run.
 */
export const MAX_TICK_MS = 250;

export function clampPosition(position: number, stepCount: number): number {
  if (!Number.isFinite(position)) return 0;
  return Math.min(stepCount, Math.max(0, Math.round(position)));
}

/** Where `dt` ms at `rate` steps per second takes the playhead; it stops at the end. */
export function advance(
  context: PlaybackContext,
  dt: number,
): Pick<PlaybackContext, 'position' | 'progress'> {
  const elapsed = Math.min(MAX_TICK_MS, Math.max(0, dt));
  const total = context.progress + (elapsed / 1000) * context.rate;
  const steps = Math.floor(total);
  const position = Math.min(context.stepCount, context.position + steps);
  const progress = position >= context.stepCount ? 0 : total - steps;
  return { position, progress };
}

/** Where a manual move (next, previous, seek, restart, end) goes from `context.position`. */
export function manualTarget(context: PlaybackContext, event: PlaybackEvent): number {
  switch (event.type) {
    case 'step.next':
      return context.position + 1;
    case 'step.previous':
      return context.position - 1;
    case 'seek':
      return event.position;
    case 'restart':
      return 0;
    case 'end':
      return context.stepCount;
    default:
      return context.position;
  }
}

export const playbackMachine = setup({
  types: {
    context: {} as PlaybackContext,
    events: {} as PlaybackEvent,
    input: {} as PlaybackInput,
  },
  guards: {
    atEnd: ({ context }) => context.position >= context.stepCount,
    notEmpty: ({ context }) => context.stepCount > 0,
  },
  actions: {
    advance: assign(({ context, event }) =>
      event.type === 'tick' ? advance(context, event.dt) : {},
    ),
    /** Play at the end replays from the start (as VisuAlgo's play button does). */
    rewindIfAtEnd: assign(({ context }) =>
      context.position >= context.stepCount ? { position: 0, progress: 0 } : {},
    ),
    // Manual moves land exactly on a step: no step half done.
    moveTo: assign(({ context, event }) => ({
      position: clampPosition(manualTarget(context, event), context.stepCount),
      progress: 0,
    })),
    setRate: assign(({ event }) =>
      event.type === 'speed.set' ? { rate: clampRate(event.rate) } : {},
    ),
    load: assign(({ event }) => {
      if (event.type !== 'run.loaded') return {};
      const stepCount = Math.max(0, Math.floor(event.stepCount));
      return { stepCount, position: clampPosition(event.position, stepCount), progress: 0 };
    }),
  },
}).createMachine({
  id: 'playback',
  initial: 'paused',
  context: ({ input }) => {
    const stepCount = Math.max(0, Math.floor(input.stepCount));
    return {
      stepCount,
      position: clampPosition(input.position ?? 0, stepCount),
      progress: 0,
      rate: clampRate(input.rate ?? DEFAULT_RATE),
    };
  },
  // Manual moves pause: the learner who steps wants to look, not to be carried on.
  on: {
    'step.next': { target: '.paused', actions: 'moveTo' },
    'step.previous': { target: '.paused', actions: 'moveTo' },
    seek: { target: '.paused', actions: 'moveTo' },
    restart: { target: '.paused', actions: 'moveTo' },
    end: { target: '.paused', actions: 'moveTo' },
    'speed.set': { actions: 'setRate' },
    'run.loaded': { target: '.paused', actions: 'load' },
  },
  states: {
    paused: {
      on: {
        play: { guard: 'notEmpty', target: 'playing', actions: 'rewindIfAtEnd' },
        toggle: { guard: 'notEmpty', target: 'playing', actions: 'rewindIfAtEnd' },
      },
    },
    playing: {
      always: { guard: 'atEnd', target: 'paused' },
      on: {
        tick: { actions: 'advance' },
        pause: 'paused',
        toggle: 'paused',
      },
    },
  },
});
