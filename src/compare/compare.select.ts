/**
 * What the compare view shows, selected from the comparison and the columns at the shared time:
 * the queries' answers per column (hidden until the column has answered them), the day the
 * chart shows, the chart's lines, and the narration sentence. Pure.
 */
import type { QueryAnswer } from '../engine/index.ts';
import { dayLabel } from '../visuals/pipeline/pipeline.select.ts';
import type { ChartLine } from './compare.chart.ts';
import type { Comparison } from './compare.build.ts';
import type { ColumnNow } from './compare-session.svelte.ts';

export interface AnswerCell {
  label: string;
  architecture: string;
  /** The column's answer once it has answered; null before (or when the column did not run). */
  answer: QueryAnswer | null;
}

export interface AnswerRow {
  at: string;
  day: string;
  /** The truth, once any column has answered (truth is the same for every column). */
  truth: number | null;
  cells: AnswerCell[];
}

/** Every query (in query order) and each column's answer so far. */
export function answerRows(comparison: Comparison, now: readonly ColumnNow[]): AnswerRow[] {
  const first = comparison.columns.find((c) => c.kind === 'run');
  if (!first || first.kind !== 'run') return [];
  return first.simulation.report().answers.map((q) => {
    const cells = now.map((c) => {
      const answer =
        c.kind === 'run'
          ? (c.view.answers.find((a) => a.at === q.at && a.day === q.day) ?? null)
          : null;
      return { label: c.column.label, architecture: c.column.architecture, answer };
    });
    const truth = cells.find((c) => c.answer)?.answer?.truth ?? null;
    return { at: q.at, day: q.day, truth, cells };
  });
}

/** Days any column or truth ever counts, sorted. */
export function chartDays(comparison: Comparison): string[] {
  const days = new Set<string>();
  for (const c of comparison.columns)
    if (c.kind === 'run') for (const d of c.series.truth.keys()) days.add(d);
  return [...days].sort();
}

/**
 * The day the chart shows by default: the day of the first query (resolved by the engine;
 * usually "yesterday", the batch question), else the last day truth counts.
 */
export function defaultDay(comparison: Comparison): string | null {
  const first = comparison.columns.find((c) => c.kind === 'run');
  if (first && first.kind === 'run') {
    const answers = first.simulation.report().answers;
    if (answers.length > 0) return answers[0].day;
  }
  return chartDays(comparison).at(-1) ?? null;
}

/** The chart's lines for `day`: truth first, then each column that ran. */
export function chartLines(comparison: Comparison, day: string): ChartLine[] {
  const first = comparison.columns.find((c) => c.kind === 'run');
  const lines: ChartLine[] = [];
  if (first && first.kind === 'run')
    lines.push({ key: 'truth', label: 'Truth', points: first.series.truth.get(day) ?? [] });
  for (const c of comparison.columns)
    if (c.kind === 'run')
      lines.push({
        key: c.column.architecture,
        label: `${c.column.label} served`,
        points: c.series.served.get(day) ?? [],
      });
  return lines;
}

/** One sentence for the live region: each column's served answer for the day, and truth. */
export function narrationAt(
  now: readonly ColumnNow[],
  day: string | null,
  when: string,
  truth: number,
): string {
  if (!day) return `${when}: nothing has been counted yet.`;
  const parts: string[] = [];
  for (const c of now) {
    if (c.kind !== 'run') continue;
    const row = c.view.days.find((d) => d.day === day);
    parts.push(`${c.column.label} serves ${row?.served ?? 0}`);
  }
  return `${when}, for ${dayLabel(day)}: ${parts.join(', ')}; the truth is ${truth}.`;
}
