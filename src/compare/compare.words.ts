/**
 * Words and marks of the compare view, defined once: each job state's glyph (shape beside the
 * colour and the word), each column's line style in the chart, and the sentence the narration
 * reads at the shared time. Pure.
 */
import { palette } from '../visuals/palette.ts';
import type { Architecture } from '../engine/index.ts';

const GLYPHS: Record<string, string> = {
  consuming: '●',
  running: '●',
  publishing: '▲',
  idle: '○',
  crashed: '✕',
  recovering: '↻',
  replaying: '⟳',
  'caught-up': '✓',
  stopped: '■',
};

export function stateGlyph(state: string): string {
  return GLYPHS[state] ?? '•';
}

/** How a line is drawn in the chart: colour, dash pattern and end marker (never colour alone). */
export interface LineStyle {
  colour: string;
  dash: string | null;
  marker: 'circle' | 'square' | 'diamond' | 'bar';
  width: number;
}

/** Truth: a wide pale band under the columns' lines, so a line on top of it still shows. */
export const TRUTH_STYLE: LineStyle = { colour: '#b9c0ca', dash: null, marker: 'bar', width: 8 };

export const COLUMN_STYLES: Record<Architecture, LineStyle> = {
  lambda: { colour: palette.batch, dash: null, marker: 'circle', width: 2.5 },
  kappa: { colour: palette.duplicateText, dash: '9 4', marker: 'square', width: 2.5 },
  unified: { colour: palette.speedText, dash: '14 4 3 4', marker: 'diamond', width: 2.5 },
};
