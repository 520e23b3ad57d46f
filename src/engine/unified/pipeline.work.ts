/**
 * The per-record work of the unified pipeline, in plain TypeScript: a record into its window
 * (aggregate, late or dropped), trigger timers, a pane firing into the sink, a window expiring.
 */
import { transition } from 'xstate';
import type { UnifiedPipeline } from './pipeline.core.ts';
import { newWindow, type WindowState } from './pipeline.state.ts';
import { windowMachine } from './unified.machine.ts';
import { FATE, type Pane, type PaneTiming } from './unified.types.ts';
import { alignUp } from './window.logic.ts';

/** Processes the next record: its fate (dropped when its window is past allowed lateness). */
export function process(p: UnifiedPipeline): number {
  const w = p.world;
  const s = p.scenario;
  const u = s.unified;
  const st = p.state;
  const r = st.position++;
  st.dirty = true;
  const ev = w.recEvent[r];
  const time = w.eventTime[ev];
  st.see(w.recPartition[r], time);
  if (s.dedup === 'event-id') {
    if (st.counted[ev]) return FATE.skipped;
    st.markCounted(ev);
  }
  const user = w.eventUser[ev];
  if (p.truth.excluded[user]) return FATE.skipped;
  const bounds = p.windowing.of(time);
  if (p.watermark >= bounds.end + u.allowedLateness) {
    st.dropped++;
    return FATE.dropped;
  }
  let delta = 1;
  if (u.aggregate === 'sum') delta = s.events[ev].value;
  else if (u.aggregate === 'distinct-users') {
    const seen = st.userEarliest[user];
    if (!Number.isNaN(seen) && seen <= time) delta = 0;
    else {
      if (!Number.isNaN(seen)) {
        // The user's earlier signup arrived late: they move out of the later window.
        const old = p.windowing.of(seen);
        if (old.start !== bounds.start) change(p, old.start, -1);
        else delta = 0;
      }
      st.setUser(user, time);
    }
  }
  if (!st.windows.has(bounds.start)) {
    st.addWindow(newWindow(bounds.start, bounds.end, p.watermark >= bounds.end));
  }
  change(p, bounds.start, delta);
  return p.watermark >= bounds.end ? FATE.late : FATE.onTime;
}

/** A record changes a window: its accumulators, and the trigger's timer if it is the first. */
function change(p: UnifiedPipeline, start: number, delta: number): void {
  const win = p.state.edit(start);
  if (!win || win.machine.value === 'expired') return;
  win.total += delta;
  win.sincePane += delta;
  win.pending++;
  if (win.pending === 1) arm(p, win);
}

/** Arms the window's early or late processing-time trigger (if that is its kind). */
export function arm(p: UnifiedPipeline, win: WindowState): void {
  const u = p.scenario.unified;
  const trigger = p.watermark >= win.end ? u.triggers.late : u.triggers.early;
  if (trigger?.kind !== 'processing-time') {
    win.timer = Infinity;
    return;
  }
  win.timer = trigger.aligned ? alignUp(p.now, trigger.delay) : p.now + trigger.delay;
}

export function fire(p: UnifiedPipeline, start: number): void {
  const u = p.scenario.unified;
  const win = p.state.edit(start)!;
  let timing: PaneTiming;
  if (p.watermark < win.end) timing = 'early';
  else if (win.machine.value === 'open') {
    timing = 'on-time';
    win.machine = transition(windowMachine, win.machine, { type: 'watermark.passed-end' })[0];
  } else timing = 'late';
  win.machine = transition(windowMachine, win.machine, { type: 'pane.fired' })[0];
  const value = u.accumulation === 'discarding' ? win.sincePane : win.total;
  const retracts = u.accumulation === 'retracting' && win.panes > 0 ? win.lastValue : null;
  const pane: Pane = {
    start: win.start,
    end: win.end,
    at: p.now,
    timing,
    index: win.panes,
    value,
    retracts,
  };
  win.panes++;
  win.lastValue = win.total;
  win.sincePane = 0;
  win.pending = 0;
  win.timer = Infinity;
  p.panes.push(pane);
  toSink(p, pane, win.total);
  // The pane is produced with the state that made it: checkpointed before anything else, so
  // a crash can never make it fire twice.
  p.checkpointNow = true;
}

function toSink(p: UnifiedPipeline, pane: Pane, total: number): void {
  const u = p.scenario.unified;
  const entry = p.sink.get(pane.start) ?? { value: 0, panes: 0, last: 0, position: 0 };
  entry.last = total;
  entry.position = p.state.position;
  if (u.sink === 'add-all' || u.accumulation === 'discarding') entry.value += pane.value;
  else entry.value = pane.value; // accumulating replaces; retracting = − retracts + value
  entry.panes++;
  p.sink.set(pane.start, entry);
}

export function expire(p: UnifiedPipeline, start: number): void {
  const win = p.state.edit(start)!;
  win.machine = transition(windowMachine, win.machine, { type: 'watermark.passed-horizon' })[0];
  p.state.removeWindow(start);
  p.checkpointNow = true;
}
