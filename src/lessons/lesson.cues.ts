/**
 * Where a lesson step puts the simulation, and the numbers its questions are about, read from
 * the engine (never typed into the lesson). Used by the player in the browser and by the build
 * and tests to validate every lesson against its scenario.
 */
import type { Simulation, SimulationView } from '../engine/index.ts';
import { KIND_NAMES } from '../engine/simulation/step-kinds.ts';
import { dayKey, isoTime, resolveDay } from '../engine/time/time.logic.ts';
import type { Cue, NumberRef } from './lesson.types.ts';
import { describeUnified, isUnifiedMeasure, unifiedValue } from './lesson.unified.ts';

export type Resolved = { ok: true; position: number } | { ok: false; problem: string };

/** The position (number of steps done) a cue stands for in this run, or why it has none. */
export function resolveCue(simulation: Simulation, cue: Cue): Resolved {
  const count = simulation.stepCount;
  switch (cue.kind) {
    case 'end':
      return { ok: true, position: count };
    case 'position':
      return cue.position <= count
        ? { ok: true, position: cue.position }
        : {
            ok: false,
            problem: `step ${cue.position} is past the end (the run has ${count} steps)`,
          };
    case 'time': {
      const first = count > 0 ? simulation.timeOf(0) : 0;
      const last = count > 0 ? simulation.timeOf(count - 1) : 0;
      if (count === 0 || cue.time < first || cue.time > last)
        return {
          ok: false,
          problem: `${isoTime(cue.time)} is outside the run (${count === 0 ? 'it has no steps' : `${isoTime(first)} to ${isoTime(last)}`})`,
        };
      return { ok: true, position: simulation.stepsBefore(cue.time + 1) };
    }
    case 'step-kind': {
      if (!KIND_NAMES.includes(cue.stepKind as (typeof KIND_NAMES)[number]))
        return {
          ok: false,
          problem: `"${cue.stepKind}" is not a step kind (the kinds are ${KIND_NAMES.join(', ')})`,
        };
      let seen = 0;
      for (let i = 0; i < count; i++)
        if (simulation.kindOf(i) === cue.stepKind && ++seen === cue.occurrence)
          return { ok: true, position: i + 1 };
      return {
        ok: false,
        problem:
          seen === 0
            ? `"${cue.stepKind}" never happens in this scenario`
            : `"${cue.stepKind}" happens only ${seen} time${seen === 1 ? '' : 's'} in this scenario, not ${cue.occurrence}`,
      };
    }
  }
}

/** The view after `position` steps. */
export function viewAt(simulation: Simulation, position: number): SimulationView {
  return simulation.view(position - 1);
}

/** The `YYYY-MM-DD` a reference's day means at the moment of `view` (today/yesterday move). */
export function refDay(view: SimulationView, ref: NumberRef): string {
  if (isUnifiedMeasure(ref.measure)) return ref.day;
  const n = resolveDay(ref.day, view.time, view.timeZone);
  return n === null ? ref.day : dayKey(n);
}

/** The engine's number for `measure` on `day` in `view`; null when the architecture has no such part. */
export function valueOn(
  view: SimulationView,
  measure: NumberRef['measure'],
  day: string,
): number | null {
  if (isUnifiedMeasure(measure)) return unifiedValue(view, measure, day);
  const row = view.days.find((d) => d.day === day);
  const served = row?.served ?? 0;
  const truth = row?.truth ?? 0;
  switch (measure) {
    case 'served':
      return served;
    case 'truth':
      return truth;
    case 'gap':
      return served - truth;
    case 'batch':
    case 'speed':
      if (view.architecture !== 'lambda') return null;
      if (!row || !('batch' in row.parts)) return 0;
      return row.parts[measure];
    default:
      // `processed` and `batch-read` are a compare column's work (lesson.compare.ts).
      return null;
  }
}

/** Words for a number reference, e.g. "the served answer for yesterday (2026-01-10)". */
export function describeRef(ref: NumberRef, day: string): string {
  if (isUnifiedMeasure(ref.measure)) return describeUnified(ref.measure, ref.day);
  const what = {
    served: 'the served answer',
    truth: 'the truth',
    batch: 'the batch view',
    speed: 'the speed layer',
    gap: 'served minus truth',
    processed: 'the records processed',
    'batch-read': 'the records read by batch runs',
  }[ref.measure];
  return ref.day === day ? `${what} for ${day}` : `${what} for ${ref.day} (${day})`;
}
