/**
 * Where things sit on the time strip: a d3-scale time scale over the run's simulated time, day
 * boundaries and hour ticks in the scenario's time zone (d3-time intervals, kept where the
 * local wall clock is on the hour), and an x for every moment and downtime span. Pure.
 */
import { scaleUtc } from '../time-scale.ts';
import { utcMinute } from 'd3-time';
import { calendarFor, HOUR, MINUTE, zoneOffset } from '../../engine/time/time.logic.ts';
import { dayLabel } from '../pipeline/pipeline.select.ts';
import { dayKey } from '../../engine/time/time.logic.ts';
import type { Moment } from './timestrip.select.ts';

export interface StripInput {
  start: number;
  end: number;
  /** Drawing width, CSS px (one SVG unit per pixel, like the picture). */
  width: number;
  timeZone: string;
  moments: readonly Moment[];
  downtimes: readonly { from: number; to: number }[];
}

export interface StripLayout {
  x: (time: number) => number;
  time: (x: number) => number;
  left: number;
  right: number;
  /** Day boundaries; `labelled` when the day's name fits before the strip's end. */
  days: { x: number; label: string; key: string; labelled: boolean }[];
  ticks: { x: number; label: string }[];
  marks: (Moment & { x: number })[];
  downs: { x1: number; x2: number }[];
}

/** Hours between labelled ticks: the smallest step whose 16-px labels ("06:00") fit. */
const HOUR_STEPS = [1, 2, 3, 6, 12];
const TICK_LABEL = 56;

export function stripLayout(input: StripInput): StripLayout {
  const left = 12;
  const right = Math.max(left + 10, input.width - 12);
  const end = Math.max(input.end, input.start + MINUTE);
  const scale = scaleUtc().domain([input.start, end]).range([left, right]).clamp(true);
  const x = (t: number) => scale(t);
  const perHour = (right - left) / ((end - input.start) / HOUR);
  const every = HOUR_STEPS.find((h) => h * perHour >= TICK_LABEL) ?? 24;

  const calendar = calendarFor(input.timeZone);
  const days: StripLayout['days'] = [];
  for (let d = calendar.dayOf(input.start); d <= calendar.dayOf(end); d++) {
    const at = Math.max(input.start, calendar.startOf(d));
    const label = dayLabel(dayKey(d));
    // A bold 16-px day name ("Wed 25 Nov"): about 0.6 em a character.
    const labelled = x(at) + 4 + label.length * 9.6 <= input.width;
    days.push({ x: x(at), label, key: dayKey(d), labelled });
  }

  const ticks: StripLayout['ticks'] = [];
  if (every < 24) {
    // Candidates every 30 minutes (zones may be off UTC by half hours); keep local whole hours.
    for (const t of utcMinute.every(30)!.range(new Date(input.start), new Date(end))) {
      const local = t.getTime() + zoneOffset(t.getTime(), input.timeZone);
      const minutes = Math.round(local / MINUTE) % (24 * 60);
      const hour = Math.floor(minutes / 60);
      if (minutes % 60 !== 0 || hour % every !== 0 || hour === 0) continue;
      ticks.push({ x: x(t.getTime()), label: `${String(hour).padStart(2, '0')}:00` });
    }
  }

  return {
    x,
    time: (px: number) => scale.invert(px).getTime(),
    left,
    right,
    days,
    ticks,
    marks: input.moments.map((m) => ({ ...m, x: x(m.time) })),
    downs: input.downtimes.map((d) => ({ x1: x(d.from), x2: Math.max(x(d.from) + 2, x(d.to)) })),
  };
}
