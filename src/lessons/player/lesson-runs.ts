/**
 * A pipeline lesson's engine runs: one `Simulation` per scenario file its steps play, and the
 * position each step's cue puts its run at. The lesson player uses it once the engine has loaded
 * (`lesson-live.ts`), and the build uses the same code to compute the first screen a lesson
 * ships with (`build/lesson.first-screen.ts`), so the two cannot disagree.
 */
import { formatProblem } from '../../engine/scenario/scenario.checks.ts';
import { parseTrustedScenarioText } from '../../engine/scenario/scenario.trusted.ts';
import { Simulation } from '../../engine/simulation/simulation.ts';
import { resolveCue } from '../lesson.cues.ts';
import type { Lesson } from '../lesson.types.ts';

export type LessonRuns =
  | {
      ok: true;
      /** One run per scenario file the steps play, by file name. */
      runs: Map<string, Simulation>;
      /** Position of each step's cue in its own scenario's run. */
      cues: number[];
    }
  | { ok: false; problem: string };

/** Runs every scenario file of the lesson (lesson files were validated by the build). */
export function lessonRuns(lesson: Lesson): LessonRuns {
  const runs = new Map<string, Simulation>();
  const cues: number[] = [];
  for (const step of lesson.steps) {
    const file = step.scenarioFile;
    let simulation = runs.get(file);
    if (!simulation) {
      const parsed = parseTrustedScenarioText(lesson.scenarios[file]);
      if (!parsed.ok)
        return { ok: false, problem: parsed.problems.map((p) => formatProblem(p)).join(' ') };
      simulation = Simulation.create(parsed.scenario);
      runs.set(file, simulation);
    }
    const cue = resolveCue(simulation, step.cue);
    cues.push(cue.ok ? cue.position : simulation.stepCount);
  }
  return { ok: true, runs, cues };
}
