/**
 * Many records in flight move on a canvas layer over the picture, drawn by the tokens worker
 * (issue 9): the tokens are really on screen, where the engine says they are in flight, and the
 * picture saved as a PNG includes them.
 */
import { expect, test, type Page } from '@playwright/test';
import { button, counter, scenarioJson, simulate, timeline } from './support/pipeline-page.ts';

async function seekTo(page: Page, i: number): Promise<void> {
  await timeline(page).fill(String(i));
  await expect(counter(page)).toHaveText(new RegExp(`^\\s*Step ${i} of`));
}

/** 400 signups within a minute, each processed 30 minutes after it is read. */
const SCENARIO = JSON.stringify({
  name: 'Dense tokens',
  seed: 7,
  architecture: 'kappa',
  timeZone: 'UTC',
  start: '2026-11-23T10:00:00Z',
  end: '2026-11-23T11:00:00Z',
  generate: { count: 400, from: '2026-11-23T10:00:00Z', to: '2026-11-23T10:01:00Z' },
  kappa: { processingTime: '30m', commitEvery: '1m' },
});

/** Pixels of the canvas layer in the record colour (#56b4e9), read back through a copy. */
const tokenPixels = (page: Page) =>
  page.locator('canvas.tokens-canvas').evaluate((layer: HTMLCanvasElement) => {
    const copy = document.createElement('canvas');
    copy.width = layer.width || layer.clientWidth;
    copy.height = layer.height || layer.clientHeight;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(layer, 0, 0, copy.width, copy.height);
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if (Math.abs(r - 0x56) < 8 && Math.abs(g - 0xb4) < 8 && Math.abs(b - 0xe9) < 8) n++;
    }
    return n;
  });

test('hundreds of records in flight are drawn on the canvas layer by the tokens worker', async ({
  page,
}) => {
  await page.goto('/#/sandbox');
  await scenarioJson(page).fill(SCENARIO);
  await button(page, 'Run scenario').click();
  const sim = simulate(SCENARIO);
  const busiest = Array.from({ length: sim.stepCount }, (_, i) => i + 1).reduce(
    (best, step) => {
      const n = sim.view(step - 1).jobs.reduce((sum, job) => sum + job.inFlight.length, 0);
      return n > best.n ? { step, n } : best;
    },
    { step: 0, n: -1 },
  );
  expect(busiest.n).toBeGreaterThan(150);
  await seekTo(page, busiest.step);

  const layer = page.locator('canvas.tokens-canvas');
  await expect(layer).toHaveAttribute('data-token-count', String(busiest.n));
  await expect(layer).toHaveAttribute('data-drawn-by', 'worker');
  // Drawn (asynchronously, by the worker). Tokens on their way overlap, so only "more than a
  // couple of tokens' worth" of record-coloured pixels (a token's dot is about 33 px).
  await expect.poll(() => tokenPixels(page)).toBeGreaterThan(100);

  // Back to no records in flight: the layer is removed with its worker.
  await seekTo(page, 0);
  await expect(layer).toHaveCount(0);
});
