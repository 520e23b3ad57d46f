// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchemaText } from '../../scripts/write-json-schema.ts';
import {
  formatProblem,
  parseScenario,
  parseScenarioText,
} from '../../src/engine/scenario/scenario.parse.ts';
import type { Scenario, ScenarioProblem } from '../../src/engine/scenario/scenario.types.ts';
import { DAY, HOUR, MINUTE } from '../../src/engine/time/time.logic.ts';

/** The example of MODEL.md, "Contract: scenario files (JSON)", verbatim. */
const MODEL_EXAMPLE = `{
  "name": "Yesterday vs today",
  "seed": 7,
  "architecture": "lambda",
  "timeZone": "UTC",
  "start": "2026-11-22T00:00:00Z",
  "end": "2026-11-24T12:00:00Z",
  "events": [
    { "id": "e1", "user": "u1", "time": "2026-11-22T09:15:00Z" },
    { "id": "e2", "user": "u2", "time": "2026-11-23T23:58:00Z", "arrival": "2026-11-24T02:30:00Z" }
  ],
  "generate": { "count": 200, "from": "2026-11-22T00:00:00Z", "to": "2026-11-24T12:00:00Z",
                "lateFraction": 0.05, "maxLateness": "6h" },
  "delivery": "at-least-once",
  "dedup": "none",
  "logic": { "counting": "distinct-users" },
  "log": { "partitions": 1, "retention": "30d" },
  "batch": { "at": "00:05", "every": "24h", "duration": "40m", "logic": { "counting": "distinct-users" } },
  "speed": { "commitEvery": "1m", "logic": { "counting": "per-record" } },
  "kappa": { "speedup": 10, "commitEvery": "1m", "logic": { "counting": "per-record" } },
  "faults": [
    { "kind": "producer-retry", "event": "e1", "after": "3s" },
    { "kind": "crash", "job": "speed", "at": "2026-11-24T01:00:00Z", "downFor": "5m" },
    { "kind": "delay", "event": "e1", "by": "6h" },
    { "kind": "deploy", "at": "2026-11-24T06:00:00Z", "logic": { "counting": "distinct-users" } }
  ],
  "queries": [
    { "at": "2026-11-24T10:00:00Z", "day": "yesterday" },
    { "at": "2026-11-24T10:00:00Z", "day": "today" },
    { "at": "2026-11-24T10:00:00Z", "day": "2026-11-22" }
  ]
}`;

const t = (iso: string) => Date.parse(iso);
const UTC = { timeZone: 'UTC', excludeUserPrefix: '' };

function scenarioOf(value: unknown): Scenario {
  const result = typeof value === 'string' ? parseScenarioText(value) : parseScenario(value);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.scenario;
}

function problemsOf(value: unknown): ScenarioProblem[] {
  const result = typeof value === 'string' ? parseScenarioText(value) : parseScenario(value);
  if (result.ok) throw new Error('expected the scenario to be refused');
  return result.problems;
}

/** A small valid scenario; `patch` replaces top-level fields. */
function minimal(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    architecture: 'lambda',
    events: [{ id: 'e1', user: 'u1', time: '2026-11-22T09:15:00Z' }],
    ...patch,
  };
}

