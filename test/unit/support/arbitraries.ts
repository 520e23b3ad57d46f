/**
 * fast-check arbitraries for normalized scenarios (the engine's input), small enough to run
 * hundreds of times: up to ~25 events over about three days, with faults and queries.
 */
import { normalizeUnified } from '../../../src/engine/scenario/scenario.unified.normalize.ts';
import fc from 'fast-check';
import type {
  Counting,
  Delivery,
  Dedup,
  Handoff,
  Fault,
  Logic,
  Query,
  Scenario,
  SignupEvent,
} from '../../../src/engine/scenario/scenario.types.ts';

export const START = Date.parse('2026-11-22T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const SPAN = 3 * DAY;

export interface ScenarioShape {
  architecture?: 'lambda' | 'kappa';
  delivery?: Delivery;
  dedup?: Dedup;
  /** Force every job's counting (and truth's). */
  counting?: Counting;
  /** Each event a different user. */
  uniqueUsers?: boolean;
  /** One time zone and no excluded users for every logic. */
  sameLogic?: boolean;
  retention?: boolean;
  crashes?: boolean;
  /** Force the Lambda hand-off (default: any, mostly the right one). */
  handoff?: Handoff;
}

const zones = ['UTC', 'America/New_York', 'Asia/Kolkata'];

function logicArb(base: Logic, shape: ScenarioShape, counting: Counting): fc.Arbitrary<Logic> {
  if (shape.sameLogic) return fc.constant({ ...base, counting: shape.counting ?? counting });
  return fc.record({
    counting: shape.counting
      ? fc.constant(shape.counting)
      : fc.constantFrom<Counting>('per-record', 'distinct-users'),
    timeZone: fc.constantFrom(...zones),
    excludeUserPrefix: fc.constantFrom('', 'test-'),
  });
}

const eventArb = (uniqueUsers: boolean) =>
  fc.record({
    user: uniqueUsers ? fc.constant('') : fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'test-1'),
    time: fc.integer({ min: 0, max: SPAN - 12 * HOUR }),
    delay: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 100, max: 3000 }) },
      { weight: 1, arbitrary: fc.integer({ min: 60_000, max: 10 * HOUR }) },
    ),
  });

export function scenarioArb(shape: ScenarioShape = {}): fc.Arbitrary<Scenario> {
  return fc
    .record({
      seed: fc.nat(),
      architecture: shape.architecture
        ? fc.constant(shape.architecture)
        : fc.constantFrom<'lambda' | 'kappa'>('lambda', 'kappa'),
      timeZone: shape.sameLogic ? fc.constant('UTC') : fc.constantFrom(...zones),
      delivery: shape.delivery
        ? fc.constant(shape.delivery)
        : fc.constantFrom<Delivery>('at-most-once', 'at-least-once', 'exactly-once'),
      dedup: shape.dedup ? fc.constant(shape.dedup) : fc.constantFrom<Dedup>('none', 'event-id'),
      partitions: fc.integer({ min: 1, max: 3 }),
      retention:
        shape.retention === false
          ? fc.constant(null)
          : fc.option(fc.integer({ min: 2 * HOUR, max: 2 * DAY }), { nil: null }),
      events: fc.array(eventArb(shape.uniqueUsers ?? false), { minLength: 0, maxLength: 25 }),
      retries: fc.array(
        fc.record({ pick: fc.nat(), after: fc.integer({ min: 0, max: 20 * 60_000 }) }),
        { maxLength: 3 },
      ),
      crashes:
        shape.crashes === false
          ? fc.constant([])
          : fc.array(
              fc.record({
                at: fc.integer({ min: 0, max: SPAN }),
                // Most crashes land just after some record's arrival, where they matter.
                near: fc.option(fc.nat(), { freq: 3, nil: null }),
                offset: fc.integer({ min: 0, max: 3 * 60_000 }),
                downFor: fc.integer({ min: 1000, max: 6 * HOUR }),
                batch: fc.boolean(),
                // Some crashes fall within a second of a commit tick, where timing matters most.
                nearTick: fc.option(fc.integer({ min: -1000, max: 1000 }), { freq: 2, nil: null }),
              }),
              { maxLength: 3 },
            ),
      deploys: fc.array(fc.integer({ min: 0, max: SPAN }), { maxLength: 2 }),
      queries: fc.array(
        fc.record({
          at: fc.integer({ min: 0, max: SPAN }),
          day: fc.constantFrom('today', 'yesterday', '2026-11-22', '2026-11-23'),
        }),
        { maxLength: 4 },
      ),
      processingTime: fc.integer({ min: 0, max: 5000 }),
      // Sometimes processing takes a few commit intervals, so commits happen with records in flight.
      slowProcessing: fc.option(fc.double({ min: 0.5, max: 4, noNaN: true }), {
        freq: 3,
        nil: null,
      }),
      commitEvery: fc.integer({ min: 1000, max: 10 * 60_000 }),
      speedup: fc.integer({ min: 1, max: 30 }),
      batchEvery: fc.constantFrom(6 * HOUR, 12 * HOUR, DAY),
      batchDuration: fc.integer({ min: 60_000, max: 3 * HOUR }),
      batchAt: fc.constantFrom('00:05', '03:30', '12:00'),
      // Mostly the right hand-off; the two wrong ones (lesson 3) often enough to be explored.
      handoff: shape.handoff
        ? fc.constant(shape.handoff)
        : fc.constantFrom<Handoff[]>('cut-off', 'cut-off', 'clear-all', 'clear-none'),
    })
    .chain((r) => {
      const truth: Logic = {
        counting: shape.counting ?? 'distinct-users',
        timeZone: r.timeZone,
        excludeUserPrefix: '',
      };
      return fc
        .record({
          truth: shape.sameLogic ? fc.constant(truth) : logicArb(truth, shape, 'distinct-users'),
          batch: logicArb(truth, shape, 'distinct-users'),
          speed: logicArb(truth, shape, 'per-record'),
          kappa: logicArb(truth, shape, 'per-record'),
          deployLogics: fc.array(logicArb(truth, shape, 'distinct-users'), {
            minLength: 2,
            maxLength: 2,
          }),
        })
        .map((logics) => build(r, logics, shape));
    });
}

