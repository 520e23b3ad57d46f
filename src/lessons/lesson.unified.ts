/**
 * Question measures of a unified (Dataflow-style) run, read from the engine's view: the latest
 * pane of a window (`pane 12:00`), what the sink holds for it (`sink 12:00`), how many panes it
 * has fired (`panes 12:00`), and the records dropped so far (`dropped`). A window is named by its
 * start as the scenario's wall clock shows it (`12:00`, `12:00:30`), or, for day windows, by
 * its day (`today`, `yesterday`, `YYYY-MM-DD`).
 */
import type { DifferenceReason, Simulation, SimulationView } from '../engine/index.ts';
import { calendarFor, dayKey, resolveDay, zoneOffset } from '../engine/time/time.logic.ts';
import type { UnifiedView } from '../engine/unified/unified.view.ts';

export const UNIFIED_MEASURES = ['pane', 'sink', 'panes', 'dropped'] as const;
export type UnifiedMeasure = (typeof UNIFIED_MEASURES)[number];

/** `12:00` or `12:00:30` (a window's local start), or a day. */
export const WINDOW_REF = /^(?:\d{2}:\d{2}(?::\d{2})?|today|yesterday|\d{4}-\d{2}-\d{2})$/;

export function isUnifiedMeasure(measure: string): measure is UnifiedMeasure {
  return (UNIFIED_MEASURES as readonly string[]).includes(measure);
}

const pad = (n: number) => String(n).padStart(2, '0');

function wallClock(t: number, timeZone: string): { hm: string; hms: string } {
  const d = new Date(t + zoneOffset(t, timeZone));
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return { hm, hms: `${hm}:${pad(d.getUTCSeconds())}` };
}

/** Every window the run has seen so far (live, expired, or with panes), by start. */
function starts(u: UnifiedView): number[] {
  const all = new Set<number>();
  for (const w of u.windows) all.add(w.start);
  for (const s of u.sink) all.add(s.start);
  for (const p of u.panes) all.add(p.start);
  return [...all].sort((a, b) => a - b);
}

/** The start of the window `ref` names in `view`, or null when no such window exists yet. */
export function windowStart(view: SimulationView, ref: string): number | null {
  if (view.architecture !== 'unified') return null;
  const zone = view.timeZone;
  const day = /^\d{2}:/.test(ref) ? null : resolveDay(ref, view.time, zone);
  for (const start of starts(view.unified)) {
    if (day !== null) {
      if (dayKey(calendarFor(zone).dayOf(start)) === dayKey(day)) return start;
      continue;
    }
    const c = wallClock(start, zone);
    if (c.hm === ref || c.hms === ref) return start;
  }
  return null;
}

/** The engine's number for a unified measure, or null when the run is not unified. */
export function unifiedValue(
  view: SimulationView,
  measure: UnifiedMeasure,
  ref: string,
): number | null {
  if (view.architecture !== 'unified') return null;
  const u = view.unified;
  if (measure === 'dropped') return u.dropped;
  const start = windowStart(view, ref);
  if (start === null) return 0;
  const panes = u.panes.filter((p) => p.start === start);
  if (measure === 'panes') return panes.length;
  if (measure === 'pane') return panes.length > 0 ? panes[panes.length - 1].value : 0;
  return u.sink.find((s) => s.start === start)?.value ?? 0;
}

export function describeUnified(measure: UnifiedMeasure, ref: string): string {
  switch (measure) {
    case 'dropped':
      return 'the records dropped so far';
    case 'pane':
      return `the latest pane of the window starting ${ref}`;
    case 'panes':
      return `the panes fired for the window starting ${ref}`;
    case 'sink':
      return `what the sink holds for the window starting ${ref}`;
  }
}

/**
 * Why the sink's value for window `ref` differs from the truth of the window's events, as the
 * engine explains it in `view` (a `sink` question's reveal); none when they agree.
 */
export function sinkReasons(
  simulation: Simulation,
  view: SimulationView,
  ref: string,
): DifferenceReason[] {
  const start = windowStart(view, ref);
  if (start === null) return [];
  return simulation.explainWindow(view.step, start)?.reasons ?? [];
}

let loading: Promise<void> | null = null;

/** Loads the unified explanations on demand (once) and installs them in the engine. */
export function loadUnifiedReasons(): Promise<void> {
  return (loading ??= import('../engine/arch/unified/unified.reasons.ts').then((m) =>
    m.installUnifiedReasons(),
  ));
}
