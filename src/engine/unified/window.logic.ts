/**
 * Event-time windows: a calendar day in the scenario's time zone, or fixed windows
 * [k·size, (k+1)·size) aligned to the Unix epoch (Beam's FixedWindows). A window is named by its
 * start (epoch ms); its end is exclusive.
 */
import { calendarFor, type DayCalendar } from '../time/time.logic.ts';

export interface WindowBounds {
  start: number;
  end: number;
}

export class Windowing {
  private readonly calendar: DayCalendar;
  constructor(
    readonly size: 'day' | number,
    timeZone: string,
  ) {
    this.calendar = calendarFor(timeZone);
  }

  /** The window holding event time t. */
  of(t: number): WindowBounds {
    if (this.size === 'day') {
      const d = this.calendar.dayOf(t);
      return { start: this.calendar.startOf(d), end: this.calendar.startOf(d + 1) };
    }
    const start = Math.floor(t / this.size) * this.size;
    return { start, end: start + this.size };
  }

  /** The local day number (in the time zone) a window counts for in day queries: its start's. */
  dayOf(windowStart: number): number {
    return this.calendar.dayOf(windowStart);
  }
}

/** The first whole multiple of `step` (since the epoch) at or after t. */
export function alignUp(t: number, step: number): number {
  return Math.ceil(t / step) * step;
}
