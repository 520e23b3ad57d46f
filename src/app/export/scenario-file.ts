/**
 * The scenario on screen as a file: the sandbox's input (the JSON form, with every fault the
 * learner injected), which the headless simulator runs to the same answers.
 */
import type { ScenarioInput } from '../../engine/index.ts';
import { fileSlug } from './download.ts';

export function scenarioFileText(input: ScenarioInput): string {
  return `${JSON.stringify(input, null, 2)}\n`;
}

export function scenarioFileName(input: ScenarioInput): string {
  return `${fileSlug(input.name, 'scenario')}.json`;
}
