/**
 * The sandbox's moment as the query of a `#/sandbox?…` address, and back. Written:
 *
 * - `s=<id>`: a bundled scenario by its file name without `.json` (`03-hand-off-after-a-batch-run`),
 * - `d=1.<packed>`: with changes (a `ScenarioPatch`), or `x=1.<packed>`: a whole scenario of the
 *   learner's own. `1.` is the format version, so that later formats can still read these links;
 *   `<packed>` is compressed JSON in base64url (`compact.ts`),
 * - `step=<n>`: steps done, as the counter's "Step n of N",
 * - `speed=<steps per second>` (0.25 to `MAX_RATE`; links from when the top was 64 still read) and
 *   `day=<YYYY-MM-DD>` (the day whose lineage is traced) when set.
 *
 * Reading never throws: a link that cannot be read gives one sentence saying what was wrong.
 * Whether the scenario it names is valid is checked later, by the same parser as a file.
 */
import { packJson, unpackJson } from './compact.ts';
import { applyScenarioPatch, diffScenario, type ScenarioPatch } from './scenario-patch.ts';
import { isLinkRate, linkRateProblem } from '../playback/speed.ts';

export const LINK_FORMAT = '1';

type Fields = Record<string, unknown>;

export type LinkedScenario =
  { kind: 'bundled'; id: string; patch: ScenarioPatch | null } | { kind: 'custom'; input: Fields };

export interface SandboxLink {
  scenario: LinkedScenario;
  /** Steps done: 0 is before the first step. */
  step: number;
  /** Steps per second, when the link sets it. */
  speed?: number;
  /** The day whose served number is traced, when one is. */
  day?: string;
}

export type LinkRead = { ok: true; link: SandboxLink } | { ok: false; problem: string };

const ID = /^[a-z0-9][a-z0-9-]{0,80}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function writeSandboxQuery(link: SandboxLink): Promise<string> {
  const params = new URLSearchParams();
  const scenario = link.scenario;
  if (scenario.kind === 'bundled') {
    params.set('s', scenario.id);
    if (scenario.patch) params.set('d', `${LINK_FORMAT}.${await packJson(scenario.patch)}`);
  } else {
    params.set('x', `${LINK_FORMAT}.${await packJson(scenario.input)}`);
  }
  params.set('step', String(link.step));
  if (link.speed !== undefined) params.set('speed', String(link.speed));
  if (link.day !== undefined) params.set('day', link.day);
  return params.toString();
}

async function unpack(name: string, value: string): Promise<unknown> {
  const dot = value.indexOf('.');
  const version = dot < 0 ? '' : value.slice(0, dot);
  if (!/^\d+$/.test(version)) throw new SyntaxError(`"${name}" has no format version`);
  if (version !== LINK_FORMAT) {
    throw new SyntaxError(
      `"${name}" is in link format ${version}; this version of the Lab reads format ${LINK_FORMAT}`,
    );
  }
  try {
    return await unpackJson(value.slice(dot + 1));
  } catch (error) {
    throw new SyntaxError(`"${name}" cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function readStep(params: URLSearchParams): number {
  const step = params.get('step');
  if (step === null) return 0;
  if (!/^\d{1,9}$/.test(step))
    throw new SyntaxError(`"step" must be a whole number, got "${step}"`);
  return Number(step);
}

function readSpeed(params: URLSearchParams): number | undefined {
  const speed = params.get('speed');
  if (speed === null) return undefined;
  const value = Number(speed);
  if (speed.trim() === '' || !isLinkRate(value)) throw new SyntaxError(linkRateProblem(speed));
  return value;
}

function readDay(params: URLSearchParams): string | undefined {
  const day = params.get('day');
  if (day === null) return undefined;
  if (!DAY.test(day)) throw new SyntaxError(`"day" must be a date like 2026-11-23, got "${day}"`);
  return day;
}

async function readScenario(params: URLSearchParams): Promise<LinkedScenario> {
  const id = params.get('s');
  const changes = params.get('d');
  const custom = params.get('x');
  if (id !== null && custom !== null) {
    throw new SyntaxError('it names both a bundled scenario ("s") and its own ("x")');
  }
  if (custom !== null) {
    const input = await unpack('x', custom);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new SyntaxError('"x" does not hold a scenario object');
    }
    return { kind: 'custom', input: input as Fields };
  }
  if (id === null) throw new SyntaxError('it names no scenario ("s" or "x")');
  if (!ID.test(id)) throw new SyntaxError(`"s" is not a scenario name: "${id.slice(0, 40)}"`);
  const patch = changes === null ? null : ((await unpack('d', changes)) as ScenarioPatch);
  return { kind: 'bundled', id, patch };
}

/** Reads the query of a sandbox address (`s=…&step=…`, with or without a leading `?`). */
export async function readSandboxQuery(query: string): Promise<LinkRead> {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  try {
    const scenario = await readScenario(params);
    const link: SandboxLink = { scenario, step: readStep(params) };
    const speed = readSpeed(params);
    const day = readDay(params);
    if (speed !== undefined) link.speed = speed;
    if (day !== undefined) link.day = day;
    return { ok: true, link };
  } catch (error) {
    return { ok: false, problem: `This link could not be read: ${(error as Error).message}.` };
  }
}

/** A bundled scenario as the link needs it: its id and its parsed JSON. */
export interface LinkBase {
  id: string;
  input: Fields;
}

/**
 * How to name `input` in a link: the bundled scenario `source` (unchanged), or the bundled one
 * it was edited from (same `name`) plus a patch, or the whole scenario.
 */
export function linkedScenarioFor(
  input: Fields,
  bases: readonly LinkBase[],
  unchangedId: string | null,
): LinkedScenario {
  if (unchangedId !== null) return { kind: 'bundled', id: unchangedId, patch: null };
  const base = bases.find((b) => b.input.name !== undefined && b.input.name === input.name);
  if (!base) return { kind: 'custom', input };
  const patch = diffScenario(base.input, input);
  const empty = !patch.set && !patch.add && !patch.del;
  return { kind: 'bundled', id: base.id, patch: empty ? null : patch };
}

export type ResolvedScenario =
  | { ok: true; kind: 'bundled'; id: string }
  | { ok: true; kind: 'custom'; text: string }
  | { ok: false; problem: string };

/** The scenario a link names: a bundled one as it ships, or JSON text for the parser. */
export function resolveLinkedScenario(
  scenario: LinkedScenario,
  bases: readonly LinkBase[],
): ResolvedScenario {
  if (scenario.kind === 'custom') {
    return { ok: true, kind: 'custom', text: JSON.stringify(scenario.input, null, 2) };
  }
  const base = bases.find((b) => b.id === scenario.id);
  if (!base) {
    return {
      ok: false,
      problem: `This link names a scenario "${scenario.id}" that this version of the Lab does not have.`,
    };
  }
  if (!scenario.patch) return { ok: true, kind: 'bundled', id: base.id };
  try {
    const input = applyScenarioPatch(base.input, scenario.patch);
    return { ok: true, kind: 'custom', text: JSON.stringify(input, null, 2) };
  } catch (error) {
    return { ok: false, problem: `This link could not be read: ${(error as Error).message}.` };
  }
}
