/**
 * Virtual-time helpers: parsing the scenario's ISO-8601 times and durations, and mapping an
 * instant to its calendar day in an IANA time zone. Pure functions; nothing reads the clock.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Epoch ms of an ISO-8601 date-time with `Z` or an offset, or null when it is not one. */
export function parseIsoTime(text: string): number | null {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
  let offset = 0;
  if (zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 23 || om > 59) return null;
    offset = sign * (oh * HOUR + om * MINUTE);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: MINUTE, h: HOUR, d: DAY };

/** Milliseconds of a duration written `<number><ms|s|m|h|d>`, or null. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m) return null;
  return Math.round(Number(m[1]) * UNIT_MS[m[2]]);
}

/** `2026-11-24T10:00:00.000Z`: the report's time format. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** A readable duration: `3s`, `5m`, `1h 30m`, `2d 4h`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < MINUTE) return `${+(ms / 1000).toFixed(1)}s`;
  const parts: string[] = [];
  let rest = Math.round(ms / MINUTE);
  const days = Math.floor(rest / (24 * 60));
  rest -= days * 24 * 60;
  const hours = Math.floor(rest / 60);
  const minutes = rest - hours * 60;
  if (days) parts.push(`${days}d`);
  if (hours) parts.push(`${hours}h`);
  if (minutes && !days) parts.push(`${minutes}m`);
  return parts.join(' ') || '0m';
}

/** True when the runtime knows this IANA time zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Day numbers: days since 1970-01-01 of a *local* calendar date. Day keys (`YYYY-MM-DD`)
 * convert both ways without a time zone; only mapping an instant to its day needs one.
 */
export function dayKey(dayNumber: number): string {
  return new Date(dayNumber * DAY).toISOString().slice(0, 10);
}

/** Day number of a `YYYY-MM-DD` key, or null when it is not a real date. */
export function parseDayKey(key: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return Date.UTC(year, month - 1, day) / DAY;
}

/** Local wall-clock parts of an instant in a time zone. */
interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** Offset of the zone from UTC at an instant, in ms (local = utc + offset). */
export function zoneOffset(ms: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * Maps instants to local day numbers in one time zone. Zone offsets change only on
 * 15-minute boundaries, so results are cached per 15-minute block: fast for millions of events.
 */
export class DayCalendar {
  private readonly cache = new Map<number, number>();
  constructor(readonly timeZone: string) {}

  dayOf(ms: number): number {
    if (this.timeZone === 'UTC') return Math.floor(ms / DAY);
    const block = Math.floor(ms / (15 * MINUTE));
    let day = this.cache.get(block);
    if (day === undefined) {
      day = Math.floor(
        (block * 15 * MINUTE + zoneOffset(block * 15 * MINUTE, this.timeZone)) / DAY,
      );
      this.cache.set(block, day);
    }
    return day;
  }

  /** Epoch ms of local midnight starting the given day (the first instant of that day). */
  startOf(dayNumber: number): number {
    return this.localToInstant(dayNumber, 0);
  }

  /** Epoch ms of a local wall-clock time (`minutes` after local midnight) on a day. */
  localToInstant(dayNumber: number, minutes: number): number {
    const wall = dayNumber * DAY + minutes * MINUTE;
    let guess = wall - zoneOffset(wall, this.timeZone);
    guess = wall - zoneOffset(guess, this.timeZone);
    // In a spring-forward gap the wall time does not exist: take the first instant after it.
    if (this.dayOf(guess) < dayNumber) guess = this.findDayStart(dayNumber);
    return guess;
  }

  private findDayStart(dayNumber: number): number {
    let lo = (dayNumber - 1) * DAY - 15 * HOUR;
    let hi = (dayNumber + 1) * DAY + 15 * HOUR;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.dayOf(mid) < dayNumber) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}

const calendars = new Map<string, DayCalendar>();

/** A shared calendar per time zone (the cache is pure: same input, same output). */
export function calendarFor(timeZone: string): DayCalendar {
  let c = calendars.get(timeZone);
  if (!c) {
    c = new DayCalendar(timeZone);
    calendars.set(timeZone, c);
  }
  return c;
}

/** Resolves a query's `day` (`today`, `yesterday`, `YYYY-MM-DD`) at an instant, in a zone. */
export function resolveDay(day: string, at: number, timeZone: string): number | null {
  const today = calendarFor(timeZone).dayOf(at);
  if (day === 'today') return today;
  if (day === 'yesterday') return today - 1;
  return parseDayKey(day);
}
