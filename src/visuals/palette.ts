/**
 * Colours of the picture: the Okabe–Ito palette (safe for the common colour-vision deficiencies).
 * Every state also has its own shape, so colour is never the only cue. Fills carry the hue; the
 * dark outlines and the `*Text` variants carry the contrast (≥ 3:1 for marks, ≥ 4.5:1 for text on
 * white; checked in test/unit/visuals.layout.test.ts).
 */
export const palette = {
  ink: '#1b1f24',
  muted: '#4a5260',
  line: '#8a94a3',
  surface: '#f4f6f8',
  page: '#ffffff',
  /** Records, and the in-flight tokens. */
  record: '#56b4e9',
  /** Batch layer (and Kappa's first table). */
  batch: '#0072b2',
  /** Speed layer. */
  speed: '#009e73',
  speedText: '#00694d',
  /** Duplicate copies and losses. */
  duplicate: '#d55e00',
  duplicateText: '#a34700',
  /** Counted again. */
  again: '#cc79a7',
  againText: '#8f3f6d',
  /** Late or out of order. */
  late: '#e69f00',
  lateText: '#8a5f00',
  deleted: '#9aa3ad',
  crashed: '#6b7280',
} as const;

/** Colour of a streaming job by its name: speed, v1, v2, v3… */
export function jobColour(name: string): string {
  if (name === 'speed') return palette.speed;
  const n = Number(name.replace(/^v/, ''));
  const cycle = [palette.batch, palette.speed, palette.again, palette.late];
  return Number.isFinite(n) && n >= 1 ? cycle[(n - 1) % cycle.length] : palette.batch;
}

/** Text colour (≥ 4.5:1 on white) matching `jobColour`. */
export function jobTextColour(name: string): string {
  const fill = jobColour(name);
  if (fill === palette.speed) return palette.speedText;
  if (fill === palette.again) return palette.againText;
  if (fill === palette.late) return palette.lateText;
  return palette.batch;
}
