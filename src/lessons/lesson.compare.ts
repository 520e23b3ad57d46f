/**
 * Cues and question numbers of a compare lesson (`picture: compare`), on the comparison's
 * shared timeline (docs/compare.md): a position p means every moment at or before the p-th is
 * done, and each column stands after its own last step at or before that moment. Used by the
 * build to validate compare lessons and by the player to place and reveal them; every number is
 * read from the column's own engine run.
 */
import type { SimulationView } from '../engine/index.ts';
import { dayKey, isoTime, resolveDay } from '../engine/time/time.logic.ts';
import { KIND_NAMES } from '../engine/simulation/step-kinds.ts';
import { buildComparison, type ColumnRun, type Comparison } from '../compare/compare.build.ts';
import { COMPARE_COLUMNS, type CompareColumn } from '../compare/compare.columns.ts';
import { columnPosition, positionAtTime } from '../compare/compare.series.ts';
import { describeRef, valueOn, viewAt, type Resolved } from './lesson.cues.ts';
import type { ColumnName, Cue, Lesson, NumberRef } from './lesson.types.ts';

type RunColumn = Extract<ColumnRun, { kind: 'run' }>;

/** The compare view's columns a lesson shows, in the lesson's order. */
export function lessonColumns(lesson: Pick<Lesson, 'columns'>): CompareColumn[] {
  return lesson.columns.flatMap((name) => COMPARE_COLUMNS.filter((c) => c.architecture === name));
}

/** Builds the comparison of one of the lesson's scenario texts (problems as sentences). */
export function lessonComparison(
  lesson: Pick<Lesson, 'columns'>,
  text: string,
): { ok: true; comparison: Comparison } | { ok: false; problems: string[] } {
  return buildComparison(text, lessonColumns(lesson));
}

export const COLUMN_LABELS: Record<ColumnName, string> = {
  lambda: 'Lambda',
  kappa: 'Kappa',
  unified: 'Unified',
};

function runOf(comparison: Comparison, column: ColumnName): RunColumn | null {
  const run = comparison.columns.find((c) => c.column.architecture === column);
  return run && run.kind === 'run' ? run : null;
}

function firstRun(comparison: Comparison): RunColumn | null {
  return (comparison.columns.find((c) => c.kind === 'run') as RunColumn | undefined) ?? null;
}

/** Steps of a column done at shared position p. */
function stepsAt(comparison: Comparison, run: RunColumn, p: number): number {
  return columnPosition(run.simulation, comparison.moments, p);
}

/**
 * The shared position a cue stands for. A step kind resolves in the first column that has that
 * kind at all (its occurrences counted in that column), then stands at the moment of that step;
 * a time stands after every moment at or before it; `start` is 0 and `end` the last moment.
 * A step number is refused (the parser already refuses it in a lesson file).
 */
export function resolveCompareCue(comparison: Comparison, cue: Cue): Resolved {
  const moments = comparison.moments;
  const count = moments.length;
  switch (cue.kind) {
    case 'end':
      return { ok: true, position: count };
    case 'position':
      return cue.position === 0
        ? { ok: true, position: 0 }
        : { ok: false, problem: 'a compare lesson cannot cue a step number' };
    case 'time': {
      if (count === 0 || cue.time < moments[0] || cue.time > moments[count - 1])
        return {
          ok: false,
          problem: `${isoTime(cue.time)} is outside the run (${count === 0 ? 'it has no steps' : `${isoTime(moments[0])} to ${isoTime(moments[count - 1])}`})`,
        };
      return { ok: true, position: positionAtTime(moments, cue.time) };
    }
    case 'step-kind': {
      if (!KIND_NAMES.includes(cue.stepKind as (typeof KIND_NAMES)[number]))
        return {
          ok: false,
          problem: `"${cue.stepKind}" is not a step kind (the kinds are ${KIND_NAMES.join(', ')})`,
        };
      for (const run of comparison.columns) {
        if (run.kind !== 'run') continue;
        const sim = run.simulation;
        let seen = 0;
        for (let i = 0; i < sim.stepCount; i++)
          if (sim.kindOf(i) === cue.stepKind && ++seen === cue.occurrence)
            return { ok: true, position: positionAtTime(moments, sim.timeOf(i)) };
        if (seen > 0)
          return {
            ok: false,
            problem: `"${cue.stepKind}" happens only ${seen} time${seen === 1 ? '' : 's'} in the ${run.column.label} column, the first that has it, not ${cue.occurrence}`,
          };
      }
      return { ok: false, problem: `"${cue.stepKind}" never happens in any column` };
    }
  }
}

/** The shared simulated time at position p: the latest moment done (the start before any). */
export function sharedTime(comparison: Comparison, p: number): number {
  return p > 0
    ? comparison.moments[Math.min(p, comparison.moments.length) - 1]
    : comparison.scenario.start;
}

/**
 * The `YYYY-MM-DD` a day (`today`, `yesterday` or a date) means at shared position p: at the
 * shared time, not at a column's last step, so that "today" is the same day in every column.
 */
export function sharedDay(comparison: Comparison, p: number, day: string): string {
  const n = resolveDay(day, sharedTime(comparison, p), comparison.scenario.timeZone);
  return n === null ? day : dayKey(n);
}

/** A column's view at shared position p (null: no such column, or it could not run). */
export function columnViewAt(
  comparison: Comparison,
  column: ColumnName,
  p: number,
): SimulationView | null {
  const run = runOf(comparison, column);
  return run ? viewAt(run.simulation, stepsAt(comparison, run, p)) : null;
}

/** A question's number at shared position p, with the words and reasons the reveal shows. */
export interface CompareReading {
  /** The engine's number; null when the column has no such part (`batch` in Kappa). */
  value: number | null;
  /** The day it is about (`YYYY-MM-DD`), or '' for the work measures. */
  day: string;
  /** "the served answer for 2026-11-22 in the Kappa column". */
  what: string;
  /** The engine's reasons for a served number's difference from the truth. */
  reasons: { count: number; text: string }[];
}

/**
 * The number `ref` names at shared position p. Its day is resolved at p unless `fixedDay` is
 * given (a direction question reads the value before the cue for the cue's day).
 */
export function compareReading(
  comparison: Comparison,
  ref: NumberRef,
  p: number,
  fixedDay?: string,
): CompareReading {
  const run = ref.column ? runOf(comparison, ref.column) : firstRun(comparison);
  if (!run) return { value: null, day: ref.day, what: ref.measure, reasons: [] };
  const steps = stepsAt(comparison, run, p);
  const label = run.column.label;
  if (ref.measure === 'batch-read' && run.column.architecture !== 'lambda')
    return { value: null, day: '', what: ref.measure, reasons: [] };
  if (ref.measure === 'processed' || ref.measure === 'batch-read') {
    const series = ref.measure === 'processed' ? run.work.streamed : run.work.batchRead;
    const what =
      ref.measure === 'processed'
        ? `the records processed by ${label}'s streaming jobs so far`
        : `the records read by ${label}'s batch runs so far`;
    return { value: steps > 0 ? series[steps - 1] : 0, day: '', what, reasons: [] };
  }
  const view = viewAt(run.simulation, steps);
  const day = fixedDay ?? sharedDay(comparison, p, ref.day);
  const value = valueOn(view, ref.measure, day);
  const described = describeRef(ref, day);
  const what = ref.column ? `${described} in the ${label} column` : described;
  const reasons =
    value !== null && (ref.measure === 'served' || ref.measure === 'gap')
      ? run.simulation.explain(view.step, day).reasons
      : [];
  return { value, day, what, reasons };
}
