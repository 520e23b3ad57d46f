/**
 * The pipeline's watermark: what it would be at a processing time (heuristic per partition and
 * combined by minimum over partitions not idle, perfect, or a schedule; "end" for a bounded run
 * at its end), when it is stepped, and what a step does to the windows it passes.
 */
import { transition } from 'xstate';
import { WATERMARK_END } from '../scenario/scenario.types.ts';
import type { UnifiedPipeline } from './pipeline.core.ts';
import { arm } from './pipeline.work.ts';
import { windowMachine } from './unified.machine.ts';

/** What the watermark would be at time t from the pipeline's current state (never below it). */
export function candidate(p: UnifiedPipeline, t: number): number {
  const s = p.scenario;
  if (s.unified.bounded && t >= s.end) return WATERMARK_END;
  const w = s.unified.watermark;
  let c = -Infinity;
  if (w.kind === 'heuristic') {
    let min = Infinity;
    for (let k = 0; k < p.idle.length; k++) {
      if (!p.idle[k]) min = Math.min(min, p.state.maxSeen[k] - w.bound);
    }
    c = min === Infinity ? -Infinity : min;
  } else if (w.kind === 'perfect') {
    c = Math.min(p.suffixMin[p.state.position], t);
  } else {
    for (const [at, mark] of w.points) if (at <= t) c = Math.max(c, mark);
  }
  return Math.max(c, p.watermark);
}

/**
 * Whether the watermark is stepped now. The perfect watermark follows processing time between
 * records, so it is stepped only after a record was processed or when it reaches a window's
 * end or lateness horizon; the others whenever their value rises.
 */
export function watermarkDue(p: UnifiedPipeline, t: number): boolean {
  const c = candidate(p, t);
  if (c <= p.watermark) return false;
  if (p.scenario.unified.watermark.kind !== 'perfect' || c === WATERMARK_END) return true;
  if (p.state.position !== p.watermarkPosition) return true;
  const lateness = p.scenario.unified.allowedLateness;
  for (const win of p.state.windows.values()) {
    for (const b of [win.end, win.end + lateness]) if (b > p.watermark && b <= c) return true;
  }
  return false;
}

/** The next processing time after now at which the watermark moves on its own (no record). */
export function nextWatermarkTime(p: UnifiedPipeline): number {
  const s = p.scenario;
  const w = s.unified.watermark;
  let t = s.unified.bounded && s.end > p.now ? s.end : Infinity;
  if (w.kind === 'schedule') {
    for (const [at, mark] of w.points) {
      if (at > p.now && mark > p.watermark) {
        t = Math.min(t, at);
        break;
      }
    }
  } else if (w.kind === 'perfect') {
    // It follows processing time up to the earliest unprocessed record: what matters is when
    // it reaches the next window end or lateness horizon.
    const cap = p.suffixMin[p.state.position];
    const lateness = s.unified.allowedLateness;
    for (const win of p.state.windows.values()) {
      for (const b of [win.end, win.end + lateness]) {
        if (b > p.watermark && b <= cap && b > p.now) t = Math.min(t, b);
      }
    }
  }
  return t;
}

/** Steps the watermark to its candidate now; windows whose end or horizon it passes react. */
export function advanceWatermark(p: UnifiedPipeline): void {
  const before = p.watermark;
  p.watermark = candidate(p, p.now);
  p.watermarkPosition = p.state.position;
  if (p.watermark !== before) p.watermarkLine.push([p.now, p.watermark]);
  const u = p.scenario.unified;
  for (const win of p.state.windows.values()) {
    const crossedEnd = before < win.end && p.watermark >= win.end;
    const crossedHorizon =
      before < win.end + u.allowedLateness && p.watermark >= win.end + u.allowedLateness;
    if (crossedEnd || crossedHorizon) p.checkpointNow = true;
    if (crossedEnd && !u.triggers.onTime) {
      const w = p.state.edit(win.start)!;
      w.machine = transition(windowMachine, w.machine, { type: 'watermark.passed-end' })[0];
      // Records since the last pane now wait for the late trigger.
      if (w.pending > 0) arm(p, w);
    }
  }
}
