/**
 * Per-record bytes shared between a state's copies (`SharedBytes`, a job's `timesProcessed`) and
 * truth's shared first-event index: whatever a copy writes afterwards, every copy reads exactly
 * its own bytes, and a run built with them steps as one built without.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, Simulation } from '../../src/engine/index.ts';
import { SharedBytes } from '../../src/engine/state/shared-bytes.ts';
import { Engine } from '../../src/engine/simulation/engine.ts';
import { buildWorld } from '../../src/engine/world/world.ts';

/** Three pages and a bit, so that writes land on shared, owned and last pages. */
const LENGTH = 3 * 65536 + 17;

const op = fc.oneof(
  fc.record({ who: fc.nat(3), at: fc.nat(LENGTH - 1), value: fc.nat(255) }),
  fc.record({ who: fc.nat(3), clone: fc.constant(true) }),
);

describe('shared bytes', () => {
  it('keep every copy’s own bytes, whatever the others write', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const copies = [new SharedBytes(LENGTH)];
        const models = [new Uint8Array(LENGTH)];
        for (const o of ops) {
          const k = o.who % copies.length;
          if ('clone' in o) {
            copies.push(copies[k].clone());
            models.push(models[k].slice());
          } else {
            copies[k].set(o.at, o.value);
            models[k][o.at] = o.value;
          }
        }
        const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;
        copies.forEach((c, k) => expect(same(c.toArray(), models[k]), `copy ${k}`).toBe(true));
        for (const o of ops)
          if (!('clone' in o)) copies.forEach((c, k) => expect(c.get(o.at)).toBe(models[k][o.at]));
      }),
      { numRuns: 80 },
    );
  });

  it('read as a typed array outside their range, and refuse writes there', () => {
    const bytes = new SharedBytes(10);
    expect(bytes.get(10)).toBeUndefined();
    expect(bytes.get(-1)).toBeUndefined();
    expect(() => bytes.set(10, 1)).toThrow(RangeError);
  });
});

describe('truth with a shared first-event index', () => {
  const text = (counting: string, repeat: number) =>
    JSON.stringify({
      architecture: 'lambda',
      seed: 7,
      start: '2026-11-22T00:00:00Z',
      end: '2026-11-24T03:00:00Z',
      generate: {
        count: 3000,
        from: '2026-11-22T00:00:00Z',
        to: '2026-11-24T00:00:00Z',
        repeatFraction: repeat,
        testFraction: 0.1,
        lateFraction: 0.1,
      },
      logic: { counting, excludeUserPrefix: 'test-' },
      queries: [
        { at: '2026-11-23T12:00:00Z', day: 'yesterday' },
        { at: '2026-11-24T02:00:00Z', day: 'yesterday' },
      ],
    });

  for (const counting of ['distinct-users', 'per-record'])
    it(`counts as truth without it (${counting}, repeat signups, excluded users)`, () => {
      const parsed = parseScenarioText(text(counting, 0.4));
      if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
      const simulation = Simulation.create(parsed.scenario, { checkpointInterval: 512 });
      const plain = new Engine(buildWorld(parsed.scenario));
      for (let i = 0; i < simulation.stepCount; i += 97) {
        while (plain.executed < i + 1) plain.step();
        const view = simulation.view(i);
        for (const d of view.days) {
          const day = plain.dayIndex(d.day, plain.now);
          expect(d.truth, `step ${i}, ${d.day}`).toBe(plain.truth.countOn(day));
        }
      }
      plain.runToEnd();
      expect(simulation.report().answers).toEqual(plain.answersInQueryOrder());
    });
});
