/**
 * The engine side of a pipeline lesson, loaded on demand (on idle, or at the first move that
 * needs it): the playback session the picture follows (the app's `SimulationSession`, with
 * XState's playback actor) and the lesson's runs for cues and the numbers questions reveal.
 * `LessonSession` attaches it; until then the page shows the first screen the lesson shipped.
 */
import { SimulationSession } from '../../app/simulation.svelte.ts';
import { parseTrustedScenarioText } from '../../engine/scenario/scenario.trusted.ts';
import type { Simulation } from '../../engine/simulation/simulation.ts';
import type { Lesson } from '../lesson.types.ts';
import { lessonRuns } from './lesson-runs.ts';

export interface LiveLesson {
  /** The playback the picture follows (lesson scenarios are read without the validator). */
  sim: SimulationSession;
  /**
   * The same runs, kept for cues and the numbers questions reveal, one per scenario file (the
   * session may build big runs in a worker; a lesson's scenarios are small and deterministic,
   * so both agree).
   */
  runs: Map<string, Simulation>;
  /** Position of each step's cue in its own scenario's run. */
  cues: number[];
  /** Set when a scenario could not run (never for a lesson the build accepted). */
  problem: string | null;
}

export function startLive(lesson: Lesson): LiveLesson {
  const sim = new SimulationSession({ parse: parseTrustedScenarioText });
  const built = lessonRuns(lesson);
  return built.ok
    ? { sim, runs: built.runs, cues: built.cues, problem: null }
    : { sim, runs: new Map(), cues: [], problem: built.problem };
}
