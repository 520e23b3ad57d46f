/**
 * Highlights in words (for the narration, so screen readers get them too) and as CSS
 * selectors of the picture's marked elements (`data-job`, `data-record`, `data-day`).
 */
import type { SimulationView } from '../../engine/index.ts';
import { refDay } from '../lesson.cues.ts';
import type { Highlight } from '../lesson.types.ts';
import { dayLabel } from '../../visuals/pipeline/pipeline.select.ts';

const JOB_WORDS: Record<string, string> = {
  speed: 'the speed layer',
  batch: 'the batch layer',
  pipeline: 'the unified pipeline',
};

const COLUMN_WORDS: Record<string, string> = {
  lambda: 'the Lambda column',
  kappa: 'the Kappa column',
  unified: 'the Unified column',
};

/** The `YYYY-MM-DD` of a day highlight at the moment of `view`. */
export function highlightDay(view: SimulationView, day: string): string {
  return refDay(view, { measure: 'served', day });
}

/**
 * Words for a highlight; `resolve` turns a day (`today`…) into `YYYY-MM-DD` (by default at the
 * moment of `view`; a compare lesson resolves it at the shared time).
 */
export function highlightWords(
  h: Highlight,
  view: SimulationView | null,
  resolve: (day: string) => string = (day) => (view ? highlightDay(view, day) : day),
): string {
  switch (h.kind) {
    case 'column':
      return COLUMN_WORDS[h.column];
    case 'job':
      return JOB_WORDS[h.job] ?? `job ${h.job}`;
    case 'record':
      return `record ${h.event}`;
    case 'day': {
      // In plain words, as the picture labels its days ("Mon 23 Nov").
      const day = resolve(h.day);
      const label = dayLabel(day);
      return h.day === day ? `the numbers for ${label}` : `the numbers for ${h.day} (${label})`;
    }
  }
}

/** A selector of the picture's elements a highlight outlines (`resolve` as above). */
export function highlightSelector(
  h: Highlight,
  view: SimulationView | null,
  resolve: (day: string) => string = (day) => (view ? highlightDay(view, day) : day),
): string {
  const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  switch (h.kind) {
    case 'column':
      return `section[data-column=${quote(h.column)}]`;
    case 'job':
      return `[data-job=${quote(h.job)}]`;
    case 'record':
      return `[data-record=${quote(h.event)}]`;
    case 'day':
      return `[data-day=${quote(resolve(h.day))}]`;
  }
}

/** "A, B and C". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
