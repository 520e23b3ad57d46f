/**
 * Where the plot's text labels sit so that no two overlap (D3 calculates, Svelte draws): the
 * watermark's tag, each pane's value and each record's value, in that order of importance, are
 * placed one by one at the first of a few spots around their mark (above right, right, below
 * right, then on the left, above, below, then a line further out) that overlaps no label already
 * placed and stays in the plot's visible area, preferring spots that cover no other mark. A label
 * with no free spot is left out: its mark stays, and its value is in the results table (a pane's)
 * or the Table view (a record's). Pure: text widths come from the caller's `measure`.
 */
import type { PlotLayout } from './plot.layout.ts';

/** How a label is set: a pane's value (bold), a record's value, the watermark's tag (italic). */
export type LabelStyle = 'value' | 'plain' | 'tag';

/** The width in px of `text` set at `FONT_PX` in `style`. */
export type Measure = (text: string, style: LabelStyle) => number;

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface LabelRequest {
  key: string;
  text: string;
  style: LabelStyle;
  /** The mark the label belongs to: its centre and radius (0 for a point). */
  x: number;
  y: number;
  r: number;
}

export interface PlacedLabel {
  /** Where the text is drawn: its anchor point on the baseline, and which end that is. */
  x: number;
  y: number;
  anchor: 'start' | 'end' | 'middle';
  box: Box;
}

/** The labels' type size (PlotMarks' CSS) and the box a line of it takes around its baseline. */
export const FONT_PX = 16;
const ASCENT = 15;
const DESCENT = 4;
const HEIGHT = ASCENT + DESCENT;
/** Room kept between two labels, and between a label and its mark. */
const GAP = 2;

/** A rough width for when nothing can measure text (no canvas): wide, so never too narrow. */
export const estimateWidth: Measure = (text, style) =>
  text.length * FONT_PX * (style === 'value' ? 0.7 : 0.64);

/**
 * Where a label `textWidth` px wide, centred under a tick at `at`, is drawn so that it stays whole
 * inside a picture `width` px wide (`margin` px kept at either edge): at the tick where it fits,
 * else moved in just enough.
 */
export function labelCentre(at: number, textWidth: number, width: number, margin = 2): number {
  const half = textWidth / 2;
  const lo = half + margin;
  const hi = width - half - margin;
  if (lo > hi) return width / 2;
  return Math.min(hi, Math.max(lo, at));
}

const overlaps = (a: Box, b: Box): boolean =>
  a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

const inside = (a: Box, area: Box): boolean =>
  a.x1 >= area.x1 && a.x2 <= area.x2 && a.y1 >= area.y1 && a.y2 <= area.y2;

function area(a: Box, b: Box): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The spots tried around a mark, best first: each a box of `w` and the text's anchor. */
function spots(q: LabelRequest, w: number): PlacedLabel[] {
  const { x, y } = q;
  const r = q.r + GAP;
  const out: PlacedLabel[] = [];
  const at = (left: number, top: number, anchor: PlacedLabel['anchor']): void => {
    const ax = anchor === 'start' ? left : anchor === 'end' ? left + w : left + w / 2;
    out.push({
      x: ax,
      y: top + ASCENT,
      anchor,
      box: { x1: left, y1: top, x2: left + w, y2: top + HEIGHT },
    });
  };
  for (const level of [0, 1, 2]) {
    const up = level * HEIGHT;
    at(x + r, y - 2 - HEIGHT - up, 'start'); // above right
    if (level === 0) at(x + r + 1, y - HEIGHT / 2, 'start'); // right
    at(x + r, y + 2 + up, 'start'); // below right
    at(x - r - w, y - 2 - HEIGHT - up, 'end'); // above left
    if (level === 0) at(x - r - 1 - w, y - HEIGHT / 2, 'end'); // left
    at(x - r - w, y + 2 + up, 'end'); // below left
    at(x - w / 2, y - r - HEIGHT - up, 'middle'); // above
    at(x - w / 2, y + r + up, 'middle'); // below
  }
  return out;
}

/** A grid of boxes by cell, so that a crowded plot is checked near each spot only. */
class Grid {
  private cells = new Map<string, Box[]>();
  constructor(private size = 64) {}
  private keys(b: Box): string[] {
    const out: string[] = [];
    for (let i = Math.floor(b.x1 / this.size); i <= Math.floor(b.x2 / this.size); i++)
      for (let j = Math.floor(b.y1 / this.size); j <= Math.floor(b.y2 / this.size); j++)
        out.push(`${i},${j}`);
    return out;
  }
  add(b: Box): void {
    for (const k of this.keys(b)) {
      const cell = this.cells.get(k);
      if (cell) cell.push(b);
      else this.cells.set(k, [b]);
    }
  }
  near(b: Box): Set<Box> {
    const out = new Set<Box>();
    for (const k of this.keys(b)) for (const o of this.cells.get(k) ?? []) out.add(o);
    return out;
  }
}

