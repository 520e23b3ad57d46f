/**
 * Setup shared by the unified tests: scenarios read by the real parser (a clear error naming
 * every problem otherwise), the bundled unified example files, and a view's unified part.
 */
import { readdirSync, readFileSync } from 'node:fs';
import {
  formatProblem,
  parseScenario,
  parseScenarioText,
  type Scenario,
  type SimulationView,
} from '../../../src/engine/index.ts';
import type { UnifiedView } from '../../../src/engine/unified/unified.view.ts';

const root = new URL('../../../scenarios/', import.meta.url);

/** A scenario input read by the real parser; throws with every problem when it is refused. */
export function scenarioOf(input: unknown): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return parsed.scenario;
}

/** The same for a scenario's JSON text. */
export function scenarioFromText(text: string): Scenario {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return parsed.scenario;
}

/** The text of a bundled scenario file (`scenarios/<file>`). */
export const exampleText = (file: string): string => readFileSync(new URL(file, root), 'utf8');

/** A bundled scenario file, read. */
export const exampleScenario = (file: string): Scenario => scenarioFromText(exampleText(file));

/** The bundled unified example scenarios (file names). */
export const unifiedExampleFiles: string[] = readdirSync(root)
  .filter((f) => f.endsWith('.json'))
  .filter((f) => exampleText(f).includes('"architecture": "unified"'));

/** The unified part of a simulation view (throws for another architecture). */
export function unifiedOf(view: SimulationView): UnifiedView {
  if (view.architecture !== 'unified') throw new Error(`a ${view.architecture} view`);
  return view.unified;
}
