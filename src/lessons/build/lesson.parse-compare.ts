/**
 * The rules of a lesson's picture, checked as its lesson.md is read: a compare lesson
 * (`picture: compare`) names its columns, cues no step numbers, highlights no records and says
 * which column each question's number is from; a pipeline lesson has no columns. Messages name
 * the file, the step and what is wrong (docs/authoring-lessons.md, "Compare lessons").
 */
import type { ColumnName, Cue, Highlight, Question } from '../lesson.types.ts';
import { isUnifiedMeasure } from '../lesson.unified.ts';
import type { Where } from './lesson.parse.ts';

export const COLUMNS: readonly ColumnName[] = ['lambda', 'kappa', 'unified'];
export const isColumn = (s: string): s is ColumnName => (COLUMNS as readonly string[]).includes(s);

/** A compare lesson's `columns` (default Lambda and Kappa); refused on a pipeline lesson. */
export function parseColumns(
  raw: unknown,
  compare: boolean,
  file: Where,
  out: string[],
): ColumnName[] {
  if (raw === undefined) return compare ? ['lambda', 'kappa'] : [];
  if (!compare) {
    out.push(file('frontmatter: columns is only for a lesson with "picture: compare"'));
    return [];
  }
  const list = Array.isArray(raw) ? raw : [];
  const bad = list.filter((c) => typeof c !== 'string' || !isColumn(c));
  if (list.length === 0 || bad.length > 0 || new Set(list).size !== list.length) {
    out.push(
      file(
        `frontmatter: columns is a list of different architectures among ${COLUMNS.join(', ')}, not ${JSON.stringify(raw)}`,
      ),
    );
    return ['lambda', 'kappa'];
  }
  return list as ColumnName[];
}

/**
 * What a compare lesson's step may not say: a `step N` cue (each column takes its own steps, so
 * a step index means nothing on the shared timeline), a record highlight (the compact columns
 * draw no records), a column it does not show, or a question without its column.
 */
export function compareRules(
  cueText: string,
  cue: Cue | string | null,
  highlights: Highlight[],
  question: Question | null,
  columns: ColumnName[],
  where: Where,
  out: string[],
): void {
  if (cue && typeof cue !== 'string' && cue.kind === 'position' && cueText.trim() !== 'start')
    out.push(
      where(
        `cue "${cueText}": a compare lesson cannot cue a step number (each column takes its own steps); use a step kind, a time, "start" or "end"`,
      ),
    );
  for (const h of highlights) {
    if (h.kind === 'record')
      out.push(
        where(
          `highlight "record ${h.event}": the compare picture draws no records; highlight a job, a day or a column`,
        ),
      );
    if (h.kind === 'column' && !columns.includes(h.column))
      out.push(
        where(`highlight "column ${h.column}": this lesson's columns are ${columns.join(', ')}`),
      );
  }
  if (!question) return;
  const ref = question.value;
  if (isUnifiedMeasure(ref.measure))
    out.push(where(`question: "${ref.measure}" cannot be asked in a compare lesson`));
  else if (ref.column === undefined && ref.measure !== 'truth')
    out.push(
      where(
        `question: say which column the number is from, e.g. "${ref.measure} ${columns[0]} ${ref.day}" (columns: ${columns.join(', ')})`,
      ),
    );
  else if (ref.column !== undefined && !columns.includes(ref.column))
    out.push(
      where(
        `question: column "${ref.column}" is not shown (the columns are ${columns.join(', ')})`,
      ),
    );
}

/** Column highlights and column questions exist only in compare lessons. */
export function pipelineRules(
  highlights: Highlight[],
  question: Question | null,
  where: Where,
  out: string[],
): void {
  for (const h of highlights)
    if (h.kind === 'column')
      out.push(
        where(`highlight "column ${h.column}": only a lesson with "picture: compare" has columns`),
      );
  if (question?.value.column !== undefined)
    out.push(
      where(
        `question: value names column "${question.value.column}", which only a lesson with "picture: compare" has`,
      ),
    );
}
