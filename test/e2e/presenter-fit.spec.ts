/**
 * Presenter mode in the sandbox on a projector (issue 11): at 1366 × 768, and at 1366 × 657 (the
 * same projector with the browser's own bars), for every Lambda and Kappa scenario at its end
 * (most days, both Kappa jobs): the picture is laid out wide (never the stacked phone layout), its
 * serving layer's box and the time strip under it lie wholly on the screen, its text is at least
 * 16 px on screen, and no text of the page around it is under 13 px (issue 7's minimums).
 */
import { expect, test, type Page } from '@playwright/test';
import {
  SCREENS,
  button,
  counter,
  pipelinePicture,
  position,
  bundledScenarios,
} from './support/pipeline-page.ts';

const SCENARIOS = bundledScenarios('pipeline').map((s) => s.file);

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
const onScreen = (b: Box, width: number, height: number) =>
  b.left >= 0 && b.top >= 0 && b.right <= width && b.bottom <= height;

async function presenterProblems(page: Page, width: number, height: number): Promise<string[]> {
  await page.setViewportSize({ width, height });
  const problems: string[] = [];
  for (const file of SCENARIOS) {
    await page.goto(`/#/sandbox?s=${file}&step=0`);
    await expect(counter(page)).toHaveText(/^Step 0 of/);
    await button(page, 'Go to end').click();
    const { n } = await position(page);
    expect((await position(page)).i).toBe(n);
    if ((await page.evaluate(() => document.documentElement.dataset.presenter)) !== 'on')
      await page.keyboard.press('p');
    await expect(button(page, 'Exit presenter mode')).toBeVisible();
    const seen = await pipelinePicture(page).evaluate((svg) => {
      const box = (e: Element) => {
        const r = e.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      };
      const scale = (svg as SVGSVGElement).getScreenCTM()?.a ?? 1;
      let smallest = Infinity;
      for (const t of Array.from(svg.querySelectorAll('text'))) {
        if (!t.textContent?.trim() || t.getBBox().width === 0) continue;
        smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
      }
      // Text of the page on the first screen, outside the pictures (the controls, narration,
      // exit button): its own font size.
      let smallestAround = Infinity;
      for (const e of Array.from(document.querySelectorAll('button, label, p, span, strong'))) {
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.bottom <= 0 || r.top >= innerHeight || e.closest('svg')) continue;
        if (!e.textContent?.trim()) continue;
        smallestAround = Math.min(smallestAround, parseFloat(getComputedStyle(e).fontSize));
      }
      return {
        narrow: svg.classList.contains('narrow'),
        smallest,
        smallestAround,
        serving: box(svg.querySelector('g.serving > rect')!),
        strip: box(document.querySelector('svg[aria-label="Time strip"]')!),
      };
    });
    const where = `${width}×${height} ${file}`;
    if (seen.narrow) problems.push(`${where}: the picture is stacked`);
    if (seen.smallest < 16) problems.push(`${where}: picture text of ${seen.smallest} px`);
    if (seen.smallestAround < 13) problems.push(`${where}: page text of ${seen.smallestAround} px`);
    if (!onScreen(seen.serving, width, height))
      problems.push(`${where}: serving layer at ${JSON.stringify(seen.serving)}`);
    if (!onScreen(seen.strip, width, height))
      problems.push(`${where}: time strip at ${JSON.stringify(seen.strip)}`);
  }
  return problems;
}

test('presenter mode at 1366×768: the picture wide, its serving layer and time strip on screen, large type, in every Lambda and Kappa scenario', async ({
  page,
}) => {
  test.setTimeout(120_000);
  expect(await presenterProblems(page, 1366, 768)).toEqual([]);
  await page.screenshot({ path: `${SCREENS}/presenter-sandbox-end-1366x768.png` });
});

test('presenter mode at 1366×657 (a projector with browser bars): the same, the time strip still on screen', async ({
  page,
}) => {
  test.setTimeout(120_000);
  expect(await presenterProblems(page, 1366, 657)).toEqual([]);
  await page.screenshot({ path: `${SCREENS}/presenter-sandbox-end-1366x657.png` });
});
