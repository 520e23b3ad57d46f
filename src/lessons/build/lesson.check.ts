/**
 * Checks a parsed lesson against its scenario by running it in the engine: the scenario must
 * be valid, every cue must happen in the run and in order, highlights must name jobs and
 * events the run has, and every question's number must exist. Messages name the file, the
 * step and the problem.
 */
import { formatProblem, parseScenarioText, Simulation } from '../../engine/index.ts';
import { resolveCue, refDay, valueOn, viewAt } from '../lesson.cues.ts';
import type { Lesson } from '../lesson.types.ts';

export function checkLesson(lesson: Lesson, path: string): string[] {
  const out: string[] = [];
  const parsed = parseScenarioText(lesson.scenarioText);
  if (!parsed.ok) {
    for (const p of parsed.problems)
      out.push(`${path}: scenario "${lesson.scenarioFile}" is invalid: ${formatProblem(p)}`);
    return out;
  }
  const simulation = Simulation.create(parsed.scenario);
  const end = viewAt(simulation, simulation.stepCount);
  const jobs = new Set(end.jobs.map((j) => j.name));
  if (end.batch) jobs.add('batch');
  const events = new Set(parsed.scenario.events.map((e) => e.id));
  let previous = 0;
  let previousTitle = '';
  lesson.steps.forEach((step, i) => {
    const where = (w: string) => `${path}: step ${i + 1} "${step.title}": ${w}`;
    const cue = resolveCue(simulation, step.cue);
    if (!cue.ok) {
      out.push(where(`cue "${step.cueText}": ${cue.problem}`));
      return;
    }
    if (cue.position < previous)
      out.push(
        where(
          `cue "${step.cueText}" (after step ${cue.position} of the run) comes before the cue of step ${i} "${previousTitle}" (after step ${previous}): cues must be in order`,
        ),
      );
    if (step.question && step.question.kind === 'direction' && cue.position === previous)
      out.push(where('a "direction" question needs its cue to move the simulation forward'));
    for (const h of step.highlights) {
      if (h.kind === 'job' && !jobs.has(h.job))
        out.push(
          where(
            `highlight "job ${h.job}": this run has no such job (it has ${[...jobs].join(', ')})`,
          ),
        );
      if (h.kind === 'record' && !events.has(h.event))
        out.push(where(`highlight "record ${h.event}": no event with this id in the scenario`));
    }
    if (step.question) {
      const view = viewAt(simulation, cue.position);
      if (valueOn(view, step.question.value.measure, refDay(view, step.question.value)) === null)
        out.push(where(`question: "${step.question.value.measure}" exists only in Lambda runs`));
    }
    previous = cue.position;
    previousTitle = step.title;
  });
  return out;
}
