/**
 * Brute-force reference counts, written independently of the engine (no DayCalendar, no
 * tallies): plain loops over events and Intl date formatting.
 */
import type { Dedup, Logic, SignupEvent } from '../../../src/engine/scenario/scenario.types.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of an instant in a time zone, straight from Intl. */
export function localDay(ms: number, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timeZone, f);
  }
  return f.format(new Date(ms));
}

/** newUsers(D, t) from MODEL.md, by brute force. */
export function bruteTruth(events: SignupEvent[], logic: Logic, day: string, t: number): number {
  const visible = events.filter(
    (e) => e.time <= t && !(logic.excludeUserPrefix && e.user.startsWith(logic.excludeUserPrefix)),
  );
  if (logic.counting === 'per-record')
    return visible.filter((e) => localDay(e.time, logic.timeZone) === day).length;
  const earliest = new Map<string, number>();
  for (const e of visible) {
    const prev = earliest.get(e.user);
    if (prev === undefined || e.time < prev) earliest.set(e.user, e.time);
  }
  let n = 0;
  for (const time of earliest.values()) if (localDay(time, logic.timeZone) === day) n++;
  return n;
}

export interface BruteRecord {
  id: string;
  user: string;
  time: number;
}

/** A from-scratch count of a sequence of log records under a job's logic. */
export function bruteCounts(
  records: BruteRecord[],
  logic: Logic,
  dedup: Dedup,
): Map<string, number> {
  const seen = new Set<string>();
  const earliest = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const r of records) {
    if (logic.excludeUserPrefix && r.user.startsWith(logic.excludeUserPrefix)) continue;
    if (dedup === 'event-id') {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
    }
    if (logic.counting === 'per-record') {
      const d = localDay(r.time, logic.timeZone);
      counts.set(d, (counts.get(d) ?? 0) + 1);
    } else {
      const prev = earliest.get(r.user);
      if (prev === undefined || r.time < prev) earliest.set(r.user, r.time);
    }
  }
  if (logic.counting === 'distinct-users') {
    for (const time of earliest.values()) {
      const d = localDay(time, logic.timeZone);
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
  }
  return counts;
}
