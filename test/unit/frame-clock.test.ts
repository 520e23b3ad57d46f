import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { startFrameClock, tickInterval } from '../../src/app/playback/frame-clock.ts';

/** Animation frames driven by hand: `frame(t)` runs the pending callback at time `t`. */
let pending: FrameRequestCallback | null = null;
const frame = (t: number) => {
  const run = pending;
  pending = null;
  run?.(t);
};

beforeEach(() => {
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    pending = cb;
    return 1;
  });
  vi.stubGlobal('cancelAnimationFrame', () => (pending = null));
});
afterEach(() => vi.unstubAllGlobals());

describe('frame clock', () => {
  test('ticks every frame with the time since the previous one', () => {
    const ticks: number[] = [];
    const stop = startFrameClock((dt) => ticks.push(dt));
    [0, 16, 33, 50].forEach(frame);
    stop();
    frame(66);
    expect(ticks).toEqual([16, 17, 17]);
  });

  test('with a least interval, skips frames and carries their time over', () => {
    const ticks: number[] = [];
    const stop = startFrameClock(
      (dt) => ticks.push(dt),
      () => 1000 / 30,
    );
    for (let k = 0; k <= 6; k++) frame(k * (1000 / 60));
    stop();
    // Six frames of 16.7 ms: three ticks of 33.3 ms, none of the time lost.
    expect(ticks).toHaveLength(3);
    expect(ticks.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 6);
  });

  test('slow rates redraw every frame; rates past one step a frame at most 30 times a second', () => {
    expect(tickInterval(64)).toBe(0);
    expect(tickInterval(16_384)).toBeCloseTo(1000 / 30);
  });
});
