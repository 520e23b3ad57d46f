/**
 * Checks a compare lesson (`picture: compare`) against its scenarios: every file a step plays
 * must run through the lesson's columns, every cue must happen on the shared timeline and in
 * order (within a run of consecutive steps on the same file), job highlights must name a job of
 * some column, and every question's number must exist in its column. Messages name the file,
 * the step and the problem.
 */
import type { Comparison } from '../../compare/compare.build.ts';
import {
  columnViewAt,
  compareReading,
  lessonComparison,
  resolveCompareCue,
} from '../lesson.compare.ts';
import type { Lesson } from '../lesson.types.ts';

/** Every job name any column has by the end (`batch`, `speed`, `v1`, `v2`, `pipeline`…). */
function jobsOf(comparison: Comparison): Set<string> {
  const jobs = new Set<string>();
  for (const run of comparison.columns) {
    if (run.kind !== 'run') continue;
    const end = columnViewAt(comparison, run.column.architecture, comparison.moments.length)!;
    for (const j of end.jobs) jobs.add(j.name);
    if (end.batch) jobs.add('batch');
    if (end.architecture === 'unified') jobs.add('pipeline');
  }
  return jobs;
}

export function checkCompareLesson(lesson: Lesson, path: string): string[] {
  const out: string[] = [];
  const comparisons = new Map<string, Comparison>();
  for (const file of new Set([lesson.scenarioFile, ...lesson.steps.map((s) => s.scenarioFile)])) {
    const built = lessonComparison(lesson, lesson.scenarios[file] ?? lesson.scenarioText);
    if (!built.ok)
      for (const p of built.problems) out.push(`${path}: scenario "${file}" is invalid: ${p}`);
    else {
      for (const run of built.comparison.columns)
        if (run.kind === 'failed')
          out.push(
            `${path}: scenario "${file}" cannot run in the ${run.column.label} column: ${run.reason}`,
          );
      comparisons.set(file, built.comparison);
    }
  }
  if (out.length > 0) return out;
  let previous = 0;
  let previousTitle = '';
  let previousFile = lesson.steps[0]?.scenarioFile;
  lesson.steps.forEach((step, i) => {
    const where = (w: string) => `${path}: step ${i + 1} "${step.title}": ${w}`;
    const comparison = comparisons.get(step.scenarioFile)!;
    if (step.scenarioFile !== previousFile) previous = 0;
    previousFile = step.scenarioFile;
    const cue = resolveCompareCue(comparison, step.cue);
    if (!cue.ok) {
      out.push(where(`cue "${step.cueText}": ${cue.problem}`));
      return;
    }
    if (cue.position < previous)
      out.push(
        where(
          `cue "${step.cueText}" (moment ${cue.position} of the shared timeline) comes before the cue of step ${i} "${previousTitle}" (moment ${previous}): cues must be in order`,
        ),
      );
    if (step.question?.kind === 'direction' && cue.position === previous)
      out.push(where('a "direction" question needs its cue to move the simulation forward'));
    const jobs = jobsOf(comparison);
    for (const h of step.highlights)
      if (h.kind === 'job' && !jobs.has(h.job))
        out.push(
          where(
            `highlight "job ${h.job}": no column has such a job (they have ${[...jobs].join(', ')})`,
          ),
        );
    if (step.question) {
      const ref = step.question.value;
      if (compareReading(comparison, ref, cue.position).value === null)
        out.push(
          where(
            `question: "${ref.measure}" does not exist in the ${ref.column ?? 'first'} column (batch and speed exist only in Lambda, batch-read only where there is a batch layer)`,
          ),
        );
    }
    previous = cue.position;
    previousTitle = step.title;
  });
  return out;
}
