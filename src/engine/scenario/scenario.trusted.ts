/**
 * Reading a scenario that the build has already read with the full reader (`scenario.parse.ts`):
 * a lesson's scenario files, which the lessons plugin validates and runs before it accepts them,
 * and which it also reads with this reader and compares (`lesson.check.ts`), so both give the same
 * scenario. This reader skips the structural validator (valibot and the schema), so a lesson page
 * does not load it; it still applies every default and cross-field check of
 * `scenario.normalize.ts`, which is the engine's own code and reports any problem as usual.
 *
 * Never use it for text a learner typed or a link carried: that goes through `parseScenarioText`.
 */
import { formatPath } from './scenario.checks.ts';
import { normalizeScenario } from './scenario.normalize.ts';
import type { ParseResult, ScenarioInput } from './scenario.types.ts';

/** Reads a build-validated scenario file (JSON). */
export function parseTrustedScenarioText(text: string): ParseResult {
  let input: ScenarioInput;
  try {
    input = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as ScenarioInput;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: '(json)', message: `not valid JSON: ${reason}` }] };
  }
  const normalized = normalizeScenario(input);
  if (!normalized.ok) {
    return {
      ok: false,
      problems: normalized.problems.map((p) => ({ path: formatPath(p.path), message: p.message })),
    };
  }
  return { ok: true, scenario: normalized.scenario, input };
}
