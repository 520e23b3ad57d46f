/**
 * Checks a parsed lesson against its scenarios by running them in the engine: every scenario a
 * step plays must be valid, every cue must happen in its step's run and in order (within a run
 * of consecutive steps on the same scenario), highlights must name jobs and events that run
 * has, and every question's number must exist. Messages name the file, the step and the problem.
 */
import { formatProblem, parseScenarioText, Simulation } from '../../engine/index.ts';
import { parseTrustedScenarioText } from '../../engine/scenario/scenario.trusted.ts';
import { resolveCue, refDay, valueOn, viewAt } from '../lesson.cues.ts';
import { isUnifiedMeasure, windowStart } from '../lesson.unified.ts';
import type { Lesson } from '../lesson.types.ts';
import { checkCompareLesson } from './lesson.check-compare.ts';

interface Run {
  simulation: Simulation;
  jobs: Set<string>;
  events: Set<string>;
}

/** Runs each scenario file once; `null` for a file the engine refuses (its problems are in `out`). */
function runAll(lesson: Lesson, path: string, out: string[]): Map<string, Run | null> {
  const runs = new Map<string, Run | null>();
  const files = [lesson.scenarioFile, ...lesson.steps.map((s) => s.scenarioFile)];
  for (const file of files) {
    if (runs.has(file)) continue;
    const parsed = parseScenarioText(lesson.scenarios[file] ?? lesson.scenarioText);
    if (!parsed.ok) {
      for (const p of parsed.problems)
        out.push(`${path}: scenario "${file}" is invalid: ${formatProblem(p)}`);
      runs.set(file, null);
      continue;
    }
    // The page reads lesson scenarios without the validator (`scenario.trusted.ts`): it must
    // give exactly what the full reader gives, or the build stops.
    const trusted = parseTrustedScenarioText(lesson.scenarios[file] ?? lesson.scenarioText);
    if (!trusted.ok || !sameReading(trusted, parsed)) {
      out.push(
        `${path}: scenario "${file}" reads differently without the validator (scenario.trusted.ts); make the file plain JSON that the schema accepts as it is`,
      );
      runs.set(file, null);
      continue;
    }
    const simulation = Simulation.create(parsed.scenario);
    const end = viewAt(simulation, simulation.stepCount);
    const jobs = new Set(end.jobs.map((j) => j.name));
    if (end.batch) jobs.add('batch');
    runs.set(file, { simulation, jobs, events: new Set(parsed.scenario.events.map((e) => e.id)) });
  }
  return runs;
}

/** True when two readings of one file agree on the input and the normalized scenario. */
export function sameReading(
  a: { scenario: unknown; input: unknown },
  b: { scenario: unknown; input: unknown },
): boolean {
  return (
    JSON.stringify(a.scenario) === JSON.stringify(b.scenario) &&
    JSON.stringify(a.input) === JSON.stringify(b.input)
  );
}

export function checkLesson(lesson: Lesson, path: string): string[] {
  if (lesson.picture === 'compare') return checkCompareLesson(lesson, path);
  const out: string[] = [];
  const runs = runAll(lesson, path, out);
  if (out.length > 0) return out;
  let previous = 0;
  let previousTitle = '';
  let previousFile = lesson.steps[0]?.scenarioFile;
  lesson.steps.forEach((step, i) => {
    const where = (w: string) => `${path}: step ${i + 1} "${step.title}": ${w}`;
    const { simulation, jobs, events } = runs.get(step.scenarioFile)!;
    // A change of scenario starts a new run: its cues are ordered from its own start.
    if (step.scenarioFile !== previousFile) previous = 0;
    previousFile = step.scenarioFile;
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
        out.push(
          where(
            `highlight "record ${h.event}": no event with this id in scenario "${step.scenarioFile}"`,
          ),
        );
    }
    if (step.question) {
      const view = viewAt(simulation, cue.position);
      const ref = step.question.value;
      const unified = isUnifiedMeasure(ref.measure);
      if (valueOn(view, ref.measure, refDay(view, ref)) === null)
        out.push(
          where(`question: "${ref.measure}" exists only in ${unified ? 'unified' : 'Lambda'} runs`),
        );
      else if (
        unified &&
        ref.measure !== 'dropped' &&
        windowStart(viewAt(simulation, simulation.stepCount), ref.day) === null
      )
        out.push(where(`question: no window starts at ${ref.day} in this run`));
    }
    previous = cue.position;
    previousTitle = step.title;
  });
  return out;
}
