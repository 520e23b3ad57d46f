/**
 * The serving layer while playing fast (issue 7, audit): "Mon 23 Nov" was once seen over
 * "truth …" while a run played at top speed. Steps seen one by one are checked elsewhere
 * (picture-limits.spec.ts); here the run plays from its start at 16, 64 (about a step a frame),
 * 256 steps a second and the Speed slider's maximum (16,384: the whole run in a frame or two),
 * and every animation frame until the end is sampled: no text or bar of a day's row in the serving layer overlaps
 * another, in a Lambda and a Kappa scenario (Kappa with a replay: two jobs, the served table
 * switching), at a projector's 1366 × 768 and a phone's 390 × 844.
 */
import { expect, test, type Page } from '@playwright/test';
import { SCREENS, button, counter, speed, timeline } from './support/pipeline-page.ts';

/** Samples every frame while the run plays to its end: overlapping serving-layer boxes. */
function overlapsWhilePlaying(page: Page): Promise<{ problems: string[]; frames: number }> {
  return page.evaluate(async () => {
    const slider = document.getElementById('timeline') as HTMLInputElement;
    const problems = new Set<string>();
    let frames = 0;
    const started = performance.now();
    let atEnd = false;
    while (!atEnd && performance.now() - started < 60_000) {
      atEnd = Number(slider.value) >= Number(slider.max);
      await new Promise((done) => requestAnimationFrame(done));
      frames++;
      const serving = document.querySelector(
        'svg[aria-label="Pipeline picture"] g.serving[aria-label="Serving layer"]',
      );
      if (!serving) continue;
      const items = [
        ...Array.from(serving.querySelectorAll('text'))
          .filter((t) => t.textContent?.trim())
          .map((t) => ({ what: `"${t.textContent!.trim()}"`, box: t.getBoundingClientRect() })),
        ...Array.from(serving.querySelectorAll(':scope > g[role=group] > rect')).map((r) => ({
          what: 'a bar',
          box: r.getBoundingClientRect(),
        })),
      ].filter(({ box }) => box.width > 0 && box.height > 0);
      for (let a = 0; a < items.length; a++)
        for (let b = a + 1; b < items.length; b++) {
          const [p, q] = [items[a].box, items[b].box];
          if (items[a].what === 'a bar' && items[b].what === 'a bar') continue; // one stacked bar
          // The rule of the picture's other text checks: more than a hair across, more than a
          // glyph's empty top or bottom edge up and down.
          if (
            Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 &&
            Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 3
          )
            problems.add(`step ${slider.value}: ${items[a].what} overlaps ${items[b].what}`);
        }
    }
    return { problems: [...problems], frames };
  });
}

for (const { width, height } of [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]) {
  for (const file of ['01-yesterday-vs-today', '13-kappa-deploy-and-replay']) {
    test(`at ${width}×${height}, ${file} played fast up to top speed: no text of the serving layer overlaps another in any frame`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width, height });
      await page.goto(`/#/sandbox?s=${file}&step=0`);
      await expect(counter(page)).toHaveText(/^Step 0 of/);
      const rate = speed(page);
      const problems: string[] = [];
      let frames = 0;
      for (const value of ['4', '6', '8', (await rate.getAttribute('max'))!]) {
        await timeline(page).fill('0');
        await expect(counter(page)).toHaveText(/^Step 0 of/);
        await rate.fill(value);
        await button(page, 'Play').click();
        const seen = await overlapsWhilePlaying(page);
        problems.push(...seen.problems.map((p) => `at 2^${value} steps/s, ${p}`));
        frames += seen.frames;
        await expect(counter(page)).toHaveText(/^Step (\d+) of \1$/);
      }
      expect(frames, 'frames sampled').toBeGreaterThan(30);
      expect(problems).toEqual([]);
      await page.screenshot({ path: `${SCREENS}/serving-top-speed-${file}-${width}.png` });
    });
  }
}