describe('the MODEL.md example', () => {
  const result = parseScenarioText(MODEL_EXAMPLE);
  const scenario = scenarioOf(MODEL_EXAMPLE);

  it('parses, and returns the input it read', () => {
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.input).toEqual(JSON.parse(MODEL_EXAMPLE));
  });

  it('keeps what the file says, in epoch milliseconds', () => {
    expect(scenario).toMatchObject({
      name: 'Yesterday vs today',
      seed: 7,
      architecture: 'lambda',
      timeZone: 'UTC',
      start: t('2026-11-22T00:00:00Z'),
      end: t('2026-11-24T12:00:00Z'),
      delivery: 'at-least-once',
      dedup: 'none',
      logic: { counting: 'distinct-users', ...UTC },
      log: { partitions: 1, retention: 30 * DAY },
      batch: { at: '00:05', every: DAY, duration: 40 * MINUTE },
      speed: { commitEvery: MINUTE, processingTime: 1000 },
      kappa: { speedup: 10, commitEvery: MINUTE, processingTime: 1000 },
    });
    expect(scenario.batch.logic).toEqual({ counting: 'distinct-users', ...UTC });
    expect(scenario.speed.logic).toEqual({ counting: 'per-record', ...UTC });
    expect(scenario.kappa.logic).toEqual({ counting: 'per-record', ...UTC });
  });

  it('lists explicit events in file order, then 200 generated ones', () => {
    expect(scenario.events).toHaveLength(202);
    expect(scenario.events.slice(0, 2).map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(scenario.events[2].id).toBe('g1');
    expect(scenario.events[201].id).toBe('g200');
    expect(scenario.events[1]).toEqual({
      id: 'e2',
      user: 'u2',
      time: t('2026-11-23T23:58:00Z'),
      arrival: t('2026-11-24T02:30:00Z'),
      generated: false,
      value: 1,
    });
  });

  it('applies the delay fault to the default arrival of e1', () => {
    const e1 = scenario.events[0];
    const delay = e1.arrival - e1.time - 6 * HOUR;
    expect(delay).toBeGreaterThanOrEqual(100);
    expect(delay).toBeLessThanOrEqual(3000);
  });

  it('normalizes faults and queries with their positions', () => {
    expect(scenario.faults).toEqual([
      { kind: 'producer-retry', index: 0, event: 'e1', after: 3000 },
      { kind: 'crash', index: 1, job: 'speed', at: t('2026-11-24T01:00:00Z'), downFor: 5 * MINUTE },
      { kind: 'delay', index: 2, event: 'e1', by: 6 * HOUR },
      {
        kind: 'deploy',
        index: 3,
        at: t('2026-11-24T06:00:00Z'),
        logic: { counting: 'distinct-users', ...UTC },
      },
    ]);
    expect(scenario.queries).toEqual([
      { index: 0, at: t('2026-11-24T10:00:00Z'), day: 'yesterday' },
      { index: 1, at: t('2026-11-24T10:00:00Z'), day: 'today' },
      { index: 2, at: t('2026-11-24T10:00:00Z'), day: '2026-11-22' },
    ]);
  });
});

