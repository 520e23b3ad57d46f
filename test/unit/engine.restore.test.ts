// @vitest-environment node
/**
 * One way to snapshot and restore: a state restored from a checkpoint (an engine `clone()`),
 * then stepped on, equals the state reached by stepping alone, field for field (every class's
 * own fields, typed arrays element by element, machine snapshots included).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
});
