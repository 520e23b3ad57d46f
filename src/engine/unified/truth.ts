/**
 * Truth for a unified scenario (MODEL.md: "as for the other architectures, generalised to the
 * aggregate"): over every event with event time ≤ t, arrived or not, of the users the scenario's
 * logic does not exclude: `distinct-users` counts users whose earliest event falls in day D,
 * `count` the events of day D, `sum` their values. Days are the scenario logic's local days.
 */
import { calendarFor } from '../time/time.logic.ts';
import type { World } from '../world/world.ts';
import type { Windowing } from './window.logic.ts';

export class UnifiedTruth {
  /** Per user: 1 when the scenario's logic excludes them (`excludeUserPrefix`). */
  readonly excluded: Uint8Array;

  constructor(
    private readonly world: World,
    readonly windowing: Windowing,
  ) {
    const prefix = world.scenario.logic.excludeUserPrefix;
    this.excluded = new Uint8Array(world.users.length);
    if (prefix) {
      for (let u = 0; u < world.users.length; u++) {
        this.excluded[u] = world.users.get(u).startsWith(prefix) ? 1 : 0;
      }
    }
  }

  /** The true value for local day `day` (a day number) over events with time ≤ t. */
  on(day: number, t: number): number {
    return this.byDay(t).get(day) ?? 0;
  }

  /**
   * The local days (day numbers) whose true value over events with time ≤ t is not 0: the days
   * a per-day table lists beside the sink's (a day whose only events were dropped still has a
   * truth, and its explanation says why served is lower).
   */
  days(t: number): number[] {
    return [...this.byDay(t)].filter(([, value]) => value !== 0).map(([day]) => day);
  }

  /** The true value of every local day with an event of time ≤ t (day number → value). */
  private byDay(t: number): Map<number, number> {
    const w = this.world;
    const s = w.scenario;
    const calendar = calendarFor(s.logic.timeZone);
    const aggregate = s.unified.aggregate;
    const earliest = new Map<number, number>();
    const values = new Map<number, number>();
    const add = (time: number, amount: number) => {
      const day = calendar.dayOf(time);
      values.set(day, (values.get(day) ?? 0) + amount);
    };
    for (let ev = 0; ev < w.eventCount; ev++) {
      const time = w.eventTime[ev];
      const user = w.eventUser[ev];
      if (time > t || this.excluded[user]) continue;
      if (aggregate === 'distinct-users') {
        const seen = earliest.get(user);
        if (seen === undefined || time < seen) earliest.set(user, time);
      } else add(time, aggregate === 'sum' ? s.events[ev].value : 1);
    }
    for (const time of earliest.values()) add(time, 1);
    return values;
  }
}
