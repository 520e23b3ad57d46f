import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, setup, transition, type AnyStateMachine } from 'xstate';
import { batchMachine } from '../../src/engine/batch/batch.machine.ts';
import { allows } from '../../src/engine/machine/transition.ts';
import { kappaServingMachine } from '../../src/engine/serving/serving.machine.ts';
import { streamJobMachine } from '../../src/engine/stream/stream.machine.ts';

type AnyEvent = { type: string } & Record<string, unknown>;

/**
 * Snapshots reachable from the initial one by up to `depth` of the sample events (contexts count
 * crashes, so the whole space is infinite; four events reach every state).
 */
function reachable(machine: AnyStateMachine, input: unknown, events: AnyEvent[], depth = 4) {
  const start = initialTransition(machine, input)[0];
  const seen = new Map<string, typeof start>();
  let level = [start];
  for (let d = 0; d <= depth && level.length > 0; d++) {
    const next: (typeof start)[] = [];
    for (const s of level) {
      const key = JSON.stringify([s.value, s.context, s.status]);
      if (seen.has(key)) continue;
      seen.set(key, s);
      if (d < depth) for (const e of events) next.push(transition(machine, s, e)[0]);
    }
    level = next;
  }
  return [...seen.values()];
}

const small = fc.integer({ min: 0, max: 12 });

/** Events of every type each machine knows, with data drawn around its guards' thresholds. */
const streamEvent: fc.Arbitrary<AnyEvent> = fc.oneof(
  small.map((processedBefore) => ({ type: 'job.crashed', processedBefore })),
  fc.constant({ type: 'job.recovered' }),
  small.map((position) => ({ type: 'job.processed', position })),
  fc.tuple(small, small, small).map(([inFlight, nextFetch, appended]) => ({
    type: 'replay.caught-up',
    inFlight: inFlight % 3,
    nextFetch,
    appended,
  })),
  fc.constant({ type: 'serving.switched' }),
  fc.constant({ type: 'job.stopped' }),
);
const batchEvent: fc.Arbitrary<AnyEvent> = fc.oneof(
  fc.constant({ type: 'batch.started' }),
  fc.constant({ type: 'run.finished' }),
  fc.constant({ type: 'job.crashed' }),
  fc.boolean().map((missed) => ({ type: 'job.recovered', missed })),
);
const servingEvent: fc.Arbitrary<AnyEvent> = fc.oneof(
  fc.constantFrom('v2', 'v3').map((table) => ({ type: 'deploy.started', table })),
  fc.constant({ type: 'replay.caught-up' }),
  fc.constant({ type: 'serving.switched' }),
);

const machines = [
  {
    name: 'stream job (live)',
    machine: streamJobMachine,
    input: { name: 'v1', role: 'stream', replay: false },
    events: streamEvent,
    states: ['consuming', 'crashed', 'recovering', 'stopped'],
  },
  {
    name: 'stream job (replay)',
    machine: streamJobMachine,
    input: { name: 'v2', role: 'stream', replay: true },
    events: streamEvent,
    states: ['replaying', 'caught-up', 'consuming', 'crashed', 'recovering', 'stopped'],
  },
  {
    name: 'batch',
    machine: batchMachine,
    input: undefined,
    events: batchEvent,
    states: ['idle', 'running', 'crashed', 'due'],
  },
  {
    name: 'Kappa serving',
    machine: kappaServingMachine,
    input: undefined,
    events: servingEvent,
    states: ['live', 'replaying', 'caught-up'],
  },
] as const;

describe('allows(machine, type): the same answer as snapshot.can(event)', () => {
  for (const { name, machine, input, events, states } of machines) {
    it(`in every reachable state of the ${name} machine, for any event`, () => {
      const samples = fc.sample(events, { numRuns: 40, seed: 7 });
      const snapshots = reachable(machine, input, samples);
      expect(new Set(snapshots.map((s) => s.value))).toEqual(new Set(states));
      const deciders = new Map<string, (s: unknown, e: AnyEvent) => boolean>();
      const decide = (type: string) => {
        if (!deciders.has(type))
          deciders.set(type, allows(machine as AnyStateMachine, type as never) as never);
        return deciders.get(type)!;
      };
      fc.assert(
        fc.property(fc.constantFrom(...snapshots), events, (snapshot, e) => {
          expect(decide(e.type)(snapshot, e)).toBe(snapshot.can(e as never));
        }),
        { numRuns: 2000, seed: 11 },
      );
    });
  }

  it('goes to can() for what it does not model: guards that are not named functions', () => {
    const m = setup({ types: { events: {} as { type: 'go'; n: number } } }).createMachine({
      initial: 'a',
      states: {
        a: { on: { go: { guard: ({ event }) => event.n > 2, target: 'b' } } },
        b: { on: { '*': 'a' } },
      },
    });
    const a = initialTransition(m)[0];
    const b = transition(m, a, { type: 'go', n: 3 })[0];
    const go = allows(m, 'go');
    expect([go(a, { type: 'go', n: 1 }), go(a, { type: 'go', n: 3 })]).toEqual([false, true]);
    expect(go(b, { type: 'go', n: 0 })).toBe(true);
  });
});
