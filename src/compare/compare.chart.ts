/**
 * The layout of the compare view's chart: one day's served answer per column and its truth over
 * simulated time, as step lines (`curveStepAfter`: a value holds until the next change), drawn
 * up to the shared time only, so the future is not given away. The time axis is the time
 * strip's (a d3-scale time scale with day boundaries and hour ticks in the scenario's time
 * zone); counts get a linear scale with whole-number ticks. D3 calculates, Svelte draws. Pure.
 */
import { scaleLinear } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import { stripLayout } from '../visuals/timestrip/timestrip.layout.ts';
import type { SeriesPoint } from './compare.series.ts';

export interface ChartLine {
  key: string;
  label: string;
  points: readonly SeriesPoint[];
}

export interface ChartInput {
  start: number;
  end: number;
  timeZone: string;
  /** Drawing width and height, CSS px. */
  width: number;
  height: number;
  /** The shared time: lines stop there. */
  now: number;
  lines: readonly ChartLine[];
}

export interface ChartLayout {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  nowX: number;
  days: { x: number; label: string; key: string }[];
  ticks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  lines: {
    key: string;
    label: string;
    path: string;
    end: { x: number; y: number; value: number };
  }[];
}

const MARGIN = { left: 40, right: 16, top: 12, bottom: 44 };

/** The points of a step series up to `now`, closed with the value in force at `now`. */
export function upTo(points: readonly SeriesPoint[], now: number): SeriesPoint[] {
  const out = points.filter((p) => p.time <= now);
  if (out.length === 0) return [];
  out.push({ time: now, value: out[out.length - 1].value });
  return out;
}

export function chartLayout(input: ChartInput): ChartLayout {
  const plotWidth = Math.max(120, input.width - MARGIN.left - MARGIN.right);
  // The time strip's axis has a 12-px inset on each side; shift it so its left edge meets ours.
  const strip = stripLayout({
    start: input.start,
    end: input.end,
    width: plotWidth + 24,
    timeZone: input.timeZone,
    moments: [],
    downtimes: [],
  });
  const shift = MARGIN.left - strip.left;
  const x = (t: number) => strip.x(t) + shift;
  const bottom = Math.max(MARGIN.top + 40, input.height - MARGIN.bottom);
  let max = 1;
  for (const l of input.lines) for (const p of l.points) max = Math.max(max, p.value);
  let min = 0;
  for (const l of input.lines) for (const p of l.points) min = Math.min(min, p.value);
  const y = scaleLinear().domain([min, max]).nice().range([bottom, MARGIN.top]);
  const yTicks = y
    .ticks(Math.min(5, max - min))
    .filter((v) => Number.isInteger(v))
    .map((v) => ({ y: y(v), label: String(v) }));
  const path = line<SeriesPoint>()
    .x((p) => x(p.time))
    .y((p) => y(p.value))
    .curve(curveStepAfter);
  const lines = input.lines.map((l) => {
    const shown = upTo(l.points, input.now);
    const last = shown[shown.length - 1] ?? { time: input.start, value: 0 };
    return {
      key: l.key,
      label: l.label,
      path: shown.length > 0 ? (path(shown) ?? '') : '',
      end: { x: x(last.time), y: y(last.value), value: last.value },
    };
  });
  return {
    width: input.width,
    height: input.height,
    plot: { left: MARGIN.left, right: MARGIN.left + plotWidth, top: MARGIN.top, bottom },
    nowX: x(Math.min(Math.max(input.now, input.start), input.end)),
    days: strip.days.map((d) => ({ ...d, x: d.x + shift })),
    ticks: strip.ticks.map((t) => ({ ...t, x: t.x + shift })),
    yTicks,
    lines,
  };
}
