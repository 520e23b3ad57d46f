import { describe, expect, test } from 'vitest';
import { createActor } from 'xstate';
import {
  advance,
  MAX_TICK_MS,
  playbackMachine,
  type PlaybackInput,
} from '../../src/app/playback/playback.machine.ts';
import {
  formatRate,
  MAX_RATE,
  MIN_RATE,
  nudgeRate,
  rateFromSlider,
  sliderFromRate,
} from '../../src/app/playback/speed.ts';

function playback(input: PlaybackInput) {
  return createActor(playbackMachine, { input }).start();
}

/** Sends `count` ticks of `dt` ms each: virtual time, no sleeping. */
function ticks(actor: ReturnType<typeof playback>, count: number, dt: number): void {
  for (let k = 0; k < count; k++) actor.send({ type: 'tick', dt });
}

describe('the playback machine', () => {
  test('starts paused at the given position, and ticks do nothing while paused', () => {
    const actor = playback({ stepCount: 10, position: 3 });
    expect(actor.getSnapshot().value).toBe('paused');
    ticks(actor, 20, 100);
    expect(actor.getSnapshot().context).toMatchObject({ position: 3, progress: 0 });
  });

  test('at rate r a tick of dt ms adds dt·r/1000 progress and steps when it passes 1', () => {
    const actor = playback({ stepCount: 10, rate: 4 });
    actor.send({ type: 'play' });
    expect(actor.getSnapshot().value).toBe('playing');
    actor.send({ type: 'tick', dt: 100 });
    expect(actor.getSnapshot().context.position).toBe(0);
    expect(actor.getSnapshot().context.progress).toBeCloseTo(0.4);
    actor.send({ type: 'tick', dt: 100 });
    expect(actor.getSnapshot().context.progress).toBeCloseTo(0.8);
    actor.send({ type: 'tick', dt: 100 });
    expect(actor.getSnapshot().context.position).toBe(1);
    expect(actor.getSnapshot().context.progress).toBeCloseTo(0.2);
  });

  test('one second of ticks at 4 steps/s moves four steps, whatever the frame length', () => {
    for (const dt of [1000 / 60, 1000 / 30, 50]) {
      const actor = playback({ stepCount: 100, rate: 4 });
      actor.send({ type: 'play' });
      // One frame more than a second: summing 60 frames of 1000/60 ms rounds just below 1 s.
      ticks(actor, Math.round(1000 / dt) + 1, dt);
      expect(actor.getSnapshot().context.position).toBe(4);
    }
  });

  test('a fast rate moves several steps in one tick', () => {
    const actor = playback({ stepCount: 100, rate: 64 });
    actor.send({ type: 'play' });
    actor.send({ type: 'tick', dt: 100 });
    expect(actor.getSnapshot().context.position).toBe(6);
    expect(actor.getSnapshot().context.progress).toBeCloseTo(0.4);
  });

  test('pauses itself at the end, with nothing half done', () => {
    const actor = playback({ stepCount: 3, rate: 8 });
    actor.send({ type: 'play' });
    ticks(actor, 10, 100);
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context).toMatchObject({ position: 3, progress: 0 });
  });

  test('play at the end replays from the start', () => {
    const actor = playback({ stepCount: 3, position: 3 });
    actor.send({ type: 'play' });
    expect(actor.getSnapshot().value).toBe('playing');
    expect(actor.getSnapshot().context.position).toBe(0);
  });

  test('an empty run cannot play', () => {
    const actor = playback({ stepCount: 0 });
    actor.send({ type: 'toggle' });
    expect(actor.getSnapshot().value).toBe('paused');
  });

  test('toggle plays and pauses; pausing keeps progress so that play resumes smoothly', () => {
    const actor = playback({ stepCount: 10, rate: 2 });
    actor.send({ type: 'toggle' });
    actor.send({ type: 'tick', dt: 200 });
    actor.send({ type: 'toggle' });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context.progress).toBeCloseTo(0.4);
    actor.send({ type: 'toggle' });
    actor.send({ type: 'tick', dt: 200 });
    expect(actor.getSnapshot().context.progress).toBeCloseTo(0.8);
  });

  test('manual moves pause and land exactly on a step, clamped to the run', () => {
    const actor = playback({ stepCount: 5, position: 2, rate: 4 });
    actor.send({ type: 'play' });
    actor.send({ type: 'tick', dt: 100 });
    actor.send({ type: 'step.previous' });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context).toMatchObject({ position: 1, progress: 0 });
    actor.send({ type: 'step.next' });
    expect(actor.getSnapshot().context.position).toBe(2);
    actor.send({ type: 'seek', position: 99 });
    expect(actor.getSnapshot().context.position).toBe(5);
    actor.send({ type: 'step.next' });
    expect(actor.getSnapshot().context.position).toBe(5);
    actor.send({ type: 'restart' });
    expect(actor.getSnapshot().context.position).toBe(0);
    actor.send({ type: 'step.previous' });
    expect(actor.getSnapshot().context.position).toBe(0);
    actor.send({ type: 'end' });
    expect(actor.getSnapshot().context.position).toBe(5);
    actor.send({ type: 'seek', position: Number.NaN });
    expect(actor.getSnapshot().context.position).toBe(0);
  });

  test('speed.set changes the rate within its bounds, playing or not', () => {
    const actor = playback({ stepCount: 10 });
    actor.send({ type: 'speed.set', rate: 16 });
    expect(actor.getSnapshot().context.rate).toBe(16);
    actor.send({ type: 'play' });
    actor.send({ type: 'speed.set', rate: 1_000_000 });
    expect(actor.getSnapshot().context.rate).toBe(MAX_RATE);
    expect(actor.getSnapshot().value).toBe('playing');
    actor.send({ type: 'speed.set', rate: 0 });
    expect(actor.getSnapshot().context.rate).toBe(MIN_RATE);
  });

  test('a loaded run replaces the step count and position, and pauses', () => {
    const actor = playback({ stepCount: 10, rate: 4 });
    actor.send({ type: 'play' });
    actor.send({ type: 'tick', dt: 100 });
    actor.send({ type: 'run.loaded', stepCount: 20, position: 12 });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context).toMatchObject({
      stepCount: 20,
      position: 12,
      progress: 0,
      rate: 4,
    });
  });

  test('a long tick (a background tab) counts as at most MAX_TICK_MS', () => {
    const actor = playback({ stepCount: 1000, rate: 4 });
    actor.send({ type: 'play' });
    actor.send({ type: 'tick', dt: 60_000 });
    const expected = (MAX_TICK_MS / 1000) * 4;
    const { position, progress } = actor.getSnapshot().context;
    expect(position + progress).toBeCloseTo(expected);
  });
});

