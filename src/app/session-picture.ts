/**
 * What the pipeline picture reads from a session (`SessionPipeline`): a `SimulationSession`, or
 * anything that answers the same (a lesson's first screen, drawn before its engine has loaded).
 */
import type { SimulationSession } from './simulation.svelte.ts';

export type SessionPicture = Pick<
  SimulationSession,
  | 'view'
  | 'scenario'
  | 'reducedMotion'
  | 'incoming'
  | 'progress'
  | 'displayTime'
  | 'selectedDay'
  | 'lineage'
  | 'handOff'
  | 'selectDay'
>;
