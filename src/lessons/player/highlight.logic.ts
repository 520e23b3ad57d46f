/**
 * Highlights in words (for the narration, so screen readers get them too) and as CSS
 * selectors of the picture's marked elements (`data-job`, `data-record`, `data-day`).
 */
import type { SimulationView } from '../../engine/index.ts';
import { refDay } from '../lesson.cues.ts';
import type { Highlight } from '../lesson.types.ts';

const JOB_WORDS: Record<string, string> = {
  speed: 'the speed layer',
  batch: 'the batch layer',
};

/** The `YYYY-MM-DD` of a day highlight at the moment of `view`. */
export function highlightDay(view: SimulationView, day: string): string {
  return refDay(view, { measure: 'served', day });
}

export function highlightWords(h: Highlight, view: SimulationView): string {
  switch (h.kind) {
    case 'job':
      return JOB_WORDS[h.job] ?? `job ${h.job}`;
    case 'record':
      return `record ${h.event}`;
    case 'day': {
      const day = highlightDay(view, h.day);
      return h.day === day ? `the numbers for ${day}` : `the numbers for ${h.day} (${day})`;
    }
  }
}

export function highlightSelector(h: Highlight, view: SimulationView): string {
  const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  switch (h.kind) {
    case 'job':
      return `[data-job=${quote(h.job)}]`;
    case 'record':
      return `[data-record=${quote(h.event)}]`;
    case 'day':
      return `[data-day=${quote(highlightDay(view, h.day))}]`;
  }
}

/** "A, B and C". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
