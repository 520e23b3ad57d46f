/**
 * The unified pipeline's state at a step as plain rows of text (the table twin of its picture,
 * and what the sandbox shows for a unified session): the pipeline and its watermark, each
 * partition's watermark, the windows, every pane, and the sink's results table. Every number
 * comes from the engine's `UnifiedView`.
 */
import type { UnifiedView } from '../engine/unified/unified.view.ts';
import { formatLocal } from '../engine/simulation/words.ts';
import { plainWords } from '../app/format.ts';
import { dayLabel } from './pipeline/pipeline.select.ts';

/** A watermark in plain words ("Sat 10 Jan, 12:08 UTC", seconds when it has any). */
export function markText(t: number, timeZone: string): string {
  if (t === -Infinity) return 'none yet';
  if (t === Infinity) return 'end (all data in)';
  return plainWords(formatLocal(t, timeZone), timeZone);
}

/** A window in plain words: "Sat 10 Jan, 12:00–12:02", or both ends in full across days. */
export function windowLabel(start: number, end: number, timeZone: string): string {
  const a = formatLocal(start, timeZone);
  const b = formatLocal(end, timeZone);
  return a.slice(0, 10) === b.slice(0, 10)
    ? `${dayLabel(a.slice(0, 10))}, ${a.slice(11)}–${b.slice(11)}`
    : `${plainWords(a, timeZone)} – ${plainWords(b, timeZone)}`;
}

export interface UnifiedRows {
  summary: [string, string][];
  partitions: [string, string, string][];
  windows: string[][];
  panes: string[][];
  sink: [string, string, string][];
}

const STATE_WORDS = { open: 'open', fired: 'fired (late data allowed)', expired: 'expired' };

export function unifiedRows(v: UnifiedView, timeZone: string): UnifiedRows {
  const label = (start: number, end: number) => windowLabel(start, end, timeZone);
  return {
    summary: [
      ['Pipeline', v.pipeline],
      ['Watermark', markText(v.watermark, timeZone)],
      ['Records processed', String(v.position)],
      ['Last checkpoint', `${v.checkpoints} taken, after ${v.checkpointPosition} records`],
      ['Records dropped (too late)', String(v.dropped)],
    ],
    partitions: v.partitions.map((p) => [
      String(p.partition),
      markText(p.watermark, timeZone),
      p.idle ? 'idle' : 'active',
    ]),
    windows: v.windows.map((w) => [
      label(w.start, w.end),
      STATE_WORDS[w.state],
      String(w.total),
      String(w.pending),
      String(w.panes),
      formatLocal(w.horizon, timeZone),
    ]),
    panes: v.panes.map((p) => [
      label(p.start, p.end),
      formatLocal(p.at, timeZone),
      p.timing,
      String(p.value),
      p.retracts === null ? '—' : String(p.retracts),
    ]),
    sink: v.sink.map((s) => [label(s.start, s.end), String(s.value), String(s.panes)]),
  };
}
