/**
 * Who draws the tokens canvas: the tokens worker, when the canvas can be handed over to it
 * (`transferControlToOffscreen`) and a worker starts, else the page itself. Either way `draw`
 * takes the latest frame; only the worker's way keeps the main thread free.
 */
import { jobColour, palette } from '../../palette.ts';
import type { Point } from '../pipeline.layout.ts';
import { spawnTokensWorker } from './spawn.ts';
import { drawTokens, flatPoints, TokenSprites, type TokenFrame } from './token-draw.ts';
import type { ToTokensWorker } from './tokens.worker.ts';

/** The in-flight records per job, in the picture's viewBox units. */
export type InFlight = readonly { job: string; points: readonly Point[] }[];
/** The picture's viewBox size, the canvas's CSS size and device pixels per CSS pixel. */
export type Sizes = Omit<TokenFrame, 'groups'>;

export interface TokenPainter {
  readonly where: 'worker' | 'page';
  draw(inFlight: InFlight, sizes: Sizes): void;
  dispose(): void;
}

function frameOf(inFlight: InFlight, sizes: Sizes): TokenFrame {
  return {
    ...sizes,
    groups: inFlight
      .filter((g) => g.points.length > 0)
      .map((g) => ({ colour: jobColour(g.job), points: flatPoints(g.points) })),
  };
}

function pagePainter(canvas: HTMLCanvasElement): TokenPainter | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const sprites = new TokenSprites(palette.record);
  return {
    where: 'page',
    draw: (inFlight, sizes) => drawTokens(canvas, ctx, frameOf(inFlight, sizes), sprites),
    dispose: () => {},
  };
}

function workerPainter(canvas: HTMLCanvasElement, onfail: () => void): TokenPainter | null {
  if (typeof canvas.transferControlToOffscreen !== 'function') return null;
  let worker: Worker | null;
  try {
    worker = spawnTokensWorker();
  } catch {
    return null;
  }
  if (!worker) return null;
  const offscreen = canvas.transferControlToOffscreen();
  const post = (message: ToTokensWorker, transfer: Transferable[]) =>
    worker.postMessage(message, transfer);
  post({ type: 'canvas', canvas: offscreen, record: palette.record }, [offscreen]);
  // The canvas is the worker's now: if the worker cannot run, the caller needs a new canvas.
  worker.onerror = () => onfail();
  // At most one frame posted per animation frame: the picture may change twice in one (the
  // playhead, then the big run's frame from the simulation worker), and only the last is seen.
  let latest: TokenFrame | null = null;
  let scheduled = 0;
  const flush = () => {
    scheduled = 0;
    const frame = latest;
    latest = null;
    if (frame)
      post(
        { type: 'frame', frame },
        frame.groups.map((g) => g.points.buffer),
      );
  };
  return {
    where: 'worker',
    draw: (inFlight, sizes) => {
      latest = frameOf(inFlight, sizes);
      if (!scheduled) scheduled = requestAnimationFrame(flush);
    },
    dispose: () => {
      cancelAnimationFrame(scheduled);
      worker.terminate();
    },
  };
}

/**
 * A painter for `canvas`: the worker's if it can have one, else the page's (null where there is
 * no 2D context, as in jsdom). `onfail` is called if the worker dies after taking the canvas.
 */
export function tokenPainter(canvas: HTMLCanvasElement, onfail: () => void): TokenPainter | null {
  return workerPainter(canvas, onfail) ?? pagePainter(canvas);
}

/** The page's painter only (after the worker failed). */
export function pageTokenPainter(canvas: HTMLCanvasElement): TokenPainter | null {
  return pagePainter(canvas);
}
