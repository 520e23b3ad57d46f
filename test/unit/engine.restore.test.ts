// @vitest-environment node
/**
 * One way to snapshot and restore: a state restored from a checkpoint (an engine `clone()`),
 * then stepped on, equals the state reached by stepping alone, field for field (every class's
 * own fields, typed arrays element by element, machine snapshots included).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/engine/index.ts';
import { Engine } from '../../src/engine/simulation/engine.ts';
import { buildWorld } from '../../src/engine/world/world.ts';
import { scenarioArb } from './support/arbitraries.ts';

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) };

describe('checkpoints', () => {
  it('restoring from a checkpoint and stepping equals stepping, field for field', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.nat(), fc.nat(), (s, a, b) => {
        const world = buildWorld(s);
        const probe = new Engine(world);
        probe.runToEnd();
        const total = probe.executed;
        fc.pre(total > 0);
        const at = a % total;
        const to = at + (b % (total - at + 1));
        const stepped = new Engine(world);
        while (stepped.executed < at) stepped.step();
        const checkpoint = stepped.clone();
        while (stepped.executed < to) stepped.step();
        // The checkpoint must not have moved while the original stepped on.
        expect(checkpoint.executed).toBe(at);
        const restored = checkpoint.clone();
        while (restored.executed < to) restored.step();
        // (`scan` is the scratch the next step is chosen with, not state.)
        expect({ ...restored, scan: null }).toEqual({ ...stepped, scan: null });
        expect(restored.arch).toEqual(stepped.arch);
      }),
      RUNS,
    );
  });

  // Scenario 06: at-most-once, the speed layer crashes at step 12 with e3 and e4 in flight (lost).
  // A checkpoint taken before the crash must not see them: `lost` is pushed to in place, so a
  // shallow copy would share the list, the checkpoint would already hold e3 and e4, and stepping
  // on from it through the crash again would list them twice. (With that deep copy removed, the
  // random property above still passed its 100 runs; this case fails.)
  it('an at-most-once crash inside the replayed window: the lost list is the checkpoint’s own', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const text = readFileSync(`${root}scenarios/06-at-most-once-crash.json`, 'utf8');
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error('scenario 06');
    const world = buildWorld(parsed.scenario);
    const stepped = new Engine(world);
    while (stepped.executed < 10) stepped.step();
    const checkpoint = stepped.clone();
    stepped.runToEnd();
    const lostOf = (e: Engine) => e.arch.jobs.map((j) => [...j.lost]);
    expect(lostOf(stepped)).toEqual([[2, 3]]);
    expect(lostOf(checkpoint)).toEqual([[]]);
    const restored = checkpoint.clone();
    restored.runToEnd();
    expect(lostOf(restored)).toEqual(lostOf(stepped));
    expect({ ...restored, scan: null }).toEqual({ ...stepped, scan: null });
  });
});
