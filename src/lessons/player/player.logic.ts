/**
 * The lesson player's rules as pure functions: where the simulation stands for a step (a
 * question step waits at the previous cue until it is revealed), how a move animates, and how
 * a learner's answer compares with the engine's number.
 */

/**
 * Position for step `step` (1-based) in its own scenario's run: its cue, or, while its question
 * is unrevealed, the previous step's cue (the start of the run when the previous step played
 * another scenario file: `files` names each step's scenario).
 */
export function positionFor(
  cues: number[],
  step: number,
  asking: boolean,
  files: readonly string[] = [],
): number {
  if (!asking) return cues[step - 1] ?? 0;
  if (step < 2 || files[step - 2] !== files[step - 1]) return 0;
  return cues[step - 2];
}

/** At most this many steps are animated on the way to a cue; further ones are jumped. */
export const MAX_ANIMATED_STEPS = 120;

/**
 * How to travel from `from` to `to`: where to jump first and at what rate (steps per second)
 * to play the rest, so that a move takes about two seconds; `null` means jump (backwards,
 * nothing to do, or reduced motion).
 */
export function travelPlan(
  from: number,
  to: number,
  reducedMotion: boolean,
): { startAt: number; rate: number } | null {
  if (reducedMotion || to <= from) return null;
  const steps = Math.min(to - from, MAX_ANIMATED_STEPS);
  return { startAt: to - steps, rate: Math.min(64, Math.max(2, steps / 2)) };
}

/** Reads a typed number ("1,012", " 18 "); null when it is not one. */
export function readNumber(text: string): number | null {
  const cleaned = text.replace(/[\s,_]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

export type Direction = 'down' | 'same' | 'up';

export function directionOf(before: number, after: number): Direction {
  return after > before ? 'up' : after < before ? 'down' : 'same';
}

export const DIRECTION_WORDS: Record<Direction, string> = {
  down: 'It goes down',
  same: 'It stays the same',
  up: 'It goes up',
};

/** "exactly right", "3 more than you said", "2 fewer than you said". */
export function gapWords(answer: number, actual: number): string {
  if (answer === actual) return 'exactly what you said';
  const d = actual - answer;
  return `${Math.abs(d)} ${d > 0 ? 'more' : 'fewer'} than you said`;
}
