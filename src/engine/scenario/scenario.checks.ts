/**
 * Checks of a structurally valid scenario that need more than one field and no generated events:
 * ids, references between fields, architecture-specific jobs and faults, and the limits. They run
 * before anything is generated, so an over-limit file is refused at once.
 */
import { DAY, isoTime, parseIsoTime } from '../time/time.logic.ts';
import { LIMITS, type ScenarioInput, type ScenarioProblem } from './scenario.types.ts';

/** A path into the scenario file: object keys and array indexes; `[]` is the whole file. */
export type PathKey = string | number;

export interface PathProblem {
  path: PathKey[];
  message: string;
}

/** `events[3].time: expected an ISO-8601 date-time, got "yesterday"`. */
export function formatProblem(p: ScenarioProblem): string {
  return `${p.path}: ${p.message}`;
}

/** A path as written in messages: `events[3].time`; the whole file is `(root)`. */
export function formatPath(path: readonly PathKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`))
    .join('');
}

/** Epoch ms of a time the schema has already validated. */
export const instant = (text: string): number => parseIsoTime(text) ?? Number.NaN;

const grouped = (n: number): string => n.toLocaleString('en-US');

/** Every cross-field problem of the input, in roughly document order. */
export function checkInput(input: ScenarioInput): PathProblem[] {
  const problems: PathProblem[] = [];
  const add = (path: PathKey[], message: string) => problems.push({ path, message });
  const events = input.events ?? [];
  const generate = input.generate;
  const generatedCount = generate?.count ?? 0;

  if (!input.events && !generate) {
    add([], 'expected "events" and/or "generate": a scenario needs signup events');
  }
  const total = events.length + generatedCount;
  if (total > LIMITS.maxEvents) {
    add(
      generate ? ['generate', 'count'] : ['events'],
      `too many events: ${grouped(total)} (${grouped(events.length)} written, ${grouped(generatedCount)} generated); the limit is ${grouped(LIMITS.maxEvents)}`,
    );
  }

  if (input.start && input.end) {
    const start = instant(input.start);
    const end = instant(input.end);
    if (end <= start) {
      add(['end'], `expected a time after start (${input.start}), got "${input.end}"`);
    } else if (end - start > LIMITS.maxSpanDays * DAY) {
      add(['end'], spanMessage(start, end));
    }
  }

  const firstIndex = new Map<string, number>();
  events.forEach((event, i) => {
    const first = firstIndex.get(event.id);
    if (first === undefined) firstIndex.set(event.id, i);
    else add(['events', i, 'id'], `duplicate id "${event.id}" (first used at events[${first}])`);
    if (event.arrival && instant(event.arrival) < instant(event.time)) {
      add(
        ['events', i, 'arrival'],
        `arrives before its event time (${event.time}): expected a time at or after it, got "${event.arrival}"`,
      );
    }
  });

  const isGeneratedId = (id: string): boolean => {
    const m = /^g([1-9]\d*)$/.exec(id);
    return m !== null && Number(m[1]) <= generatedCount;
  };
  if (generate) {
    const clash = events.findIndex((event) => isGeneratedId(event.id));
    if (clash >= 0) {
      add(
        ['generate'],
        `generated ids g1…g${generatedCount} include "${events[clash].id}", already used at events[${clash}]; rename that event`,
      );
    }
    checkGenerateRange(input, add);
  }

  const isKnownEvent = (id: string) => firstIndex.has(id) || isGeneratedId(id);
  (input.faults ?? []).forEach((fault, i) => {
    if ((fault.kind === 'producer-retry' || fault.kind === 'delay') && !isKnownEvent(fault.event)) {
      add(
        ['faults', i, 'event'],
        `expected the id of an event, got "${fault.event}" (no such event)`,
      );
    }
    if (fault.kind === 'crash') {
      if (input.architecture === 'lambda' && fault.job === 'stream') {
        add(
          ['faults', i, 'job'],
          '"stream" is a Kappa job; a lambda scenario has "speed" and "batch"',
        );
      }
      if (input.architecture !== 'lambda' && fault.job !== 'stream') {
        add(
          ['faults', i, 'job'],
          `"${fault.job}" is a Lambda job; a ${input.architecture} scenario has "stream"`,
        );
      }
    }
  });
  const handoff = input.batch?.handoff;
  if (handoff !== undefined && handoff !== 'cut-off' && input.architecture !== 'lambda') {
    add(
      ['batch', 'handoff'],
      `"${handoff}" is a Lambda hand-off (between the batch and speed layers); a ${input.architecture} scenario has none`,
    );
  }
  checkSchedule(input, add);
  return problems;
}

/** A watermark schedule must not go backwards, in processing time or in watermark. */
function checkSchedule(
  input: ScenarioInput,
  add: (path: PathKey[], message: string) => void,
): void {
  const watermark = input.unified?.watermark;
  if (watermark?.kind !== 'schedule') return;
  const path = (i: number, j: number): PathKey[] => ['unified', 'watermark', 'points', i, j];
  watermark.points.forEach(([at, mark], i) => {
    if (i === 0) return;
    const [prevAt, prevMark] = watermark.points[i - 1];
    if (instant(at) < instant(prevAt)) {
      add(
        path(i, 0),
        `goes backwards: expected a time at or after the previous point's (${prevAt}), got "${at}"`,
      );
    }
    const value = (m: string) => (m === 'end' ? Infinity : instant(m));
    if (value(mark) < value(prevMark)) {
      add(
        path(i, 1),
        `goes backwards: a watermark never moves back; expected at or after the previous point's (${prevMark}), got "${mark}"`,
      );
    }
  });
}

/** `generate.from`/`to` default to `start`/`end`; without them they are required. */
function checkGenerateRange(
  input: ScenarioInput,
  add: (path: PathKey[], message: string) => void,
): void {
  const generate = input.generate;
  if (!generate) return;
  const from = generate.from ?? input.start;
  const to = generate.to ?? input.end;
  if (from === undefined) add(['generate', 'from'], 'required when "start" is not given');
  if (to === undefined) add(['generate', 'to'], 'required when "end" is not given');
  if (from === undefined || to === undefined || instant(to) > instant(from)) return;
  // Both defaulted: the start/end check has already said it.
  if (generate.to) {
    add(['generate', 'to'], `expected a time after generate.from (${from}), got "${generate.to}"`);
  } else if (generate.from) {
    add(['generate', 'from'], `expected a time before generate.to (${to}), got "${generate.from}"`);
  }
}

/** The message for a scenario longer than the limit. */
export function spanMessage(start: number, end: number): string {
  const days = +((end - start) / DAY).toFixed(2);
  return `the scenario spans ${days} days (${isoTime(start)} to ${isoTime(end)}); the limit is ${LIMITS.maxSpanDays} days`;
}
