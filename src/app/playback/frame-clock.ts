/**
 * The only wall clock in the app: calls `ontick` with the milliseconds since the previous tick,
 * on animation frames, until the returned function stops it.
 *
 * `minInterval` (read every frame) lets a caller tick less often than every frame: the elapsed
 * time is carried over, so playback keeps its rate and only the picture is redrawn less often.
 */
export function startFrameClock(
  ontick: (dt: number) => void,
  minInterval: () => number = () => 0,
): () => void {
  let last: number | null = null;
  let carried = 0;
  let frame = requestAnimationFrame(function loop(now) {
    if (last !== null) {
      carried += now - last;
      // A frame early by up to a quarter of a 60 Hz frame still counts (frames jitter).
      if (carried >= minInterval() - 4) {
        const dt = carried;
        carried = 0;
        ontick(dt);
      }
    }
    last = now;
    frame = requestAnimationFrame(loop);
  });
  return () => cancelAnimationFrame(frame);
}

/**
 * Past this many steps a second, a frame carries several steps (60 Hz) and the picture cannot
 * show each one; it is then redrawn at most `FAST_PICTURE_HZ` times a second, skipping more steps
 * per redraw instead (issue 9: "more steps per frame than can be seen").
 */
export const FAST_RATE = 128;
export const FAST_PICTURE_HZ = 30;

/** The least interval between ticks (ms) for a playback `rate` in steps per second. */
export function tickInterval(rate: number): number {
  return rate > FAST_RATE ? 1000 / FAST_PICTURE_HZ : 0;
}
