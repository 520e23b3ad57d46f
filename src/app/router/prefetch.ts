/**
 * Loads the parts a visitor is likely to open next once the page is idle, so they open without
 * a visible delay while the first page stays small: from the lessons index, the lesson player
 * (and the engine and picture it imports); from a lesson, the sandbox. Each loader runs at most
 * once (the callers' loaders cache their promise); a failed prefetch is ignored, since opening
 * the page loads it again and shows any error there.
 */

type Idle = (callback: () => void, options?: { timeout: number }) => number;

/** Calls `load` when the browser is idle (or after `timeout` ms at the latest); returns a cancel. */
export function prefetchOnIdle(load: () => Promise<unknown>, timeout = 3000): () => void {
  const idle = (globalThis as { requestIdleCallback?: Idle }).requestIdleCallback;
  const run = () => void load().catch(() => undefined);
  if (idle) {
    const id = idle(run, { timeout });
    return () =>
      (globalThis as { cancelIdleCallback?: (id: number) => void }).cancelIdleCallback?.(id);
  }
  const id = setTimeout(run, Math.min(timeout, 1000));
  return () => clearTimeout(id);
}
