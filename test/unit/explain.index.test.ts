// @vitest-environment node
/**
 * Explanations read what truth has counted from an index built once per world (issue 9) rather
 * than walking every event up to now. They must be exactly what the walk gave: same reasons,
 * counts, texts and records, in the same order, at every step of random scenarios (both
 * countings, excluded users, other time zones, crashes, deploys, retention).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/simulation/engine.ts';
import { explainDay } from '../../src/engine/simulation/explain.ts';
import { countBelow } from '../../src/engine/simulation/truth.index.ts';
import { buildWorld } from '../../src/engine/world/world.ts';
import { scenarioArb } from './support/arbitraries.ts';
import { explainDay as walkEveryEvent } from './support/explain.reference.ts';

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) };

describe('explanations from the truth index', () => {
  it('equal the walk over every event so far, at every step and day', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.integer({ min: 1, max: 5 }), (s, every) => {
        const world = buildWorld(s);
        const engine = new Engine(world);
        let step = 0;
        do {
          if (step++ % every !== 0) continue;
          for (let day = 0; day < world.dayCount; day++) {
            expect(explainDay(engine, day)).toEqual(walkEveryEvent(engine, day));
          }
        } while (engine.step());
        for (let day = 0; day < world.dayCount; day++) {
          expect(explainDay(engine, day)).toEqual(walkEveryEvent(engine, day));
        }
      }),
      RUNS,
    );
  });

  it('countBelow counts the entries of an ascending list below a position', () => {
    const list = Int32Array.from([2, 5, 5, 9]);
    expect([0, 2, 3, 5, 6, 9, 10].map((p) => countBelow(list, p))).toEqual([0, 0, 1, 1, 3, 3, 4]);
    expect(countBelow(new Int32Array(0), 7)).toBe(0);
  });
});
