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

/** With more days than this, the truth panel explains only the latest few and the selected one. */
export const MAX_EXPLAINED_DAYS = 4;

/**
 * The days the truth panel explains: every day of the view, or, when there are many (a long
 * generated run), the latest few plus the one the learner selected.
 */
export function shownDays(days: readonly { day: string }[], selected: string | null): string[] {
  const all = days.map((d) => d.day);
  if (all.length <= MAX_EXPLAINED_DAYS) return all;
  const latest = all.slice(-MAX_EXPLAINED_DAYS);
  return selected && all.includes(selected) && !latest.includes(selected)
    ? [selected, ...latest]
    : latest;
}
