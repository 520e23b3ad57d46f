/**
 * Sandbox injections: a learner adds a signup or a fault at the current simulated moment. The
 * result is a new scenario *input* (the JSON form), so it goes through the same validation as a
 * file, can be shown, edited and shared, and runs deterministically: the steps before the moment
 * are unchanged and the old future is dropped (a fork, as in RaftScope).
 */
import type { Injection } from '../simulation/simulation.types.ts';
import { isoTime, parseIsoTime, HOUR } from '../time/time.logic.ts';
import { parseScenario } from './scenario.parse.ts';
import type { EventInput, FaultInput, ScenarioInput } from './scenario.types.ts';

/** Injected signups reach the log this long after the moment they are injected at. */
export const INJECTED_DELAY = 1000;

function freshName(prefix: string, taken: Set<string>): string {
  let k = 1;
  while (taken.has(`${prefix}${k}`)) k++;
  return `${prefix}${k}`;
}

function arrivalOf(input: ScenarioInput, event: string): number | null {
  const parsed = parseScenario(input);
  if (!parsed.ok) return null;
  return parsed.scenario.events.find((e) => e.id === event)?.arrival ?? null;
}

/**
 * Returns a copy of `input` with the injection added at simulated time `at` (epoch ms). Throws a
 * RangeError when the injection does not apply (a deploy in a Lambda scenario, an unknown event).
 */
export function injectIntoScenario(
  input: ScenarioInput,
  injection: Injection,
  at: number,
): ScenarioInput {
  const next = structuredClone(input);
  const faults: FaultInput[] = next.faults ?? [];
  let lastMoment = at;
  switch (injection.kind) {
    case 'add-signup': {
      const events: EventInput[] = next.events ?? [];
      const ids = new Set(events.map((e) => e.id));
      const users = new Set(events.map((e) => e.user));
      const eventTime = Math.min(injection.eventTime ?? at, at);
      events.push({
        id: freshName('s', ids),
        user: injection.user ?? freshName('sandbox-', users),
        time: isoTime(eventTime),
        arrival: isoTime(at + INJECTED_DELAY),
      });
      next.events = events;
      lastMoment = at + INJECTED_DELAY;
      break;
    }
    case 'duplicate': {
      const arrival = arrivalOf(input, injection.event);
      if (arrival === null) throw new RangeError(`no event "${injection.event}" to duplicate`);
      const after = injection.after ?? Math.max(0, at + INJECTED_DELAY - arrival);
      faults.push({ kind: 'producer-retry', event: injection.event, after: `${after}ms` });
      lastMoment = arrival + after;
      break;
    }
    case 'delay': {
      const arrival = arrivalOf(input, injection.event);
      if (arrival === null) throw new RangeError(`no event "${injection.event}" to delay`);
      faults.push({ kind: 'delay', event: injection.event, by: `${injection.by}ms` });
      lastMoment = arrival + injection.by;
      break;
    }
    case 'crash':
      faults.push({
        kind: 'crash',
        job: next.architecture === 'lambda' ? 'speed' : 'stream',
        at: isoTime(at),
        ...(injection.downFor !== undefined ? { downFor: `${injection.downFor}ms` } : {}),
      });
      break;
    case 'deploy':
      if (next.architecture !== 'kappa')
        throw new RangeError('deploying new logic replays a Kappa log');
      faults.push({
        kind: 'deploy',
        at: isoTime(at),
        ...(injection.logic ? { logic: injection.logic } : {}),
      });
      break;
  }
  if (injection.kind !== 'add-signup') next.faults = faults;
  // Make sure the run lasts long enough to show what was injected.
  if (next.end !== undefined) {
    const end = parseIsoTime(next.end);
    if (end !== null && end < lastMoment + HOUR) next.end = isoTime(lastMoment + HOUR);
  }
  return next;
}
