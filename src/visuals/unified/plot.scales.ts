/**
 * Time scales for the event-time × processing-time plot, with ticks in the scenario's time zone:
 * a d3-scale UTC scale over *local wall-clock* time (an instant shifted by the zone's offset), so
 * its nice ticks (d3-time intervals) fall on local whole minutes, hours and days, and its tick
 * format reads as local time. A d3-zoom transform rescales it (zoom and pan). Pure.
 */
import type { ScaleTime } from 'd3-scale';
import { scaleUtc } from '../time-scale.ts';
import { zoneOffset } from '../../engine/time/time.logic.ts';

export interface ZoomState {
  /** d3-zoom's transform: scale k, then translate (x, y), in SVG px. */
  k: number;
  x: number;
  y: number;
}

export const NO_ZOOM: ZoomState = { k: 1, x: 0, y: 0 };

export interface ZoneScale {
  /** Instant (epoch ms) → px. */
  at: (t: number) => number;
  /** px → instant (epoch ms), for what a zoomed view shows. */
  invert: (px: number) => number;
  ticks: { at: number; label: string }[];
}

/**
 * A zone-aware scale over [from, to] onto [r0, r1], zoomed along that axis by `shift` px and `k`
 * (d3-zoom's rescaleX/rescaleY: range px r ↦ (r − shift) / k before the scale).
 */
export function zoneScale(
  from: number,
  to: number,
  r0: number,
  r1: number,
  timeZone: string,
  zoom: { k: number; shift: number },
  tickCount: number,
): ZoneScale {
  const local = (t: number) => t + zoneOffset(t, timeZone);
  const base: ScaleTime<number, number> = scaleUtc()
    .domain([local(from), local(Math.max(to, from + 1000))])
    .range([r0, r1]);
  // The zoomed domain: what the base scale puts at the range ends after the transform.
  const scale = base.copy().domain([r0, r1].map((r) => base.invert((r - zoom.shift) / zoom.k)));
  const ticks = scale.ticks(tickCount).map((d) => ({ at: scale(d), label: wallLabel(d) }));
  return {
    at: (t: number) => scale(local(t)),
    invert: (px: number) => {
      const wall = scale.invert(px).getTime();
      return wall - zoneOffset(wall - zoneOffset(wall, timeZone), timeZone);
    },
    ticks,
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

/** A tick's label from its local wall-clock time: `Sat 10` at midnight, else `12:04` (`:30` s). */
function wallLabel(d: Date): string {
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()}`;
  return s === 0 ? `${pad(h)}:${pad(m)}` : `${pad(h)}:${pad(m)}:${pad(s)}`;
}
