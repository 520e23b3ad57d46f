/**
 * The unified pipeline is a part of the engine that a page loads when it needs it: without it,
 * the engine refuses a unified scenario with a clear message; once registered, the same scenario
 * runs. (This file imports the engine's modules directly, never `engine/index.ts`, which
 * registers every architecture.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTrustedScenarioText } from '../../src/engine/scenario/scenario.trusted.ts';
import { runScenario, Simulation } from '../../src/engine/simulation/simulation.ts';
import { playsUnified } from '../../src/lessons/player/lesson-engine.ts';
import type { Lesson } from '../../src/lessons/lesson.types.ts';

const read = (file: string) => {
  const parsed = parseTrustedScenarioText(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file} must read`);
  return parsed.scenario;
};
const unifiedFile = 'src/lessons/11-one-pipeline-for-both/scenario.json';
const kappaFile = 'src/lessons/01-the-log/scenario.json';

describe('the unified part of the engine, on demand', () => {
  it('Lambda and Kappa run without it; a unified scenario is refused until it is loaded', async () => {
    expect(Simulation.create(read(kappaFile)).stepCount).toBeGreaterThan(0);
    const unified = read(unifiedFile);
    expect(unified.architecture).toBe('unified');
    expect(() => Simulation.create(unified)).toThrow(/"unified" architecture is not loaded/);
    await import('../../src/engine/arch/unified/unified.register.ts');
    const run = Simulation.create(unified);
    expect(run.stepCount).toBeGreaterThan(0);
    expect(runScenario(unified).architecture).toBe('unified');
  });

  it('a lesson knows whether it plays a unified scenario', () => {
    const lesson = (files: string[]) =>
      ({
        scenarios: Object.fromEntries(files.map((f) => [f, readFileSync(f, 'utf8')])),
      }) as unknown as Lesson;
    expect(playsUnified(lesson([kappaFile]))).toBe(false);
    expect(playsUnified(lesson([kappaFile, unifiedFile]))).toBe(true);
  });
});
