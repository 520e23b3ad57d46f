// @vitest-environment node
/**
 * The unified pipeline plugged into the browser's session engine (`Simulation`, through the
 * Architecture seam): the same run as the headless simulator's, every step narrated, and a step
 * back then forward again identical (view, fact and words).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation/simulation.ts';
import { runUnified } from '../../src/engine/unified/unified.run.ts';
import {
  build,
  crashesArb,
  eventsArb,
  triggerArb,
  windowArb,
} from './support/unified-arbitraries.ts';
import { exampleScenario, unifiedExampleFiles } from './support/unified-setup.ts';

const unifiedFiles = unifiedExampleFiles;
const load = exampleScenario;

describe('unified in the session engine', () => {
  it('finds the unified example scenarios', () => {
    expect(unifiedFiles.length).toBeGreaterThanOrEqual(12);
  });

  it.each(unifiedFiles)('%s: the same report as the headless run, every step in words', (file) => {
    const scenario = load(file);
    const sim = Simulation.create(scenario, { checkpointInterval: 8 });
    expect(JSON.stringify(sim.report())).toBe(JSON.stringify(runUnified(scenario)));
    for (let i = 0; i < sim.stepCount; i++) {
      const info = sim.stepInfo(i);
      expect(info.description, `${info.kind} at step ${i}`).toMatch(/\w.*\.$/);
    }
    const end = sim.view(sim.stepCount - 1);
    expect(end.architecture).toBe('unified');
    if (end.architecture !== 'unified') return;
    expect(end.unified.panes.length).toBe(runUnified(scenario).panes!.length);
  });

  it('random runs: the same steps and report as the headless run; back then forward is identical', () => {
    fc.assert(
      fc.property(
        eventsArb,
        windowArb,
        fc.constantFrom('distinct-users', 'count', 'sum'),
        fc.constantFrom('discarding', 'accumulating', 'retracting'),
        triggerArb,
        crashesArb,
        fc.integer({ min: 1, max: 3 }),
        fc.nat(),
        (events, window, aggregate, accumulation, early, crashes, partitions, pick) => {
          const b = build(
            events,
            {
              window,
              aggregate,
              accumulation,
              watermark: { kind: 'heuristic', bound: '1h', idleAfter: '2h' },
              allowedLateness: '6h',
              triggers: { early, onTime: true, late: { kind: 'per-element' } },
            },
            { crashes, partitions },
          );
          const sim = Simulation.create(b.scenario, { checkpointInterval: 8 });
          expect(JSON.stringify(sim.report())).toBe(JSON.stringify(runUnified(b.scenario)));
          fc.pre(sim.stepCount > 1);
          const i = 1 + (pick % (sim.stepCount - 1));
          const seen = () =>
            JSON.stringify({ view: sim.view(i), info: sim.stepInfo(i), fact: sim.factOf(i) });
          const forward = seen();
          sim.view(i - 1);
          sim.stepInfo(i - 1);
          expect(seen()).toBe(forward);
        },
      ),
      { numRuns: 80 },
    );
  });
});
