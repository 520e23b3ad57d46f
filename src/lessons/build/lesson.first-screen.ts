/**
 * The first screen a pipeline lesson ships with: what its first step shows before the learner
 * presses anything (the engine's view at the step's position, which the picture draws and the
 * narration's highlights read), computed at build time by the same engine code the player runs
 * (`lessonRuns`, `positionFor`, `Simulation.view`). The page draws it at once and loads the
 * engine when idle; the live engine then takes over showing the same view (a unit test and a
 * browser test check they are equal).
 */
import type { FirstScreen, Lesson } from '../lesson.types.ts';
import { playsUnified } from '../player/lesson-engine.ts';
import { lessonRuns } from '../player/lesson-runs.ts';
import { positionFor } from '../player/player.logic.ts';

/** The first step's screen, or null for a lesson that does not ship one (compare, unified). */
export function firstScreen(lesson: Lesson): FirstScreen | null {
  if (lesson.picture !== 'pipeline' || playsUnified(lesson) || lesson.steps.length === 0)
    return null;
  const built = lessonRuns(lesson);
  if (!built.ok) return null;
  const step = 1;
  const files = lesson.steps.map((s) => s.scenarioFile);
  const run = built.runs.get(files[step - 1]);
  if (!run) return null;
  const asking = lesson.steps[step - 1].question != null;
  const position = positionFor(built.cues, step, asking, files);
  return { step, position, view: run.view(position - 1) };
}

/** The lesson as its chunk ships it: with its first screen. */
export function shippedLesson(lesson: Lesson): Lesson {
  return { ...lesson, first: firstScreen(lesson) };
}