describe('defaults', () => {
  const scenario = scenarioOf(minimal());
  const e1 = scenario.events[0];
  it.each<[string, (s: Scenario) => unknown, unknown]>([
    ['name', (s) => s.name, 'Untitled scenario'],
    ['seed', (s) => s.seed, 1],
    ['timeZone', (s) => s.timeZone, 'UTC'],
    ['delivery', (s) => s.delivery, 'at-least-once'],
    ['dedup', (s) => s.dedup, 'none'],
    ['logic', (s) => s.logic, { counting: 'distinct-users', ...UTC }],
    ['log.partitions', (s) => s.log.partitions, 1],
    ['log.retention', (s) => s.log.retention, null],
    ['batch.at', (s) => s.batch.at, '00:05'],
    ['batch.every', (s) => s.batch.every, DAY],
    ['batch.duration', (s) => s.batch.duration, 40 * MINUTE],
    ['batch.logic', (s) => s.batch.logic, { counting: 'distinct-users', ...UTC }],
    ['speed.commitEvery', (s) => s.speed.commitEvery, MINUTE],
    ['speed.processingTime', (s) => s.speed.processingTime, 1000],
    ['speed.logic', (s) => s.speed.logic, { counting: 'per-record', ...UTC }],
    ['kappa.speedup', (s) => s.kappa.speedup, 10],
    ['kappa.commitEvery', (s) => s.kappa.commitEvery, MINUTE],
    ['kappa.processingTime', (s) => s.kappa.processingTime, 1000],
    ['kappa.logic', (s) => s.kappa.logic, { counting: 'per-record', ...UTC }],
    ['start: midnight of the earliest event', (s) => s.start, t('2026-11-22T00:00:00Z')],
    ['end: one hour after the last arrival', (s) => s.end, e1.arrival + HOUR],
    ['faults', (s) => s.faults, []],
    ['queries', (s) => s.queries, []],
  ])('%s', (_name, read, expected) => {
    expect(read(scenario)).toEqual(expected);
  });

  it('gives an event without arrival a network delay of 100 ms to 3 s', () => {
    expect(e1.arrival - e1.time).toBeGreaterThanOrEqual(100);
    expect(e1.arrival - e1.time).toBeLessThanOrEqual(3000);
  });

  it.each<[string, Record<string, unknown>, (s: Scenario) => unknown, unknown]>([
    [
      'fault durations',
      {
        faults: [
          { kind: 'producer-retry', event: 'e1' },
          { kind: 'crash', job: 'batch', at: '2026-11-22T09:30:00Z' },
        ],
      },
      (s) => s.faults.map((f) => ('after' in f ? f.after : 'downFor' in f ? f.downFor : null)),
      [3000, 5 * MINUTE],
    ],
    [
      'jobs take time zone and exclusion from the scenario logic',
      {
        timeZone: 'Europe/Paris',
        logic: { excludeUserPrefix: 'test-' },
        batch: { logic: { timeZone: 'UTC' } },
      },
      (s) => [s.logic, s.batch.logic, s.speed.logic],
      [
        { counting: 'distinct-users', timeZone: 'Europe/Paris', excludeUserPrefix: 'test-' },
        { counting: 'distinct-users', timeZone: 'UTC', excludeUserPrefix: 'test-' },
        { counting: 'per-record', timeZone: 'Europe/Paris', excludeUserPrefix: 'test-' },
      ],
    ],
    [
      'a deploy counts per record with the scenario logic',
      {
        architecture: 'kappa',
        logic: { timeZone: 'Asia/Tokyo' },
        faults: [{ kind: 'deploy', at: '2026-11-22T10:00:00Z', logic: {} }],
      },
      (s) => s.faults[0],
      {
        kind: 'deploy',
        index: 0,
        at: t('2026-11-22T10:00:00Z'),
        logic: { counting: 'per-record', timeZone: 'Asia/Tokyo', excludeUserPrefix: '' },
      },
    ],
    [
      'start is local midnight in the scenario time zone',
      {
        timeZone: 'America/New_York',
        events: [{ id: 'e1', user: 'u', time: '2026-11-22T03:00:00Z' }],
      },
      (s) => s.start,
      t('2026-11-21T05:00:00Z'),
    ],
    [
      'end is the last query when that is later',
      { queries: [{ at: '2026-11-23T10:00:00Z', day: 'yesterday' }] },
      (s) => s.end,
      t('2026-11-23T10:00:00Z'),
    ],
    [
      'end counts a producer retry as an arrival',
      {
        events: [
          { id: 'e1', user: 'u', time: '2026-11-22T09:00:00Z', arrival: '2026-11-22T09:00:00Z' },
        ],
        faults: [{ kind: 'producer-retry', event: 'e1', after: '2h' }],
      },
      (s) => s.end,
      t('2026-11-22T12:00:00Z'),
    ],
    [
      'generate.from and generate.to default to start and end',
      {
        start: '2026-11-22T00:00:00Z',
        end: '2026-11-22T01:00:00Z',
        events: undefined,
        generate: { count: 50 },
      },
      (s) =>
        s.events.every(
          (e) => e.time >= t('2026-11-22T00:00:00Z') && e.time < t('2026-11-22T01:00:00Z'),
        ),
      true,
    ],
  ])('%s', (_name, patch, read, expected) => {
    expect(read(scenarioOf(minimal(patch)))).toEqual(expected);
  });
});

const validEvent = { id: 'e1', user: 'u1', time: '2026-11-22T09:15:00Z' };

