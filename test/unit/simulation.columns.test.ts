/**
 * A run records each step's time as whole milliseconds after the scenario's start (a
 * `Uint32Array`, half the memory) until a time does not fit, and then as the times themselves:
 * either way every step reads back the exact time the engine stepped at.
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioText, Simulation } from '../../src/engine/index.ts';
import { Engine } from '../../src/engine/simulation/engine.ts';
import { buildWorld } from '../../src/engine/world/world.ts';

function runs(input: object) {
  const parsed = parseScenarioText(JSON.stringify(input));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  const simulation = Simulation.create(parsed.scenario);
  const engine = new Engine(buildWorld(parsed.scenario));
  const times: number[] = [];
  while (engine.step()) times.push(engine.lastTime);
  return { simulation, times };
}

const generate = (from: string, to: string) => ({ count: 300, from, to, lateFraction: 0.1 });

describe('recorded step times', () => {
  it('are offsets from the start when every time is a whole millisecond', () => {
    const { simulation, times } = runs({
      architecture: 'lambda',
      start: '2026-11-22T00:00:00Z',
      end: '2026-11-24T03:00:00Z',
      generate: generate('2026-11-22T00:00:00Z', '2026-11-24T00:00:00Z'),
    });
    const columns = simulation.recordedSteps;
    expect(columns.times).toBeInstanceOf(Uint32Array);
    expect(columns.timeBase).toBe(Date.parse('2026-11-22T00:00:00Z'));
    expect(times.map((_, i) => simulation.timeOf(i))).toEqual(times);
    expect(Array.from(columns.times, (t) => columns.timeBase + t)).toEqual(times);
  });

  it('switch to the times themselves at a replay paced between milliseconds', () => {
    const { simulation, times } = runs({
      architecture: 'kappa',
      start: '2026-11-22T00:00:00Z',
      end: '2026-11-23T06:00:00Z',
      generate: generate('2026-11-22T00:00:00Z', '2026-11-23T00:00:00Z'),
      kappa: { speedup: 3, processingTime: '1s' },
      faults: [{ kind: 'deploy', at: '2026-11-22T20:00:00Z' }],
    });
    expect(times.some((t) => !Number.isInteger(t))).toBe(true); // what this test is about
    const columns = simulation.recordedSteps;
    expect(columns.times).toBeInstanceOf(Float64Array);
    expect(columns.timeBase).toBe(0);
    expect(times.map((_, i) => simulation.timeOf(i))).toEqual(times);
    expect(Array.from(columns.times)).toEqual(times);
    const t = times[Math.floor(times.length / 2)];
    expect(simulation.stepsBefore(t)).toBe(times.findIndex((x) => x >= t));
  });

  it('read back exactly from a start at the epoch (a base of 0)', () => {
    const { simulation, times } = runs({
      architecture: 'lambda',
      start: '1970-01-01T00:00:00Z',
      end: '1970-01-02T06:00:00Z',
      generate: generate('1970-01-01T00:00:00Z', '1970-01-02T00:00:00Z'),
    });
    expect(times.map((_, i) => simulation.timeOf(i))).toEqual(times);
    const t = times[Math.floor(times.length / 3)];
    expect(simulation.stepsBefore(t)).toBe(times.findIndex((x) => x >= t));
  });
});