type Raw = {
  seed: number;
  architecture: 'lambda' | 'kappa';
  timeZone: string;
  delivery: Delivery;
  dedup: Dedup;
  partitions: number;
  retention: number | null;
  events: { user: string; time: number; delay: number }[];
  retries: { pick: number; after: number }[];
  crashes: readonly {
    at: number;
    near: number | null;
    offset: number;
    downFor: number;
    batch: boolean;
    nearTick: number | null;
  }[];
  deploys: number[];
  queries: { at: number; day: string }[];
  processingTime: number;
  slowProcessing: number | null;
  commitEvery: number;
  speedup: number;
  batchEvery: number;
  batchDuration: number;
  batchAt: string;
  handoff: Handoff;
};

function build(
  r: Raw,
  logics: { truth: Logic; batch: Logic; speed: Logic; kappa: Logic; deployLogics: Logic[] },
  shape: ScenarioShape,
): Scenario {
  const events: SignupEvent[] = r.events.map((e, i) => ({
    id: `e${i + 1}`,
    user: shape.uniqueUsers ? `n${i + 1}` : e.user,
    time: START + e.time,
    arrival: START + e.time + e.delay,
    generated: false,
    value: 1,
  }));
  const faults: Fault[] = [];
  if (events.length) {
    for (const retry of r.retries) {
      faults.push({
        kind: 'producer-retry',
        index: faults.length,
        event: events[retry.pick % events.length].id,
        after: retry.after,
      });
    }
  }
  for (const c of r.crashes) {
    const job = r.architecture === 'kappa' ? 'stream' : c.batch ? 'batch' : 'speed';
    let at =
      c.near !== null && events.length
        ? events[c.near % events.length].arrival + c.offset
        : START + c.at;
    if (c.nearTick !== null) at = Math.ceil(at / r.commitEvery) * r.commitEvery + c.nearTick;
    faults.push({
      kind: 'crash',
      index: faults.length,
      job,
      at: Math.max(START, Math.min(at, START + SPAN)),
      downFor: c.downFor,
    });
  }
  if (r.architecture === 'kappa') {
    r.deploys.forEach((at, k) =>
      faults.push({
        kind: 'deploy',
        index: faults.length,
        at: START + at,
        logic: logics.deployLogics[k],
      }),
    );
  }
  const queries: Query[] = r.queries.map((q, index) => ({ index, at: START + q.at, day: q.day }));
  const processingTime =
    r.slowProcessing === null ? r.processingTime : Math.round(r.commitEvery * r.slowProcessing);
  return {
    name: 'property',
    seed: r.seed,
    architecture: r.architecture,
    timeZone: r.timeZone,
    start: START,
    end: START + SPAN,
    events,
    delivery: r.delivery,
    dedup: r.dedup,
    logic: logics.truth,
    log: { partitions: r.partitions, retention: r.retention },
    batch: {
      at: r.batchAt,
      every: r.batchEvery,
      duration: r.batchDuration,
      logic: logics.batch,
      handoff: r.handoff,
    },
    speed: { commitEvery: r.commitEvery, processingTime, logic: logics.speed },
    kappa: {
      speedup: r.speedup,
      commitEvery: r.commitEvery,
      processingTime,
      logic: logics.kappa,
    },
    unified: normalizeUnified({ architecture: r.architecture }),
    faults,
    queries,
  };
}
