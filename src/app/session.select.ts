/**
 * Pure selectors from what the engine returns to what the app's tables show.
 */
import type { QueryAnswer } from '../engine/simulation/simulation.types.ts';

export interface AnswerRow {
  answer: QueryAnswer;
  /** True when the query has already been answered at the current step. */
  answered: boolean;
}

/**
 * Marks each answer of the full run as answered or not yet at the current step. Queries are
 * matched by `at` and `day`, counting repeats, because the view lists answers in the order they
 * happened, which need not be the scenario's query order.
 */
export function markAnswered(
  finalAnswers: readonly QueryAnswer[],
  answeredSoFar: readonly QueryAnswer[],
): AnswerRow[] {
  const remaining = new Map<string, number>();
  for (const a of answeredSoFar) {
    const key = `${a.at}|${a.day}`;
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  return finalAnswers.map((answer) => {
    const key = `${answer.at}|${answer.day}`;
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    return { answer, answered: left > 0 };
  });
}

/** Indexes of the last `count` steps done at `position` (position p = steps 0..p-1 done). */
export function recentStepIndexes(position: number, count: number): number[] {
  const first = Math.max(0, position - count);
  return Array.from({ length: Math.max(0, position - first) }, (_, k) => first + k);
}
