/**
 * Drawing the in-flight tokens on a 2D canvas, the same on the page and in the tokens worker:
 * each token is one small bitmap (a dot in the record colour ringed in the job's colour) drawn
 * once per colour and scale, then copied to every position at whole device pixels. Pure of the
 * DOM: it needs only a 2D context and `OffscreenCanvas` (or a canvas factory on the page).
 */

/** What one frame of tokens needs: positions in the picture's viewBox units, by job colour. */
export interface TokenFrame {
  /** The picture's viewBox size. */
  width: number;
  height: number;
  /** The canvas's size in CSS pixels, and device pixels per CSS pixel. */
  cssWidth: number;
  cssHeight: number;
  ratio: number;
  /** Per job: its colour and x, y pairs. */
  groups: { colour: string; points: Float32Array }[];
}

/** Outer radius of a token (job colour) and inner (record colour), in viewBox units. */
export const RING = 5;
export const DOT = 3.25;

type Context = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
type Bitmap = ImageBitmap | HTMLCanvasElement;

/** Flattens points to x, y pairs (what is posted to the worker). */
export function flatPoints(points: readonly { x: number; y: number }[]): Float32Array {
  const out = new Float32Array(points.length * 2);
  points.forEach((p, i) => {
    out[2 * i] = p.x;
    out[2 * i + 1] = p.y;
  });
  return out;
}

/** Bitmaps of one token per colour and scale, made on first use. */
export class TokenSprites {
  // A plain cache of bitmaps (no reactivity: this module also runs in a worker).
  #cache = new Map<string, Bitmap>();
  constructor(private readonly record: string) {}

  get(colour: string, scale: number): Bitmap {
    const key = `${colour}|${scale}`;
    const known = this.#cache.get(key);
    if (known) return known;
    const size = Math.ceil(2 * RING * scale) + 2;
    // An ImageBitmap where there is one: drawing a canvas element copies its pixels every time.
    const offscreen = typeof OffscreenCanvas === 'function';
    const out = offscreen ? new OffscreenCanvas(size, size) : document.createElement('canvas');
    out.width = size;
    out.height = size;
    const ctx = out.getContext('2d') as Context | null;
    if (ctx) {
      const c = size / 2;
      for (const [fill, radius] of [
        [colour, RING],
        [this.record, DOT],
      ] as const) {
        ctx.fillStyle = fill;
        ctx.beginPath();
        ctx.arc(c, c, radius * scale, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    const bitmap = offscreen
      ? (out as OffscreenCanvas).transferToImageBitmap()
      : (out as HTMLCanvasElement);
    this.#cache.set(key, bitmap);
    return bitmap;
  }
}

/** Clears the canvas (sized to the frame) and draws every token of `frame`. */
export function drawTokens(
  canvas: { width: number; height: number },
  ctx: Context,
  frame: TokenFrame,
  sprites: TokenSprites,
): void {
  const deviceWidth = Math.round(frame.cssWidth * frame.ratio);
  const deviceHeight = Math.round(frame.cssHeight * frame.ratio);
  if (canvas.width !== deviceWidth) canvas.width = deviceWidth;
  if (canvas.height !== deviceHeight) canvas.height = deviceHeight;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const sx = (frame.ratio * frame.cssWidth) / frame.width;
  const sy = (frame.ratio * frame.cssHeight) / frame.height;
  for (const group of frame.groups) {
    if (group.points.length === 0) continue;
    const image = sprites.get(group.colour, sx);
    const half = image.width / 2;
    const p = group.points;
    for (let i = 0; i + 1 < p.length; i += 2) {
      ctx.drawImage(image, Math.round(p[i] * sx - half), Math.round(p[i + 1] * sy - half));
    }
  }
}
