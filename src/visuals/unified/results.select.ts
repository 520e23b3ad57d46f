/**
 * The sink's results table, read from the engine's view: one row per window, the panes that
 * reached it and what each did to the row (added to it, overwrote it, or retracted the previous
 * pane and added the new one), what the sink holds, and the truth beside it. Pure.
 */
import { calendarFor, dayKey, zoneOffset } from '../../engine/time/time.logic.ts';
import type { Unified } from '../../engine/scenario/scenario.types.ts';
import type { PaneTiming } from '../../engine/unified/unified.types.ts';
import type { UnifiedView } from '../../engine/unified/unified.view.ts';
import { dayLabel } from '../pipeline/pipeline.select.ts';

/** What one pane did to its row of the sink. */
export interface SinkOp {
  kind: 'add' | 'overwrite' | 'retract-and-add';
  timing: PaneTiming;
  index: number;
  value: number;
  /** For `retract-and-add`: the value taken back; for `overwrite`: the value replaced. */
  previous: number | null;
  /** The row's value after this pane. */
  after: number;
}

export interface ResultRow {
  start: number;
  end: number;
  label: string;
  ops: SinkOp[];
  /** What the sink holds (null: no pane yet). */
  value: number | null;
  truth: number;
  /** The row changed at this moment (a pane fired at `view.now`). */
  changed: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `12:02`, or `12:02:30` when seconds matter: a wall-clock time in the zone. */
export function clock(t: number, timeZone: string): string {
  const d = new Date(t + zoneOffset(t, timeZone));
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return d.getUTCSeconds() === 0 ? hm : `${hm}:${pad(d.getUTCSeconds())}`;
}

/** A window's name: its local day (`Sat 10 Jan`) or its local time span (`12:00–12:02`). */
export function windowLabel(start: number, end: number, size: 'day' | number, timeZone: string) {
  if (size === 'day') return dayLabel(dayKey(calendarFor(timeZone).dayOf(start)));
  return `${clock(start, timeZone)}–${clock(end, timeZone)}`;
}

/**
 * The true value of window [start, end) at processing time `at` (MODEL.md: over every event with
 * event time ≤ at, arrived or not, of the users the logic does not exclude; `distinct-users`
 * counts users whose earliest such event falls in the window). Events are read from the view's
 * log records, each event once (a retried copy is the same event).
 */
export function windowTruths(
  view: UnifiedView,
  aggregate: Unified['aggregate'],
  excludeUserPrefix: string | undefined,
): (start: number, end: number) => number {
  const seen = new Set<string>();
  const events: { user: string; time: number; value: number }[] = [];
  for (const r of view.records) {
    if (seen.has(r.event) || r.eventTime > view.now) continue;
    if (excludeUserPrefix && r.user.startsWith(excludeUserPrefix)) continue;
    seen.add(r.event);
    events.push({ user: r.user, time: r.eventTime, value: r.value });
  }
  const earliest = new Map<string, number>();
  for (const e of events) earliest.set(e.user, Math.min(earliest.get(e.user) ?? Infinity, e.time));
  return (start, end) => {
    const inside = (t: number) => t >= start && t < end;
    if (aggregate === 'distinct-users') return [...earliest.values()].filter(inside).length;
    return events
      .filter((e) => inside(e.time))
      .reduce((n, e) => n + (aggregate === 'sum' ? e.value : 1), 0);
  };
}

export function resultRows(
  view: UnifiedView,
  unified: Pick<Unified, 'accumulation' | 'sink' | 'aggregate' | 'window'>,
  timeZone: string,
  excludeUserPrefix?: string,
): ResultRow[] {
  const truth = windowTruths(view, unified.aggregate, excludeUserPrefix);
  const ops = new Map<number, SinkOp[]>();
  const bounds = new Map<number, number>();
  for (const w of view.windows) bounds.set(w.start, w.end);
  for (const s of view.sink) bounds.set(s.start, s.end);
  for (const p of view.panes) {
    bounds.set(p.start, p.end);
    const list = ops.get(p.start) ?? [];
    const before = list.length > 0 ? list[list.length - 1].after : 0;
    const adds = unified.sink === 'add-all' || unified.accumulation === 'discarding';
    const base = { timing: p.timing, index: p.index, value: p.value };
    if (adds) list.push({ ...base, kind: 'add', previous: null, after: before + p.value });
    else if (p.retracts !== null) {
      list.push({ ...base, kind: 'retract-and-add', previous: p.retracts, after: p.value });
    } else {
      list.push({
        ...base,
        kind: 'overwrite',
        previous: list.length ? before : null,
        after: p.value,
      });
    }
    ops.set(p.start, list);
  }
  const held = new Map(view.sink.map((s) => [s.start, s.value]));
  return [...bounds]
    .sort((a, b) => a[0] - b[0])
    .map(([start, end]) => {
      const list = ops.get(start) ?? [];
      return {
        start,
        end,
        label: windowLabel(start, end, unified.window, timeZone),
        ops: list,
        value: held.get(start) ?? null,
        truth: truth(start, end),
        changed: view.panes.some((p) => p.start === start && p.at === view.now),
      };
    });
}

/** `12:04:30`, or `Sat 10 Jan 12:04` for day windows; `—` before any watermark, `end` after. */
export function stamp(t: number, timeZone: string, size: 'day' | number): string {
  if (t === -Infinity) return 'none yet';
  if (t === Infinity) return 'end (all input seen)';
  if (size !== 'day') return clock(t, timeZone);
  return `${dayLabel(dayKey(calendarFor(timeZone).dayOf(t)))} ${clock(t, timeZone)}`;
}
