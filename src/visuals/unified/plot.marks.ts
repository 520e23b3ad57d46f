/**
 * The shapes and colours of the plot's marks: every state has its own shape as well as its
 * colour (Okabe–Ito palette), so nothing is told by colour alone. Pure.
 */
import type { PaneTiming } from '../../engine/unified/unified.types.ts';
import type { RecordFate } from '../../engine/unified/unified.view.ts';
import { circlePath, crossPath, diamondPath, trianglePath } from '../pipeline/pipeline.marks.ts';
import { palette } from '../palette.ts';

export const FATE_WORDS: Record<RecordFate, string> = {
  'not-arrived': 'not arrived yet',
  'in-log': 'in the log, not processed yet',
  'on-time': 'on time',
  late: 'late (arrived after the watermark passed its window’s end)',
  dropped: 'dropped (past allowed lateness)',
  skipped: 'skipped (a copy already counted)',
};

export const TIMING_WORDS: Record<PaneTiming, string> = {
  early: 'early pane',
  'on-time': 'on-time pane',
  late: 'late pane',
};

export interface Glyph {
  d: string;
  fill: string;
  stroke: string;
  /** A second path drawn over the first (the cross of a dropped record). */
  over?: string;
}

/** A record's glyph: filled circle on time, hollow in the log, triangle late, crossed dropped. */
export function recordGlyph(fate: RecordFate, x: number, y: number, r: number): Glyph {
  switch (fate) {
    case 'late':
      return {
        d: trianglePath(x, y - r * 1.1, r * 1.6, 'up'),
        fill: palette.late,
        stroke: palette.ink,
      };
    case 'dropped':
      return {
        d: circlePath(x, y, r),
        fill: palette.deleted,
        stroke: palette.ink,
        over: crossPath(x, y, r * 1.3),
      };
    case 'skipped':
      return {
        d: `M${x - r * 0.8},${y - r * 0.8}h${r * 1.6}v${r * 1.6}h${-r * 1.6}Z`,
        fill: palette.deleted,
        stroke: palette.ink,
      };
    case 'in-log':
      return { d: circlePath(x, y, r), fill: palette.page, stroke: palette.batch };
    default:
      return { d: circlePath(x, y, r), fill: palette.record, stroke: palette.ink };
  }
}

/** A pane's glyph: diamond early, circle on time, square late. */
export function paneGlyph(timing: PaneTiming, x: number, y: number, r: number): Glyph {
  if (timing === 'early')
    return { d: diamondPath(x, y, r * 1.2), fill: palette.batch, stroke: palette.ink };
  if (timing === 'late') {
    return {
      d: `M${x - r},${y - r}h${2 * r}v${2 * r}h${-2 * r}Z`,
      fill: palette.late,
      stroke: palette.ink,
    };
  }
  return { d: circlePath(x, y, r), fill: palette.speed, stroke: palette.ink };
}

/** Text colour (≥ 4.5:1 on white) for a pane's value. */
export const PANE_TEXT: Record<PaneTiming, string> = {
  early: palette.batch,
  'on-time': palette.speedText,
  late: palette.lateText,
};
