/**
 * The sandbox's edits, as pure functions from one scenario input (the JSON form) to the next.
 * Each returns a copy: the result is re-parsed with the same validation as a file, shown in the
 * Scenario JSON editor, and run; the input given is never changed.
 */
import type {
  Architecture,
  Dedup,
  Delivery,
  FaultInput,
  LogicInput,
  Scenario,
  ScenarioInput,
  SignupEvent,
  UnifiedInput,
} from '../../engine/index.ts';
import type { SimulationView } from '../../engine/index.ts';

/** The scenario's streaming job: `speed` in Lambda, `kappa` (the stream job v1) in Kappa. */
export type JobKey = 'batch' | 'speed' | 'kappa';

/** How long "Delay event" holds the next event back. */
export const DELAY_BY_MS = 3 * 60 * 60 * 1000;

/** The prefix "Exclude test accounts" leaves out (the generator's test users are `test-…`). */
export const TEST_PREFIX = 'test-';

/**
 * Switches between Lambda, Kappa and unified. Crash faults follow the streaming job (speed ↔
 * stream, the unified pipeline being `stream`); a batch crash has no Kappa or unified
 * counterpart and is dropped. Everything else stays as written (a unified run ignores the
 * Lambda and Kappa sections, the others its `unified` section).
 */
export function withArchitecture(input: ScenarioInput, architecture: Architecture): ScenarioInput {
  const next = structuredClone(input);
  next.architecture = architecture;
  if (next.faults) {
    next.faults = next.faults.flatMap((fault): FaultInput[] => {
      if (fault.kind !== 'crash') return [fault];
      if (architecture !== 'lambda') {
        return fault.job === 'batch' ? [] : [{ ...fault, job: 'stream' }];
      }
      return [{ ...fault, job: fault.job === 'stream' ? 'speed' : fault.job }];
    });
  }
  return next;
}

export function withDelivery(input: ScenarioInput, delivery: Delivery): ScenarioInput {
  return { ...structuredClone(input), delivery };
}

export function withDedup(input: ScenarioInput, dedup: Dedup): ScenarioInput {
  return { ...structuredClone(input), dedup };
}

/** Sets fields of one job's logic, keeping the rest of that job's settings. */
export function withJobLogic(input: ScenarioInput, job: JobKey, patch: LogicInput): ScenarioInput {
  const next = structuredClone(input);
  const settings = next[job] ?? {};
  next[job] = { ...settings, logic: { ...settings.logic, ...patch } };
  return next;
}

/** The event of the record appended last at this view, if any (what "Duplicate" retries). */
export function lastAppendedEvent(view: SimulationView): string | null {
  const recent = view.log.recent;
  return recent.length > 0 ? recent[recent.length - 1].id : null;
}

/** The next event still on its way to the log at `at` (what "Delay event" holds back). */
export function nextUnarrivedEvent(scenario: Scenario, at: number): SignupEvent | null {
  let next: SignupEvent | null = null;
  for (const event of scenario.events) {
    if (event.arrival > at && (next === null || event.arrival < next.arrival)) next = event;
  }
  return next;
}

/** Time zones a job's logic can use: UTC, the scenario's own, and one far from both. */
export function zoneChoices(scenarioZone: string, current: string): string[] {
  return [...new Set(['UTC', scenarioZone, 'America/New_York', 'Asia/Tokyo', current])];
}

/** A change to the unified section: top-level fields, and the watermark or triggers in part. */
export interface UnifiedPatch extends Omit<UnifiedInput, 'watermark' | 'triggers'> {
  watermark?: Partial<{ kind: 'heuristic' | 'perfect'; bound: string; idleAfter: string | null }>;
  triggers?: UnifiedInput['triggers'];
}

/**
 * Sets fields of the `unified` section, keeping the rest. A watermark kind change starts that
 * kind from its defaults (a heuristic keeps its bound and idleness); `idleAfter: null` removes
 * idleness. The result is validated like any file, so a bad value is refused with the field named.
 */
export function withUnified(input: ScenarioInput, patch: UnifiedPatch): ScenarioInput {
  const next = structuredClone(input);
  const u: UnifiedInput = { ...next.unified };
  const { watermark, triggers, ...rest } = patch;
  Object.assign(u, rest);
  if (watermark) {
    const old = u.watermark ?? { kind: 'heuristic' };
    const kind = watermark.kind ?? old.kind;
    if (kind === 'perfect') u.watermark = { kind: 'perfect' };
    else if (kind === 'heuristic') {
      const w = { ...(old.kind === 'heuristic' ? old : {}), kind } as Record<string, unknown>;
      if (watermark.bound !== undefined) w.bound = watermark.bound;
      if (watermark.idleAfter === null) delete w.idleAfter;
      else if (watermark.idleAfter !== undefined) w.idleAfter = watermark.idleAfter;
      u.watermark = w as UnifiedInput['watermark'];
    }
  }
  if (triggers) u.triggers = { ...u.triggers, ...triggers };
  next.unified = u;
  return next;
}