/**
 * Places `requests` in order (the first most important) in `visible`, around their marks, never
 * over an earlier label, covering as little of `marks` as it can. Returns each placed label by
 * key; a key missing from the result is left out: no spot was free, or its mark is out of sight
 * (zoomed or panned away, where its label would name nothing).
 */
export function placeLabels(
  requests: LabelRequest[],
  marks: Box[],
  visible: Box,
  measure: Measure,
): Map<string, PlacedLabel> {
  const placed = new Map<string, PlacedLabel>();
  const labels = new Grid();
  const dots = new Grid();
  for (const m of marks) if (overlaps(m, visible)) dots.add(m);
  for (const q of requests) {
    const w = measure(q.text, q.style);
    const options = spots(q, w);
    const own: Box = { x1: q.x - q.r, y1: q.y - q.r, x2: q.x + q.r, y2: q.y + q.r };
    if (!overlaps(own, visible)) continue;
    let best: PlacedLabel | null = null;
    let bestCover = Infinity;
    for (const spot of options) {
      const room: Box = {
        x1: spot.box.x1 - GAP,
        y1: spot.box.y1 - GAP / 2,
        x2: spot.box.x2 + GAP,
        y2: spot.box.y2 + GAP / 2,
      };
      if (!inside(spot.box, visible)) continue;
      let free = true;
      for (const other of labels.near(room)) if (overlaps(room, other)) free = false;
      if (!free) continue;
      let cover = 0;
      for (const dot of dots.near(spot.box)) if (dot !== own) cover += area(spot.box, dot);
      if (cover < bestCover) [best, bestCover] = [spot, cover];
      if (cover === 0) break;
    }
    if (!best) continue;
    placed.set(q.key, best);
    labels.add(best.box);
  }
  return placed;
}

/** Radii of the plot's marks (PlotMarks draws records at 9, panes at 7). */
export const RECORD_R = 9;
export const PANE_R = 7;

export interface PlotLabels {
  panes: Map<string, PlacedLabel>;
  records: Map<number, PlacedLabel>;
  watermark: PlacedLabel | null;
}

/**
 * The labels of a laid-out plot: the watermark's tag at its head, every pane's value, and (with
 * `showValues`) every record's value, placed by `placeLabels` in the area the plot shows (its
 * clip: the plot, a strip above it and a little to the right).
 */
export function plotLabels(layout: PlotLayout, showValues: boolean, measure: Measure): PlotLabels {
  const visible: Box = {
    x1: layout.left,
    y1: layout.top - 30,
    x2: layout.right + 16,
    y2: layout.bottom,
  };
  const marks: Box[] = [
    ...layout.records.map((r) => ({
      x1: r.x - RECORD_R,
      y1: r.y - RECORD_R * 1.2,
      x2: r.x + RECORD_R,
      y2: r.y + RECORD_R,
    })),
    ...layout.panes.map((p) => ({
      x1: p.cx - PANE_R * 1.2,
      y1: p.y - PANE_R * 1.2,
      x2: p.cx + PANE_R * 1.2,
      y2: p.y + PANE_R * 1.2,
    })),
  ];
  // The watermark's one tag first (at the line's head, where the eye follows it), then the panes.
  const head = layout.watermarkHead;
  const requests: LabelRequest[] = head
    ? [{ key: 'w', text: 'watermark', style: 'tag', x: head.x, y: head.y, r: 4 }]
    : [];
  for (const p of layout.panes)
    requests.push({ key: `p${p.key}`, text: p.label, style: 'value', x: p.cx, y: p.y, r: PANE_R });
  if (showValues)
    for (const r of layout.records)
      requests.push({
        key: `r${r.index}`,
        text: String(r.value),
        style: 'plain',
        x: r.x,
        y: r.y,
        r: RECORD_R,
      });
  const placed = placeLabels(requests, marks, visible, measure);
  const panes = new Map<string, PlacedLabel>();
  const records = new Map<number, PlacedLabel>();
  for (const p of layout.panes) {
    const at = placed.get(`p${p.key}`);
    if (at) panes.set(p.key, at);
  }
  for (const r of layout.records) {
    const at = placed.get(`r${r.index}`);
    if (at) records.set(r.index, at);
  }
  return { panes, records, watermark: placed.get('w') ?? null };
}
