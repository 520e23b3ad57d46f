/**
 * The batch schedule (MODEL.md): a run at local `at` on every day, then every `every` of elapsed
 * time within that same local day while it lasts (`every: "7h"` gives 00:05, 07:05, 14:05, 21:05,
 * then 00:05 the next day; a slot before `start` is skipped). An `every` of whole days (`"48h"`)
 * runs at local `at` every Nth day, counted from the first local `at` on or after `start`. Local days follow the time zone, so daylight-saving changes never
 * move a run off `at`. Slots before the scenario's `start` never happen.
 */
import type { Scenario } from '../scenario/scenario.types.ts';
import { calendarFor, DAY, type DayCalendar } from '../time/time.logic.ts';

export class BatchSchedule {
  private readonly cal: DayCalendar;
  private readonly atMinutes: number;
  private readonly every: number;
  private readonly wholeDays: number;
  private readonly start: number;
  /** The local day of the first run (the start day, or the next one if `at` is before start). */
  private readonly firstDay: number;

  constructor(s: Scenario) {
    this.cal = calendarFor(s.timeZone);
    const [h, m] = s.batch.at.split(':').map(Number);
    this.atMinutes = h * 60 + m;
    this.every = s.batch.every;
    this.wholeDays = s.batch.every % DAY === 0 ? s.batch.every / DAY : 0;
    this.start = s.start;
    const startDay = this.cal.dayOf(s.start);
    // Whole days count from the first `at` on or after start; shorter intervals use every slot.
    this.firstDay =
      this.wholeDays === 0 || this.dayAt(startDay) >= s.start ? startDay : startDay + 1;
  }

  /** Per local day: the instant of `at` and of the next midnight (time-zone look-ups are slow). */
  private readonly days = new Map<number, [at: number, end: number]>();

  private bounds(day: number): [at: number, end: number] {
    let b = this.days.get(day);
    if (!b) {
      b = [this.cal.localToInstant(day, this.atMinutes), this.cal.startOf(day + 1)];
      this.days.set(day, b);
    }
    return b;
  }

  private dayAt(day: number): number {
    return this.bounds(day)[0];
  }

  /** The first scheduled run. */
  get first(): number {
    return this.atOrAfter(this.start);
  }

  /** The earliest scheduled run at or after `t` (strictly after it when `strict`). */
  atOrAfter(t: number, strict = false): number {
    const ok = (at: number): boolean => (strict ? at > t : at >= t);
    if (t < this.start) t = this.start;
    let day = Math.max(this.firstDay, this.cal.dayOf(t) - 1);
    if (this.wholeDays > 0) {
      const n = this.wholeDays;
      day += (((this.firstDay - day) % n) + n) % n;
      for (;;) {
        const at = this.dayAt(day);
        if (ok(at)) return at;
        day += n;
      }
    }
    for (;;) {
      const [base, end] = this.bounds(day);
      let k = t <= base ? 0 : Math.ceil((t - base) / this.every);
      if (!ok(base + k * this.every)) k++;
      const at = base + k * this.every;
      if (at < end) return at;
      day++;
    }
  }

  /** The earliest scheduled run strictly after `t`. */
  after(t: number): number {
    return this.atOrAfter(t, true);
  }
}
