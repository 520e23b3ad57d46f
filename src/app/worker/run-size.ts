/**
 * Which runs the page builds itself and which go to the simulation worker. Building costs about
 * 15 µs per event on the page (parsing, validating, stepping and checkpoints), so up to this many
 * events a run is ready within RAIL's 50 ms budget for a task, and small runs keep the simple,
 * synchronous path (every position answered exactly and at once).
 */
export const PAGE_BUILD_LIMIT = 2_000;

/** Past this much text, parsing alone could block: the worker gets it without a look. */
const LARGE_TEXT = 200_000;

/** Events in a scenario text, by a quick look (explicit events plus `generate.count`). */
export function roughEventCount(text: string): number | null {
  if (text.length > LARGE_TEXT) return Infinity;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const o = json as { events?: unknown; generate?: { count?: unknown } };
  const explicit = Array.isArray(o.events) ? o.events.length : 0;
  const count = o.generate?.count;
  const generated = typeof count === 'number' && Number.isFinite(count) ? count : 0;
  return explicit + generated;
}

/** True when the run should be built in the worker. */
export function buildsInWorker(text: string): boolean {
  const n = roughEventCount(text);
  return n !== null && n > PAGE_BUILD_LIMIT;
}
