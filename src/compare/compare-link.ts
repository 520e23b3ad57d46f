/**
 * The compare view's address: `#/compare?s=<bundled id>` (plus `d=` changes) or
 * `#/compare?x=<packed scenario>`, in the sandbox's own link format (`sandbox-link.ts`), and
 * `step=<n>` for the position on the shared timeline. Reading never throws: a link that cannot
 * be read says why, and the view shows the default scenario instead.
 */
import { parseScenarioText } from '../engine/index.ts';
import { bundledScenarios } from '../app/bundled-scenarios.ts';
import { bundledId } from '../app/links/address.svelte.ts';
import {
  readSandboxQuery,
  resolveLinkedScenario,
  type LinkBase,
} from '../app/links/sandbox-link.ts';
import { href, type RouteParams } from '../app/router/route.ts';

/** What the compare view shows when its address names no scenario. */
export const DEFAULT_COMPARE_SCENARIO = '01-yesterday-vs-today';

export interface CompareTarget {
  /** The scenario's text, for the same parser as a file. */
  text: string;
  /** The bundled scenario's id, when it is one unchanged. */
  id: string | null;
  /** Position on the shared timeline the link asks for. */
  step: number;
  /** What was wrong with the link (the default is shown then), or null. */
  problem: string | null;
}

let bases: LinkBase[] | null = null;
function basesNow(): LinkBase[] {
  bases ??= bundledScenarios.flatMap((b) => {
    const parsed = parseScenarioText(b.text);
    return parsed.ok ? [{ id: bundledId(b.file), input: { ...parsed.input } }] : [];
  });
  return bases;
}

export function defaultTarget(problem: string | null = null): CompareTarget {
  const file = `${DEFAULT_COMPARE_SCENARIO}.json`;
  const bundled = bundledScenarios.find((b) => b.file === file) ?? bundledScenarios[0];
  return { text: bundled.text, id: bundledId(bundled.file), step: 0, problem };
}

/** The scenario and position a compare address names (the default, with a problem, if none). */
export async function readCompareParams(params: RouteParams): Promise<CompareTarget> {
  if (params.s === undefined && params.x === undefined) return defaultTarget();
  const read = await readSandboxQuery(new URLSearchParams(params).toString());
  if (!read.ok) return defaultTarget(`${read.problem} Showing the default scenario instead.`);
  const resolved = resolveLinkedScenario(read.link.scenario, basesNow());
  if (!resolved.ok)
    return defaultTarget(`${resolved.problem} Showing the default scenario instead.`);
  if (resolved.kind === 'bundled') {
    const bundled = bundledScenarios.find((b) => bundledId(b.file) === resolved.id)!;
    return { text: bundled.text, id: resolved.id, step: read.link.step, problem: null };
  }
  return { text: resolved.text, id: null, step: read.link.step, problem: null };
}

/**
 * The compare address for a sandbox address (`#/sandbox?s=…&d=…&step=…`): the same scenario
 * (`s`, `d` or `x`), from the start of the shared timeline.
 */
export function compareHashFor(sandboxHash: string): string {
  const q = sandboxHash.indexOf('?');
  const params = new URLSearchParams(q < 0 ? '' : sandboxHash.slice(q + 1));
  const kept: RouteParams = {};
  for (const key of ['s', 'd', 'x']) {
    const value = params.get(key);
    if (value !== null) kept[key] = value;
  }
  return href.compare(kept);
}