describe('problems', () => {
  it.each<[string, unknown, string, string]>([
    ['malformed JSON', '{\n  "architecture": "lambda",\n}', '(json)', 'not valid JSON'],
    ['malformed JSON has a position', '{\n  "a": 1,\n    }', '(json)', 'at line 3, column 5'],
    [
      'a document that is not an object',
      '[1, 2]',
      '(root)',
      'expected an object (the scenario), got an array',
    ],
    ['a number for a string', minimal({ name: 3 }), 'name', 'expected a string, got 3'],
    [
      'a string for a number',
      minimal({ seed: '7' }),
      'seed',
      'expected an integer from 0 to 4294967295, got "7"',
    ],
    [
      'an object for an array',
      minimal({ events: {} }),
      'events',
      'expected an array of events, got an object',
    ],
    [
      'a missing required field',
      { events: [validEvent] },
      'architecture',
      'required field is missing',
    ],
    [
      'a missing event field',
      minimal({ events: [{ id: 'e1', time: validEvent.time }] }),
      'events[0].user',
      'required field is missing',
    ],
    [
      'an unknown field',
      minimal({ events: [{ ...validEvent, colour: 'red' }] }),
      'events[0].colour',
      'unknown field',
    ],
    ['an unknown top-level field', minimal({ colour: 'red' }), 'colour', 'unknown field'],
    [
      'an unknown fault field',
      minimal({ faults: [{ kind: 'delay', event: 'e1', by: '1h', why: 1 }] }),
      'faults[0].why',
      'unknown field',
    ],
    [
      'an unknown delivery',
      minimal({ delivery: 'twice' }),
      'delivery',
      'expected one of "at-most-once", "at-least-once", "exactly-once", got "twice"',
    ],
    [
      'an unknown counting',
      minimal({ logic: { counting: 'all' } }),
      'logic.counting',
      'expected one of "per-record", "distinct-users", got "all"',
    ],
    [
      'an unknown architecture',
      minimal({ architecture: 'batchy' }),
      'architecture',
      'expected one of "lambda", "kappa", "unified", got "batchy"',
    ],
    [
      'an unknown trigger kind (unified)',
      minimal({ architecture: 'unified', unified: { triggers: { early: { kind: 'sometimes' } } } }),
      'unified.triggers.early.kind',
      'expected one of "per-element", "processing-time", got "sometimes"',
    ],
    [
      'an unknown fault kind',
      minimal({ faults: [{ kind: 'explode' }] }),
      'faults[0].kind',
      'expected one of "producer-retry", "crash", "delay", "deploy", got "explode"',
    ],
    [
      'an unknown crash job',
      minimal({ faults: [{ kind: 'crash', job: 'worker', at: '2026-11-22T10:00:00Z' }] }),
      'faults[0].job',
      'expected one of "speed", "batch", "stream", got "worker"',
    ],
    [
      'a Kappa job in a lambda scenario',
      minimal({ faults: [{ kind: 'crash', job: 'stream', at: '2026-11-22T10:00:00Z' }] }),
      'faults[0].job',
      '"stream" is a Kappa job; a lambda scenario has "speed" and "batch"',
    ],
    [
      'a Lambda job in a kappa scenario',
      minimal({
        architecture: 'kappa',
        faults: [{ kind: 'crash', job: 'speed', at: '2026-11-22T10:00:00Z' }],
      }),
      'faults[0].job',
      '"speed" is a Lambda job; a kappa scenario has "stream"',
    ],
    [
      'a bad ISO time',
      minimal({ events: [{ ...validEvent, time: 'yesterday' }] }),
      'events[0].time',
      'expected an ISO-8601 date-time, got "yesterday"',
    ],
    [
      'a time without zone',
      minimal({ start: '2026-11-22T00:00:00' }),
      'start',
      'add Z or an offset',
    ],
    [
      'an impossible date',
      minimal({ end: '2026-02-30T00:00:00Z' }),
      'end',
      'expected a real date and time, got "2026-02-30T00:00:00Z"',
    ],
    [
      'a bad duration',
      minimal({ batch: { every: '5 minutes' } }),
      'batch.every',
      'expected a duration <number><ms|s|m|h|d>',
    ],
    [
      'a zero duration',
      minimal({ speed: { commitEvery: '0s' } }),
      'speed.commitEvery',
      'expected a duration greater than 0, got "0s"',
    ],
    [
      'a batch schedule under a minute',
      minimal({ batch: { every: '30s' } }),
      'batch.every',
      'expected a duration of at least 1m, got "30s"',
    ],
    [
      'a bad batch time',
      minimal({ batch: { at: '24:00' } }),
      'batch.at',
      'expected a local time "HH:MM"',
    ],
    [
      'too many partitions',
      minimal({ log: { partitions: 0 } }),
      'log.partitions',
      'expected an integer from 1 to 8, got 0',
    ],
    [
      'a fraction above 1',
      minimal({
        generate: {
          count: 1,
          lateFraction: 1.5,
          from: '2026-11-22T00:00:00Z',
          to: '2026-11-23T00:00:00Z',
        },
      }),
      'generate.lateFraction',
      'expected a number from 0 to 1, got 1.5',
    ],
    [
      'a speedup below 1',
      minimal({ kappa: { speedup: 0.5 } }),
      'kappa.speedup',
      'expected a number from 1 to 1000, got 0.5',
    ],
    [
      'an unknown time zone',
      minimal({ timeZone: 'Mars/Base' }),
      'timeZone',
      'expected an IANA time zone',
    ],
    [
      'a bad day',
      minimal({ queries: [{ at: '2026-11-22T10:00:00Z', day: 'tomorrow' }] }),
      'queries[0].day',
      'expected "today", "yesterday" or a date "YYYY-MM-DD", got "tomorrow"',
    ],
    [
      'a day that does not exist',
      minimal({ queries: [{ at: '2026-11-22T10:00:00Z', day: '2026-02-30' }] }),
      'queries[0].day',
      'expected a real date "YYYY-MM-DD", got "2026-02-30"',
    ],
    [
      'an empty user',
      minimal({ events: [{ ...validEvent, user: '' }] }),
      'events[0].user',
      'expected a non-empty string, got ""',
    ],
    [
      'no events at all',
      { architecture: 'lambda' },
      '(root)',
      'expected "events" and/or "generate"',
    ],
    [
      'an arrival before its event time',
      minimal({
        events: [
          validEvent,
          { id: 'e2', user: 'u', time: '2026-11-22T10:00:00Z', arrival: '2026-11-22T09:00:00Z' },
        ],
      }),
      'events[1].arrival',
      'arrives before its event time (2026-11-22T10:00:00Z)',
    ],
    [
      'a duplicate event id',
      minimal({ events: [validEvent, { ...validEvent, user: 'u2' }] }),
      'events[1].id',
      'duplicate id "e1" (first used at events[0])',
    ],
    [
      'a fault naming an unknown event',
      minimal({ faults: [{ kind: 'delay', event: 'e9', by: '1h' }] }),
      'faults[0].event',
      'got "e9" (no such event)',
    ],
    [
      'generate without a start',
      minimal({ generate: { count: 3, to: '2026-11-23T00:00:00Z' } }),
      'generate.from',
      'required when "start" is not given',
    ],
    [
      'generate ending before it starts',
      minimal({ generate: { count: 3, from: '2026-11-22T00:00:00Z', to: '2026-11-21T00:00:00Z' } }),
      'generate.to',
      'expected a time after generate.from',
    ],
    [
      'a generated id already used',
      minimal({
        events: [{ ...validEvent, id: 'g2' }],
        generate: { count: 3, from: '2026-11-22T00:00:00Z', to: '2026-11-23T00:00:00Z' },
      }),
      'generate',
      '"g2", already used at events[0]',
    ],
    [
      'end before start',
      minimal({ start: '2026-11-23T00:00:00Z', end: '2026-11-22T00:00:00Z' }),
      'end',
      'expected a time after start (2026-11-23T00:00:00Z), got "2026-11-22T00:00:00Z"',
    ],
    [
      'a span over 366 days',
      minimal({ start: '2026-01-01T00:00:00Z', end: '2027-01-03T00:00:00Z' }),
      'end',
      'the scenario spans 367 days',
    ],
    [
      'an arrival before start',
      minimal({ start: '2026-11-23T00:00:00Z', end: '2026-11-24T00:00:00Z' }),
      'events[0].time',
      "arrives before the scenario's start",
    ],
    [
      'a query outside the scenario',
      minimal({
        end: '2026-11-23T00:00:00Z',
        queries: [{ at: '2026-11-24T00:00:00Z', day: 'today' }],
      }),
      'queries[0].at',
      'expected a time within the scenario',
    ],
    [
      'a crash outside the scenario',
      minimal({ faults: [{ kind: 'crash', job: 'speed', at: '2026-01-01T00:00:00Z' }] }),
      'faults[0].at',
      'expected a time within the scenario',
    ],
  ])('%s', (_name, value, path, message) => {
    const problems = problemsOf(typeof value === 'string' ? value : JSON.stringify(value));
    expect(problems.map((p) => p.path)).toEqual([path]);
    expect(problems[0].message).toContain(message);
  });

  it('refuses more than 5,000,000 events at once, without generating them', () => {
    const before = performance.now();
    const problems = problemsOf({
      architecture: 'lambda',
      generate: { count: 5_000_001, from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
    });
    expect(performance.now() - before).toBeLessThan(2000);
    expect(problems).toEqual([
      {
        path: 'generate.count',
        message:
          'too many events: 5,000,001 (0 written, 5,000,001 generated); the limit is 5,000,000',
      },
    ]);
  });

  it('reports several problems together, in document order, one per problem', () => {
    const problems = problemsOf({
      architecture: 'dataflow',
      events: [
        { id: 'e1', user: 'u1', time: 'yesterday', colour: 'red', size: 2 },
        { id: 'e2', user: 7, time: '2026-11-22T09:15:00Z' },
      ],
      delivery: 'twice',
      log: { partitions: 0.5 },
    });
    expect(problems.map((p) => p.path)).toEqual([
      'architecture',
      'events[0].time',
      'events[0].colour',
      'events[0].size',
      'events[1].user',
      'delivery',
      'log.partitions',
    ]);
    expect(formatProblem(problems[5])).toBe(
      'delivery: expected one of "at-most-once", "at-least-once", "exactly-once", got "twice"',
    );
  });

  it('reports a generate block without a range at both ends', () => {
    const problems = problemsOf(minimal({ generate: { count: 3 } }));
    expect(problems.map(formatProblem)).toEqual([
      'generate.from: required when "start" is not given',
      'generate.to: required when "end" is not given',
    ]);
  });

  it('reports several checks across fields together', () => {
    const problems = problemsOf(
      minimal({
        events: [validEvent, validEvent],
        faults: [
          { kind: 'delay', event: 'nobody', by: '1h' },
          { kind: 'crash', job: 'stream', at: '2026-11-22T10:00:00Z' },
        ],
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'events[1].id',
      'faults[0].event',
      'faults[1].job',
    ]);
  });

  it('never shows a stack trace', () => {
    for (const text of ['{', 'null', '"x"', '{"architecture": []}']) {
      for (const p of problemsOf(text)) expect(formatProblem(p)).not.toMatch(/\n|at .*\.ts:\d+/);
    }
  });
});

describe('generated events', () => {
  const generate = (patch: Record<string, unknown> = {}, seed = 1) =>
    scenarioOf({
      architecture: 'kappa',
      seed,
      generate: {
        count: 300,
        from: '2026-11-22T00:00:00Z',
        to: '2026-11-24T00:00:00Z',
        ...patch,
      },
      // Read out: a generated event's fields are views of its generation's columns.
    }).events.map(({ id, user, time, arrival, generated, value }) => ({
      id,
      user,
      time,
      arrival,
      generated,
      value,
    }));

  it('are the same for the same seed and differ for another', () => {
    expect(generate({ lateFraction: 0.3 })).toEqual(generate({ lateFraction: 0.3 }));
    expect(generate({}, 2)).not.toEqual(generate({}, 1));
  });

  it('are numbered g1…gN in time order, marked generated, within [from, to)', () => {
    const events = generate();
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => `g${i + 1}`));
    for (let i = 1; i < events.length; i++)
      expect(events[i].time).toBeGreaterThanOrEqual(events[i - 1].time);
    for (const e of events) {
      expect(e.generated).toBe(true);
      expect(e.time).toBeGreaterThanOrEqual(t('2026-11-22T00:00:00Z'));
      expect(e.time).toBeLessThan(t('2026-11-24T00:00:00Z'));
      expect(Number.isInteger(e.time)).toBe(true);
    }
  });

  it('arrive within 3 s of their time when lateFraction is 0', () => {
    for (const e of generate({ lateFraction: 0 })) {
      expect(e.arrival - e.time).toBeGreaterThanOrEqual(100);
      expect(e.arrival - e.time).toBeLessThanOrEqual(3000);
    }
  });

  it('arrive between 3 s and maxLateness late when lateFraction is 1', () => {
    for (const e of generate({ lateFraction: 1, maxLateness: '2h' })) {
      expect(e.arrival - e.time).toBeGreaterThan(3000);
      expect(e.arrival - e.time).toBeLessThanOrEqual(2 * HOUR);
    }
  });

  it('name new users user-1, user-2, … and test accounts test-<k>', () => {
    expect(generate().map((e) => e.user)).toEqual(generate().map((_, i) => `user-${i + 1}`));
    expect(generate({ testFraction: 1 }).every((e, i) => e.user === `test-${i + 1}`)).toBe(true);
    expect(new Set(generate({ repeatFraction: 1 }).map((e) => e.user))).toEqual(
      new Set(['user-1']),
    );
  });

  it('change only what a fraction decides: event times do not move', () => {
    const times = (patch: Record<string, unknown>) => generate(patch).map((e) => e.time);
    expect(times({ lateFraction: 0.5, repeatFraction: 0.5 })).toEqual(times({}));
  });

  it('are drawn before the default arrivals of explicit events', () => {
    const base = { count: 20, from: '2026-11-22T00:00:00Z', to: '2026-11-23T00:00:00Z' };
    const alone = scenarioOf({ architecture: 'lambda', generate: base }).events;
    const withExplicit = scenarioOf({
      architecture: 'lambda',
      events: [{ id: 'e1', user: 'u', time: '2026-11-22T05:00:00Z' }],
      generate: base,
    }).events;
    expect(withExplicit[0].id).toBe('e1');
    expect(withExplicit.slice(1)).toEqual(alone);
  });
});

describe('parseScenario', () => {
  it('does not mutate its input', () => {
    const input = JSON.parse(MODEL_EXAMPLE);
    const copy = structuredClone(input);
    const result = parseScenario(input);
    expect(input).toEqual(copy);
    if (result.ok) expect(result.input).not.toBe(input);
  });

  it('accepts a byte-order mark before the JSON', () => {
    expect(parseScenarioText(`\uFEFF${MODEL_EXAMPLE}`).ok).toBe(true);
  });

  it('formats a problem as "path: message"', () => {
    expect(formatProblem({ path: 'events[3].time', message: 'expected x, got y' })).toBe(
      'events[3].time: expected x, got y',
    );
  });
});

describe('public/scenario.schema.json', () => {
  it('is up to date with the schemas (run `npm run schema`)', () => {
    const committed = readFileSync(
      new URL('../../public/scenario.schema.json', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(scenarioJsonSchemaText());
  });
});
