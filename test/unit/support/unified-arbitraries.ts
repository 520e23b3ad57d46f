/**
 * fast-check arbitraries for unified scenarios, written as scenario files (inputs) and read by the
 * real parser: a dozen events over three days from a small pool of users, arriving up to 8 h
 * late, on 1–3 partitions, with optional crashes of the pipeline.
 */
import fc from 'fast-check';
import { formatProblem, parseScenario, type Scenario } from '../../../src/engine/index.ts';
import type { UnifiedInput } from '../../../src/engine/scenario/scenario.types.ts';

export const START = Date.parse('2026-11-22T00:00:00Z');
export const HOUR = 3_600_000;
export const END = START + 4 * 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

export interface RawEvent {
  user: number;
  time: number;
  delay: number;
  value: number;
}

export const eventsArb = fc.array(
  fc.record({
    user: fc.nat(5),
    time: fc.nat(3 * 24 * HOUR - 1),
    delay: fc.oneof(fc.constant(0), fc.nat(8 * HOUR)),
    value: fc.integer({ min: -3, max: 9 }),
  }),
  { maxLength: 12 },
);

/** Crashes anywhere, or (more often) within two minutes after some event's arrival. */
export const crashesArb = fc.array(
  fc.record({
    at: fc.nat(3 * 24 * HOUR),
    near: fc.option(fc.nat(), { freq: 3 }),
    offset: fc.nat(120_000),
    downFor: fc.integer({ min: 1, max: 60 }),
  }),
  { maxLength: 2 },
);
export type CrashSpec = { at: number; near: number | null; offset: number; downFor: number };

export const triggerArb = fc.oneof(
  fc.constant(null),
  fc.constant({ kind: 'per-element' as const }),
  fc.record({
    kind: fc.constant('processing-time' as const),
    delay: fc.constantFrom('1m', '10m', '1h'),
    aligned: fc.boolean(),
  }),
);

export const windowArb = fc.constantFrom('day', '6h', '2h');

export interface Built {
  scenario: Scenario;
  events: RawEvent[];
}

/** A scenario file for these events and settings, read by the real parser. */
export function build(
  events: RawEvent[],
  unified: UnifiedInput,
  options: {
    partitions?: number;
    crashes?: CrashSpec[];
    allAtStart?: boolean;
    unitValues?: boolean;
    /** Producer retries of these events (indices modulo the event count). */
    retries?: number[];
    /** Other scenario fields (dedup, timeZone, logic…), merged into the file. */
    extra?: Record<string, unknown>;
  } = {},
): Built {
  const input = {
    name: 'property',
    architecture: 'unified',
    start: iso(START),
    end: iso(END),
    events: events.map((e, i) => ({
      id: `e${i + 1}`,
      user: `u${e.user}`,
      time: iso(START + e.time),
      arrival: iso(options.allAtStart ? START + 3 * 24 * HOUR : START + e.time + e.delay),
      value: options.unitValues ? 1 : e.value,
    })),
    log: { partitions: options.partitions ?? 1 },
    unified,
    faults: [
      ...(options.crashes ?? []).map((c) => {
        const e = c.near !== null && events.length ? events[c.near % events.length] : null;
        const at = e && !options.allAtStart ? e.time + e.delay + c.offset : c.at;
        return { kind: 'crash', job: 'stream', at: iso(START + at), downFor: `${c.downFor}m` };
      }),
      ...(events.length ? (options.retries ?? []) : []).map((k) => ({
        kind: 'producer-retry',
        event: `e${(k % events.length) + 1}`,
        after: '3s',
      })),
    ],
    ...options.extra,
  };
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return { scenario: parsed.scenario, events };
}

/** The true aggregate per window start, over every event (brute force). */
export function truthByWindow(s: Scenario, windowOf: (t: number) => number): Map<number, number> {
  const truth = new Map<number, number>();
  const add = (w: number, v: number) => truth.set(w, (truth.get(w) ?? 0) + v);
  const agg = s.unified.aggregate;
  if (agg === 'distinct-users') {
    const earliest = new Map<string, number>();
    for (const e of s.events) {
      const seen = earliest.get(e.user);
      if (seen === undefined || e.time < seen) earliest.set(e.user, e.time);
    }
    for (const t of earliest.values()) add(windowOf(t), 1);
  } else for (const e of s.events) add(windowOf(e.time), agg === 'sum' ? e.value : 1);
  return truth;
}

/** Every unified setting at once: windows (some crossing midnight), each watermark kind,
 * lateness, triggers, accumulation, sink and aggregate. */
export const unifiedSettingsArb = fc.record({
  window: fc.constantFrom('day', '6h', '5h', '2h'),
  aggregate: fc.constantFrom('distinct-users' as const, 'count' as const, 'sum' as const),
  watermark: fc.oneof(
    fc.record({
      kind: fc.constant('heuristic' as const),
      bound: fc.constantFrom('0s', '1h', '4h'),
      idleAfter: fc.option(fc.constantFrom('30m', '2h'), { nil: undefined }),
    }),
    fc.constant({ kind: 'perfect' as const }),
    fc.constant({
      kind: 'schedule' as const,
      points: [
        [iso(START + 30 * HOUR), iso(START + 20 * HOUR)],
        [iso(START + 60 * HOUR), iso(START + 50 * HOUR)],
      ] as [string, string][],
    }),
  ),
  allowedLateness: fc.constantFrom('0s', '1h', '6h'),
  triggers: fc.record({ early: triggerArb, onTime: fc.boolean(), late: triggerArb }),
  accumulation: fc.constantFrom(
    'discarding' as const,
    'accumulating' as const,
    'retracting' as const,
  ),
  sink: fc.constantFrom('correct' as const, 'add-all' as const),
  bounded: fc.boolean(),
});
