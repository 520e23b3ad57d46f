/**
 * The playback rate in steps per second, on a doubling (log) scale: the Speed slider's value is
 * log2 of the rate, so every notch doubles or halves it (RaftScope PR #14: a linear or cubic
 * speed slider felt unresponsive at one end and jumpy at the other).
 */

export const MIN_RATE = 0.25;
/**
 * 2^14 steps a second: a 600,000-step run plays in under 40 s. Above about 60 steps a second a
 * frame shows the position it has reached, skipping the steps in between (`advance`), so the
 * page's work per frame does not grow with the rate.
 */
export const MAX_RATE = 16_384;
/** One step a second: slow enough to read the narration while playing. */
export const DEFAULT_RATE = 1;

/** Slider bounds: log2 of the slowest and fastest rates. */
export const SPEED_SLIDER_MIN = Math.log2(MIN_RATE);
export const SPEED_SLIDER_MAX = Math.log2(MAX_RATE);

export function clampRate(rate: number): number {
  if (!Number.isFinite(rate)) return DEFAULT_RATE;
  return Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
}

export function rateFromSlider(value: number): number {
  return clampRate(2 ** value);
}

export function sliderFromRate(rate: number): number {
  return Math.log2(clampRate(rate));
}

/** The next notch up (+1) or down (−1) from `rate`. */
export function nudgeRate(rate: number, direction: 1 | -1): number {
  return rateFromSlider(Math.round(sliderFromRate(rate)) + direction);
}

/** "4 steps/s", "1 step/s", "0.25 steps/s", "16,384 steps/s". */
export function formatRate(rate: number): string {
  const shown = Number(rate.toFixed(2));
  return `${shown.toLocaleString('en-US')} ${shown === 1 ? 'step' : 'steps'}/s`;
}

/** What links and embeds accept for `speed` (old links, 0.25 to 64, stay readable). */
export function isLinkRate(value: number): boolean {
  return Number.isFinite(value) && value >= MIN_RATE && value <= MAX_RATE;
}

/** The message for a `speed` a link or embed cannot use. */
export function linkRateProblem(text: string): string {
  return `"speed" must be ${MIN_RATE} to ${MAX_RATE} steps per second, got "${text}"`;
}
