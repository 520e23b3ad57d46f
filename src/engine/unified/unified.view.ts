/**
 * What the picture of a unified run reads after a step (D3 calculates, Svelte draws): records with
 * their event time, arrival and fate; the watermark as a stepped line and per partition; windows
 * with their lateness horizon, state and accumulators; every pane fired so far; the sink's table.
 * Pure data, all times in epoch ms (−Infinity: no watermark yet; Infinity: "end").
 */
import { WATERMARK_END } from '../scenario/scenario.types.ts';
import type { UnifiedPipeline } from './pipeline.core.ts';
import type { Pane } from './unified.types.ts';

/** A record's fate so far: not yet in the log, waiting in the log, or processed (how). */
export type RecordFate = 'not-arrived' | 'in-log' | 'on-time' | 'late' | 'dropped' | 'skipped';

export const FATES: readonly RecordFate[] = [
  'in-log',
  'on-time',
  'late',
  'dropped',
  'skipped',
  'not-arrived',
];

export interface UnifiedRecordView {
  /** Global index in the log (arrival order). */
  index: number;
  event: string;
  user: string;
  eventTime: number;
  arrival: number;
  partition: number;
  value: number;
  fate: RecordFate;
}

export interface UnifiedWindowView {
  start: number;
  end: number;
  /** end + allowed lateness: past it, records for the window are dropped. */
  horizon: number;
  state: 'open' | 'fired' | 'expired';
  total: number;
  sincePane: number;
  pending: number;
  panes: number;
  /** The armed early/late timer (processing time), or null. */
  timer: number | null;
}

export interface UnifiedView {
  now: number;
  pipeline: 'running' | 'crashed' | 'recovering';
  watermark: number;
  /** [processing time, watermark] at each change up to now, for a `curveStepAfter` line. */
  watermarkLine: [number, number][];
  /** Heuristic watermarks: each partition's own (max event time − bound) and whether idle. */
  partitions: { partition: number; watermark: number; idle: boolean }[];
  records: UnifiedRecordView[];
  /** Live windows, and windows that expired (state `expired`, from the sink). */
  windows: UnifiedWindowView[];
  panes: Pane[];
  sink: { start: number; end: number; value: number; panes: number }[];
  dropped: number;
  /** Input position (records processed) and the last checkpoint's. */
  position: number;
  checkpointPosition: number;
  checkpoints: number;
}

export function unifiedView(
  e: UnifiedPipeline,
  watermarkLine: [number, number][] = e.watermarkLine,
): UnifiedView {
  const w = e.world;
  const u = e.scenario.unified;
  const records: UnifiedRecordView[] = [];
  for (let r = 0; r < w.recordCount; r++) {
    const ev = w.recEvent[r];
    const event = e.scenario.events[ev];
    records.push({
      index: r,
      event: event.id,
      user: w.users.get(w.eventUser[ev]),
      eventTime: w.eventTime[ev],
      arrival: w.recArrival[r],
      partition: w.recPartition[r],
      value: event.value,
      fate: r >= e.appended ? 'not-arrived' : FATES[e.recordFate[r]],
    });
  }
  const windows: UnifiedWindowView[] = [...e.state.windows.values()].map((win) => ({
    start: win.start,
    end: win.end,
    horizon: win.end + u.allowedLateness,
    state: win.machine.value as UnifiedWindowView['state'],
    total: win.total,
    sincePane: win.sincePane,
    pending: win.pending,
    panes: win.panes,
    timer: win.timer === Infinity ? null : win.timer,
  }));
  for (const [start, entry] of e.sink) {
    if (e.state.windows.has(start)) continue;
    const end = e.windowing.of(start).end;
    windows.push({
      start,
      end,
      horizon: end + u.allowedLateness,
      state: 'expired',
      total: entry.value,
      sincePane: 0,
      pending: 0,
      panes: entry.panes,
      timer: null,
    });
  }
  windows.sort((a, b) => a.start - b.start);
  const wm = u.watermark;
  const partitions =
    wm.kind === 'heuristic'
      ? Array.from(e.state.maxSeen, (max, p) => ({
          partition: p,
          watermark: e.watermark === WATERMARK_END ? WATERMARK_END : max - wm.bound,
          idle: e.idle[p] === 1,
        }))
      : [];
  return {
    now: e.now,
    pipeline: e.machine.value as UnifiedView['pipeline'],
    watermark: e.watermark,
    watermarkLine,
    partitions,
    records,
    windows,
    panes: e.panes.slice(),
    sink: [...e.sink]
      .map(([start, s]) => ({
        start,
        end: e.windowing.of(start).end,
        value: s.value,
        panes: s.panes,
      }))
      .sort((a, b) => a.start - b.start),
    dropped: e.state.dropped,
    position: e.state.position,
    checkpointPosition: e.state.checkpointPosition,
    checkpoints: e.checkpoints,
  };
}
