/**
 * From a valid `ScenarioInput` to the `Scenario` the engine runs: every default filled in, times
 * and durations in ms, generated events expanded, `delay` faults applied to arrivals, and the
 * checks that need those (start, end, and what must fall between them).
 */
import { createRandom } from '../random/random.ts';
import { calendarFor, DAY, HOUR, isoTime, parseDuration } from '../time/time.logic.ts';
import {
  checkInput,
  instant,
  spanMessage,
  type PathKey,
  type PathProblem,
} from './scenario.checks.ts';
import { defaultArrival, generateEvents } from './scenario.generate.ts';
import { normalizeUnified } from './scenario.unified.normalize.ts';
import {
  LIMITS,
  type Counting,
  type Fault,
  type Logic,
  type LogicInput,
  type Scenario,
  type ScenarioInput,
  type SignupEvent,
} from './scenario.types.ts';

export type NormalizeResult =
  { ok: true; scenario: Scenario } | { ok: false; problems: PathProblem[] };

/** Milliseconds of a duration the schema has already validated, or the default. */
const ms = (text: string | undefined, fallback: string): number =>
  parseDuration(text ?? fallback) ?? Number.NaN;

/** Normalizes a structurally valid input; collects every problem it finds. */
export function normalizeScenario(input: ScenarioInput): NormalizeResult {
  const early = checkInput(input);
  if (early.length > 0) return { ok: false, problems: early };

  const seed = input.seed ?? 1;
  const timeZone = input.timeZone ?? 'UTC';
  const logic: Logic = {
    counting: input.logic?.counting ?? 'distinct-users',
    timeZone: input.logic?.timeZone ?? timeZone,
    excludeUserPrefix: input.logic?.excludeUserPrefix ?? '',
  };
  const jobLogic = (own: LogicInput | undefined, counting: Counting): Logic => ({
    counting: own?.counting ?? counting,
    timeZone: own?.timeZone ?? logic.timeZone,
    excludeUserPrefix: own?.excludeUserPrefix ?? logic.excludeUserPrefix,
  });

  const events = expandEvents(input, seed);
  const faults = (input.faults ?? []).map((fault, index): Fault => {
    switch (fault.kind) {
      case 'producer-retry':
        return { kind: fault.kind, index, event: fault.event, after: ms(fault.after, '3s') };
      case 'crash':
        return {
          kind: fault.kind,
          index,
          job: fault.job,
          at: instant(fault.at),
          downFor: ms(fault.downFor, '5m'),
        };
      case 'delay':
        return { kind: fault.kind, index, event: fault.event, by: ms(fault.by, '0ms') };
      case 'deploy':
        return {
          kind: fault.kind,
          index,
          at: instant(fault.at),
          logic: jobLogic(fault.logic, 'per-record'),
        };
    }
  });
  const queries = (input.queries ?? []).map((q, index) => ({
    index,
    at: instant(q.at),
    day: q.day,
  }));

  // Delays first, in fault order: everything after this reads final arrivals.
  // Only the events that faults name: a map of millions of ids would cost seconds.
  const named = new Set(faults.flatMap((f) => ('event' in f ? [f.event] : [])));
  const byId = new Map<string, SignupEvent>();
  for (const event of events) if (named.has(event.id)) byId.set(event.id, event);
  for (const fault of faults) {
    const event = fault.kind === 'delay' ? byId.get(fault.event) : undefined;
    if (event && fault.kind === 'delay') event.arrival += fault.by;
  }

  const problems: PathProblem[] = [];
  const add = (path: PathKey[], message: string) => problems.push({ path, message });
  const timedFaults = faults.flatMap((f) => (f.kind === 'crash' || f.kind === 'deploy' ? [f] : []));

  let start: number;
  if (input.start) start = instant(input.start);
  else {
    const earliest = events.length
      ? minOf(events, (e) => e.time)
      : Math.min(
          minOf(queries, (q) => q.at),
          minOf(timedFaults, (f) => f.at),
        );
    if (!Number.isFinite(earliest)) {
      add(['start'], 'cannot be worked out: the scenario has no events, queries or timed faults');
      return { ok: false, problems };
    }
    const calendar = calendarFor(timeZone);
    start = calendar.startOf(calendar.dayOf(earliest));
  }

  let end: number;
  if (input.end) end = instant(input.end);
  else {
    let lastArrival = maxOf(events, (e) => e.arrival);
    for (const fault of faults) {
      const event = fault.kind === 'producer-retry' ? byId.get(fault.event) : undefined;
      if (event && fault.kind === 'producer-retry') {
        lastArrival = Math.max(lastArrival, event.arrival + fault.after);
      }
    }
    end = Math.max(
      maxOf(queries, (q) => q.at),
      lastArrival + HOUR,
    );
    if (!Number.isFinite(end)) end = start + HOUR;
    if (end <= start) {
      add(
        ['end'],
        `the default end (${isoTime(end)}) is not after start (${isoTime(start)}); give "end"`,
      );
    }
  }
  if (end - start > LIMITS.maxSpanDays * DAY && !(input.start && input.end)) {
    add(['end'], spanMessage(start, end));
  }

  const explicitCount = input.events?.length ?? 0;
  let generatedEarly = 0;
  events.forEach((event, i) => {
    if (event.arrival >= start) return;
    if (event.generated) generatedEarly++;
    else {
      const field = input.events?.[i].arrival ? 'arrival' : 'time';
      add(['events', i, field], `arrives before the scenario's start (${isoTime(start)})`);
    }
  });
  if (generatedEarly > 0) {
    add(
      ['generate'],
      `${generatedEarly} of the ${events.length - explicitCount} generated events arrive before the scenario's start (${isoTime(start)}); move generate.from or start`,
    );
  }
  const within = `expected a time within the scenario (${isoTime(start)} to ${isoTime(end)})`;
  for (const fault of timedFaults) {
    if (fault.at < start || fault.at > end) {
      const written = input.faults?.[fault.index];
      const text = written && 'at' in written ? written.at : '';
      add(['faults', fault.index, 'at'], `${within}, got "${text}"`);
    }
  }
  for (const query of queries) {
    if (query.at < start || query.at > end) {
      add(['queries', query.index, 'at'], `${within}, got "${input.queries?.[query.index].at}"`);
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  return {
    ok: true,
    scenario: {
      name: input.name ?? 'Untitled scenario',
      seed,
      architecture: input.architecture,
      timeZone,
      start,
      end,
      events,
      delivery: input.delivery ?? 'at-least-once',
      dedup: input.dedup ?? 'none',
      logic,
      log: {
        partitions: input.log?.partitions ?? 1,
        retention: input.log?.retention ? ms(input.log.retention, '0ms') : null,
      },
      batch: {
        at: input.batch?.at ?? '00:05',
        every: ms(input.batch?.every, '24h'),
        duration: ms(input.batch?.duration, '40m'),
        logic: jobLogic(input.batch?.logic, 'distinct-users'),
        handoff: input.batch?.handoff ?? 'cut-off',
      },
      speed: {
        commitEvery: ms(input.speed?.commitEvery, '1m'),
        processingTime: ms(input.speed?.processingTime, '1s'),
        logic: jobLogic(input.speed?.logic, 'per-record'),
      },
      kappa: {
        speedup: input.kappa?.speedup ?? 10,
        commitEvery: ms(input.kappa?.commitEvery, '1m'),
        processingTime: ms(input.kappa?.processingTime, '1s'),
        logic: jobLogic(input.kappa?.logic, 'per-record'),
      },
      unified: normalizeUnified(input),
      faults,
      queries,
    },
  };
}

/**
 * Explicit events (file order) then generated ones, with arrivals before `delay` faults. The
 * seeded draws happen here, generated events first (see scenario.generate.ts for the order).
 */
function expandEvents(input: ScenarioInput, seed: number): SignupEvent[] {
  const random = createRandom(seed);
  const generate = input.generate;
  const generated = generate
    ? generateEvents(random, {
        count: generate.count,
        from: instant(generate.from ?? input.start ?? ''),
        to: instant(generate.to ?? input.end ?? ''),
        lateFraction: generate.lateFraction ?? 0,
        maxLateness: ms(generate.maxLateness, '6h'),
        repeatFraction: generate.repeatFraction ?? 0,
        testFraction: generate.testFraction ?? 0,
      })
    : [];
  const explicit = (input.events ?? []).map((event): SignupEvent => {
    const time = instant(event.time);
    const arrival = event.arrival ? instant(event.arrival) : defaultArrival(random, time);
    return {
      id: event.id,
      user: event.user,
      time,
      arrival,
      generated: false,
      value: event.value ?? 1,
    };
  });
  // Not copied when there is nothing to add: a big generated run's array is millions long.
  return explicit.length === 0 ? generated : explicit.concat(generated);
}

// Loops, not Math.min(...spread): a spread of millions of arguments overflows the stack.
function minOf<T>(items: readonly T[], value: (item: T) => number): number {
  let min = Infinity;
  for (const item of items) min = Math.min(min, value(item));
  return min;
}

function maxOf<T>(items: readonly T[], value: (item: T) => number): number {
  let max = -Infinity;
  for (const item of items) max = Math.max(max, value(item));
  return max;
}
