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
  Injection,
  LogicInput,
  Scenario,
  ScenarioInput,
  SignupEvent,
  UnifiedInput,
} from '../../engine/index.ts';
import type { SimulationView } from '../../engine/index.ts';

/** The scenario's streaming job: `speed` in Lambda, `kappa` (the stream job v1) in Kappa. */
export type JobKey = 'batch' | 'speed' | 'kappa';

/** How long "Delay event" holds the next event back, unless the learner picks another. */
export const DELAY_BY_MS = 3 * 60 * 60 * 1000;

/** What "Delay by" offers (ms): a little late, past an hour, past a batch cut-off, a day. */
export const DELAY_CHOICES: readonly number[] = [
  15 * 60 * 1000,
  60 * 60 * 1000,
  DELAY_BY_MS,
  12 * 60 * 60 * 1000,
  24 * 60 * 60 * 1000,
];

/** "15 minutes", "3 hours", "1 day": a delay as "Delay by" offers it. */
export function delayLabel(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 60) return `${minutes} minutes`;
  const hours = minutes / 60;
  if (hours < 24) return hours === 1 ? '1 hour' : `${hours} hours`;
  return hours === 24 ? '1 day' : `${hours / 24} days`;
}

/** How long after the first copy the retried copy of an event still to come arrives (the scenario default). */
export const RETRY_AFTER_MS = 3000;

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

/** An event "Duplicate" or "Delay event" can act on. */
export interface EventChoice {
  id: string;
  user: string;
  /** When it reaches (or reached) the log, epoch ms. */
  arrival: number;
  /** Still on its way at the moment on screen (only these can be delayed). */
  upcoming: boolean;
}

/** The `count` events with the smallest `key` among those `keep` accepts, smallest first. */
function smallest(
  events: readonly SignupEvent[],
  keep: (e: SignupEvent) => boolean,
  key: (e: SignupEvent) => number,
  count: number,
): SignupEvent[] {
  const best: SignupEvent[] = [];
  for (const event of events) {
    if (!keep(event)) continue;
    if (best.length === count && key(event) >= key(best[count - 1])) continue;
    let i = best.length;
    while (i > 0 && key(best[i - 1]) > key(event)) i--;
    best.splice(i, 0, event);
    if (best.length > count) best.pop();
  }
  return best;
}

/**
 * The events offered to "Duplicate" and "Delay event" at `at`: the next `count` still to arrive
 * (soonest first; the first is the default), then the last `count` already in the log (latest
 * first). One pass over the events, so it stays cheap for generated runs.
 */
export function eventChoices(scenario: Scenario, at: number, count = 8): EventChoice[] {
  const choice = (upcoming: boolean) => (e: SignupEvent) => ({
    id: e.id,
    user: e.user,
    arrival: e.arrival,
    upcoming,
  });
  const next = smallest(
    scenario.events,
    (e) => e.arrival > at,
    (e) => e.arrival,
    count,
  );
  const past = smallest(
    scenario.events,
    (e) => e.arrival <= at,
    (e) => -e.arrival,
    count,
  );
  return [...next.map(choice(true)), ...past.map(choice(false))];
}

/** The injection "Duplicate" sends for `event`: a retry now, or 3 s after a copy still to come. */
export function duplicateOf(event: EventChoice): Injection {
  return event.upcoming
    ? { kind: 'duplicate', event: event.id, after: RETRY_AFTER_MS }
    : { kind: 'duplicate', event: event.id };
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