describe('advance()', () => {
  test('does not mutate its input', () => {
    const context = { position: 1, stepCount: 5, progress: 0.5, rate: 4 };
    const copy = { ...context };
    advance(context, 200);
    expect(context).toEqual(copy);
  });
});

describe('the speed scale', () => {
  test('the slider value is log2 of the rate, from 0.25 to 16,384 steps per second', () => {
    expect(rateFromSlider(sliderFromRate(MIN_RATE))).toBe(0.25);
    expect(rateFromSlider(sliderFromRate(MAX_RATE))).toBe(16_384);
    expect(rateFromSlider(2)).toBe(4);
    expect(nudgeRate(4, 1)).toBe(8);
    expect(nudgeRate(4, -1)).toBe(2);
    expect(nudgeRate(64, 1)).toBe(128);
    expect(nudgeRate(16_384, 1)).toBe(16_384);
  });

  test('at top speed a 600,000-step run plays in a minute, many steps per frame', () => {
    const actor = playback({ stepCount: 600_000, rate: MAX_RATE });
    actor.send({ type: 'play' });
    ticks(actor, 60 * 60, 1000 / 60);
    expect(actor.getSnapshot().context.position).toBe(600_000);
    expect(actor.getSnapshot().value).toBe('paused');
    const one = playback({ stepCount: 600_000, rate: MAX_RATE });
    one.send({ type: 'play' });
    one.send({ type: 'tick', dt: 1000 / 60 });
    expect(one.getSnapshot().context.position).toBe(273);
  });

  test.each([
    [4, '4 steps/s'],
    [1, '1 step/s'],
    [0.25, '0.25 steps/s'],
    [64, '64 steps/s'],
    [16_384, '16,384 steps/s'],
  ])('rate %d reads "%s"', (rate, text) => {
    expect(formatRate(rate)).toBe(text);
  });
});
