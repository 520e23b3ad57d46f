/**
 * The tokens worker: draws the in-flight tokens on the picture's canvas layer, handed over as an
 * OffscreenCanvas, so that rasterising a thousand tokens a frame happens off the main thread
 * (issue 9: on the page it was the largest part of a frame's work at top speed).
 */
import { drawTokens, TokenSprites, type TokenFrame } from './token-draw.ts';

export type ToTokensWorker =
  | { type: 'canvas'; canvas: OffscreenCanvas; record: string }
  | { type: 'frame'; frame: TokenFrame };

let target: { canvas: OffscreenCanvas; ctx: OffscreenCanvasRenderingContext2D } | null = null;
let sprites: TokenSprites | null = null;
/** Only the latest frame is drawn: frames that arrive while one is drawn replace each other. */
let waiting: TokenFrame | null = null;
let scheduled = false;

function draw(): void {
  scheduled = false;
  const frame = waiting;
  waiting = null;
  if (!frame || !target || !sprites) return;
  drawTokens(target.canvas, target.ctx, frame, sprites);
}

self.onmessage = (event: MessageEvent<ToTokensWorker>) => {
  const message = event.data;
  if (message.type === 'canvas') {
    const ctx = message.canvas.getContext('2d');
    if (ctx) target = { canvas: message.canvas, ctx };
    sprites = new TokenSprites(message.record);
    return;
  }
  waiting = message.frame;
  if (!scheduled) {
    scheduled = true;
    setTimeout(draw, 0);
  }
};
