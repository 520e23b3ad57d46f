/**
 * Field schemas of the scenario format, each with its own message (`expected …, got …`) and the
 * `description`/`default` metadata that `public/scenario.schema.json` shows. Metadata changes
 * nothing when parsing.
 */
import * as v from 'valibot';
import { isValidTimeZone, MINUTE, parseDuration, parseIsoTime } from '../time/time.logic.ts';

/** How a found value is quoted in messages: strings as JSON, containers by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value);
    return quoted.length > 60 ? `${quoted.slice(0, 56)}…"` : quoted;
  }
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export type Message = (issue: v.BaseIssue<unknown>) => string;

export const expected =
  (what: string): Message =>
  (issue) =>
    `expected ${what}, got ${describeValue(issue.input)}`;

export const quoteAll = (options: readonly string[]): string =>
  options.map((o) => `"${o}"`).join(', ');

export function info<T>(description: string, defaultValue?: unknown) {
  const metadata: Record<string, unknown> =
    defaultValue === undefined ? { description } : { description, default: defaultValue };
  return v.metadata<T, Record<string, unknown>>(metadata);
}

/** A closed set of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  options: T,
  description: string,
) {
  return v.pipe(v.picklist(options, expected(`one of ${quoteAll(options)}`)), info(description));
}

/** Arrays are objects to valibot; a scenario never wants one where an object goes. */
const notArray = (what: string) =>
  v.custom<unknown>(
    (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
    expected(`an object (${what})`),
  );

/**
 * An object that refuses unknown fields, as a variant option: a missing required field and an
 * unknown field are reported at the field's own path; `what` names the object in type errors.
 */
export function strictEntries<const E extends v.ObjectEntries>(entries: E, what: string) {
  const known = Object.keys(entries).join(', ');
  return v.strictObject(entries, (issue) => {
    if (issue.expected === 'never') return `unknown field (known fields: ${known})`;
    if (issue.path && issue.input === undefined) return 'required field is missing';
    return `expected an object (${what}), got ${describeValue(issue.input)}`;
  });
}

/** A strict object that is not an array. */
export function strict<const E extends v.ObjectEntries>(entries: E, what: string) {
  return v.pipe(notArray(what), strictEntries(entries, what));
}

/** A variant of strict objects (options made with `strictEntries`) that is not an array. */
export function strictVariant<const K extends string, const O extends v.VariantOptions<K>>(
  key: K,
  options: O,
  what: string,
  kinds: readonly string[],
) {
  return v.pipe(
    notArray(what),
    v.variant(key, options, (issue) =>
      issue.path
        ? `expected one of ${quoteAll(kinds)}, got ${describeValue(issue.input)}`
        : `expected an object (${what}), got ${describeValue(issue.input)}`,
    ),
  );
}

const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

const isoMessage: Message = (issue) => {
  const hint =
    typeof issue.input === 'string' && ISO_WITHOUT_ZONE.test(issue.input)
      ? ' (add Z or an offset such as +01:00)'
      : '';
  return `expected an ISO-8601 date-time, got ${describeValue(issue.input)}${hint}`;
};

/** An instant: ISO-8601 with `Z` or an offset, and a real calendar date and time. */
export function isoTime(description: string) {
  return v.pipe(
    v.string(isoMessage),
    v.regex(ISO_DATE_TIME, isoMessage),
    v.check(
      (s) => !ISO_DATE_TIME.test(s) || parseIsoTime(s) !== null,
      expected('a real date and time'),
    ),
    info(description),
  );
}

const DURATION = /^\d+(?:\.\d+)?(?:ms|s|m|h|d)$/;
const durationMessage = expected(
  'a duration <number><ms|s|m|h|d> such as "500ms", "3s", "5m" or "6h"',
);

/** A duration `<number><ms|s|m|h|d>`; `min` is `'positive'` (> 0) or a least value in ms. */
export function duration(description: string, defaultValue?: string, min: 'positive' | number = 0) {
  const enough = (ms: number) => (min === 'positive' ? ms > 0 : ms >= min);
  const floor = min === 'positive' ? 'greater than 0' : `of at least ${min / MINUTE}m`;
  const floorNote =
    min === 'positive' ? 'Greater than 0.' : min > 0 ? `At least ${min / MINUTE}m.` : '';
  return v.pipe(
    v.string(durationMessage),
    v.regex(DURATION, durationMessage),
    v.check(
      (s) => !DURATION.test(s) || enough(parseDuration(s) ?? 0),
      expected(`a duration ${floor}`),
    ),
    info(`${description} ${floorNote}`, defaultValue),
  );
}

const LOCAL_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const localTimeMessage = expected('a local time "HH:MM" from 00:00 to 23:59');

/** A wall-clock time of day, `HH:MM`. */
export function localTime(description: string, defaultValue: string) {
  return v.pipe(
    v.string(localTimeMessage),
    v.regex(LOCAL_TIME, localTimeMessage),
    info(description, defaultValue),
  );
}

/** A number in [min, max]; whole numbers only when `integer` is set. */
export function numberIn(
  min: number,
  max: number,
  integer: boolean,
  description: string,
  def?: number,
) {
  const message = expected(`${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  return integer
    ? v.pipe(
        v.number(message),
        v.integer(message),
        v.minValue(min, message),
        v.maxValue(max, message),
        info(description, def),
      )
    : v.pipe(
        v.number(message),
        v.minValue(min, message),
        v.maxValue(max, message),
        info(description, def),
      );
}

export const timeZoneField = (description: string) =>
  v.pipe(
    v.string(expected('an IANA time zone such as "UTC" or "Europe/Paris"')),
    v.check(isValidTimeZone, expected('an IANA time zone such as "UTC" or "Europe/Paris"')),
    info(description),
  );

export const nonEmpty = (description: string) =>
  v.pipe(
    v.string(expected('a non-empty string')),
    v.minLength(1, expected('a non-empty string')),
    info(description),
  );
