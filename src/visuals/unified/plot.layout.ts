/**
 * Where every mark of the event-time × processing-time plot sits (D3 calculates, Svelte draws):
 * event time across, processing time up (as in *Streaming Systems*, ch. 2); records as dots at
 * (event time, arrival); the watermark as a stepped line; fixed windows as bands with their
 * allowed-lateness horizon; each pane at (its window, the processing time it fired) with its
 * value. Everything is read from the engine's `UnifiedView`; nothing here decides a number. Pure.
 */
import { curveStepBefore, line } from 'd3-shape';
import type { Pane } from '../../engine/unified/unified.types.ts';
import type { RecordFate, UnifiedView } from '../../engine/unified/unified.view.ts';
import { Windowing } from '../../engine/unified/window.logic.ts';
import { zoneScale, type ZoomState } from './plot.scales.ts';

export interface PlotInput {
  view: UnifiedView;
  /** The scenario's window size (`'day'` or ms) and time zone. */
  window: 'day' | number;
  timeZone: string;
  /** The run's processing-time span (the scenario's start and end). */
  start: number;
  end: number;
  allowedLateness: number;
  width: number;
  height: number;
  zoom: ZoomState;
}

export interface BandMark {
  start: number;
  end: number;
  x1: number;
  x2: number;
  /** The window's state in the engine, or `none` while it has no record yet. */
  state: 'none' | 'open' | 'fired' | 'expired';
  /** x of end + allowed lateness (null when lateness is 0), and where its bracket is drawn. */
  horizonX: number | null;
  bracketY: number;
  /** Processing time (px) at which the watermark passed the horizon: the window closed. */
  closedY: number | null;
}

export interface RecordMark {
  index: number;
  /** The event id (a retry copy shares it): what a lesson highlights (`record s7`). */
  event: string;
  x: number;
  y: number;
  fate: RecordFate;
  value: number;
}

export interface PaneMark {
  key: string;
  pane: Pane;
  /** The pane's shelf across its window, at the processing time it fired. */
  x1: number;
  x2: number;
  y: number;
  /** Where its shape and value label sit (moved aside when panes fire moments apart). */
  cx: number;
  label: string;
}

export interface PlotLayout {
  left: number;
  right: number;
  top: number;
  bottom: number;
  xTicks: { at: number; label: string }[];
  yTicks: { at: number; label: string }[];
  bands: BandMark[];
  records: RecordMark[];
  /** The watermark so far: a step line (held until it changes), and its latest point. */
  watermark: string;
  watermarkHead: { x: number; y: number } | null;
  nowY: number;
  panes: PaneMark[];
}

const PANE_SLOT = 58;
const PANE_GAP = 22;

/** The label a pane carries: its value, and what a retracting pane takes back. */
export function paneLabel(p: Pane): string {
  return p.retracts === null ? String(p.value) : `${p.value} (−${p.retracts})`;
}

/** Event-time extent of the run: every record's window, arrived or not (stable as it plays). */
function eventExtent(input: PlotInput, windowing: Windowing): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of input.view.records) {
    lo = Math.min(lo, r.eventTime);
    hi = Math.max(hi, r.eventTime);
  }
  if (lo > hi) return [input.start, input.end];
  return [windowing.of(lo).start, windowing.of(hi).end];
}

export function plotLayout(input: PlotInput): PlotLayout {
  const { view, width, height, zoom } = input;
  const windowing = new Windowing(input.window, input.timeZone);
  // Room for the tick labels ("12:07" at 16 px) and, left of them, the rotated axis title.
  const left = 86;
  const right = Math.max(left + 40, width - 32);
  const top = 34;
  const bottom = Math.max(top + 40, height - 58);
  const [from, to] = eventExtent(input, windowing);
  const xTickCount = Math.max(2, Math.floor((right - left) / 110));
  const yTickCount = Math.max(2, Math.floor((bottom - top) / 56));
  const xs = zoneScale(
    from,
    to,
    left,
    right,
    input.timeZone,
    { k: zoom.k, shift: zoom.x },
    xTickCount,
  );
  const ys = zoneScale(
    input.start,
    input.end,
    bottom,
    top,
    input.timeZone,
    { k: zoom.k, shift: zoom.y },
    yTickCount,
  );
  const x = (t: number) => (t === Infinity ? right + 4000 : xs.at(t));
  const y = (t: number) => ys.at(t);

  const steps: [number, number][] = view.watermarkLine.filter(([, w]) => w !== -Infinity);
  const passed = (edge: number): number | null => {
    const hit = steps.find(([, w]) => w >= edge);
    return hit ? y(hit[0]) : null;
  };

  const states = new Map(view.windows.map((w) => [w.start, w.state]));
  const bands: BandMark[] = [];
  for (let s = from, i = 0; s < to && i < 2000; i++) {
    const b = windowing.of(s);
    const horizon = b.end + input.allowedLateness;
    bands.push({
      start: b.start,
      end: b.end,
      x1: x(b.start),
      x2: x(b.end),
      state: states.get(b.start) ?? 'none',
      horizonX: input.allowedLateness > 0 ? x(horizon) : null,
      bracketY: top - 22 + (i % 3) * 7,
      closedY: passed(horizon),
    });
    s = b.end;
  }

  const records: RecordMark[] = view.records
    .filter((r) => r.fate !== 'not-arrived')
    .map((r) => ({
      index: r.index,
      event: r.event,
      x: x(r.eventTime),
      y: y(r.arrival),
      fate: r.fate,
      value: r.value,
    }));

  const points: [number, number][] = steps.map(([p, w]) => [x(w), y(p)]);
  if (points.length > 0) points.push([points[points.length - 1][0], y(view.now)]);
  // Processing time runs up the plot, so the watermark holds its value *up* to the next change
  // (step-after in processing time): on these axes that is d3-shape's curveStepBefore.
  const watermark = line<[number, number]>().curve(curveStepBefore)(points) ?? '';
  const head = points.length > 0 ? points[points.length - 1] : null;

  const panes: PaneMark[] = [];
  const lastByWindow = new Map<number, { y: number; slot: number }>();
  for (const pane of view.panes) {
    const x1 = x(pane.start);
    const x2 = x(pane.end);
    const py = y(pane.at);
    const prev = lastByWindow.get(pane.start);
    const slot = prev && Math.abs(prev.y - py) < PANE_GAP ? prev.slot + 1 : 0;
    lastByWindow.set(pane.start, { y: py, slot });
    panes.push({
      key: `${pane.start}:${pane.index}`,
      pane,
      x1,
      x2,
      y: py,
      cx: x1 + 14 + slot * PANE_SLOT,
      label: paneLabel(pane),
    });
  }

  return {
    left,
    right,
    top,
    bottom,
    xTicks: xs.ticks.filter((t) => t.at >= left - 0.5 && t.at <= right + 0.5),
    yTicks: ys.ticks.filter((t) => t.at >= top - 0.5 && t.at <= bottom + 0.5),
    bands,
    records,
    watermark,
    watermarkHead: head ? { x: head[0], y: head[1] } : null,
    nowY: y(view.now),
    panes,
  };
}
