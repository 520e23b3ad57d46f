/**
 * Text for times and differences as the app shows them. Times are simulated epoch ms from the
 * engine; formatting is pure (Intl with an explicit zone), so it never depends on the viewer's
 * own time zone.
 */
import { calendarFor, parseDayKey } from '../engine/time/time.logic.ts';
import { dayLabel } from '../visuals/pipeline/pipeline.select.ts';

/** `2026-11-24T10:00:00Z`: ISO-8601 in UTC, with milliseconds only when there are some. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Zones whose wall clock is UTC all year: showing them again would only repeat the UTC time. */
export function isUtcZone(timeZone: string): boolean {
  return ['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'GMT', 'Etc/GMT', 'Zulu', 'Etc/Zulu'].includes(
    timeZone,
  );
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'shortOffset',
    });
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function zoneParts(ms: number, timeZone: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(new Date(ms))) {
    parts[part.type] = part.value;
  }
  return parts;
}

/** `2026-11-24 11:00:00 GMT+1 (Europe/Berlin)`: the wall clock in the scenario's zone. */
export function zonedTime(ms: number, timeZone: string): string {
  const p = zoneParts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName} (${timeZone})`;
}

/**
 * `Tue 24 Nov, 10:00 UTC` (or `Mon 23 Nov, 22:05 GMT-5` in another zone): minutes are enough for
 * tables and lists, in plain words (the same as the narration's `plainTime`); the scenario's
 * zone is the one its days are counted in.
 */
export function shortTime(ms: number, timeZone: string): string {
  return plainTime(ms, timeZone);
}

const plainFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * `Mon 23 Nov, 00:45 UTC` (or `Mon 23 Nov, 01:45 GMT+1` in another zone): a time in plain words
 * for the narration, in the scenario's zone, without seconds or milliseconds.
 */
export function plainTime(ms: number, timeZone: string): string {
  const zone = isUtcZone(timeZone) ? 'UTC' : timeZone;
  let formatter = plainFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    plainFormatters.set(zone, formatter);
  }
  const p: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(ms))) p[part.type] = part.value;
  return `${p.weekday} ${p.day} ${p.month}, ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** `+2` / `−1`: how far a served number is from truth (a real minus sign, read as "minus"). */
export function signedDifference(served: number, truth: number): string {
  const d = served - truth;
  return d > 0 ? `+${d}` : `−${-d}`;
}

/** `offset 5`, or `offsets 3, 2` with one per partition (as the engine's narration says it). */
export function offsets(perPartition: readonly number[]): string {
  return perPartition.length === 1
    ? `offset ${perPartition[0]}`
    : `offsets ${perPartition.join(', ')}`;
}

/** A day key or a local wall time as the engine's narration writes them (`formatLocal`). */
// Not followed by a digit, "T", "-" or ":" and a digit (an ISO time stays as it is); a day
// ending a clause ("new on 2026-11-23: that day…") is a day.
const ENGINE_TIME = /\b(\d{4}-\d{2}-\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?(?![\dT-]|:\d)/g;

/**
 * The engine's narration in plain words for a learner: its day keys (`2026-11-23`) read
 * `Mon 23 Nov`, its local times (`2026-11-23 10:07:05`, in the scenario's zone) read
 * `Mon 23 Nov, 10:07:05 UTC`. The engine's own text (the headless simulator's report) is left
 * as it is; only what the page shows changes.
 */
export function plainWords(text: string, timeZone: string): string {
  return text.replace(ENGINE_TIME, (whole, key: string, h?: string, m?: string, s?: string) => {
    const day = parseDayKey(key);
    if (day === null) return whole;
    if (h === undefined || m === undefined) return dayLabel(key);
    const minutes = Number(h) * 60 + Number(m);
    const ms = calendarFor(timeZone).localToInstant(day, minutes) + Number(s ?? 0) * 1000;
    const plain = plainTime(ms, timeZone);
    return s && s !== '00' ? plain.replace(`, ${h}:${m}`, `, ${h}:${m}:${s}`) : plain;
  });
}
