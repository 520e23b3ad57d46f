/**
 * The only wall clock in the app: calls `ontick` with the milliseconds since the previous
 * animation frame, every frame, until the returned function stops it.
 */
export function startFrameClock(ontick: (dt: number) => void): () => void {
  let last: number | null = null;
  let frame = requestAnimationFrame(function loop(now) {
    if (last !== null) ontick(now - last);
    last = now;
    frame = requestAnimationFrame(loop);
  });
  return () => cancelAnimationFrame(frame);
}
