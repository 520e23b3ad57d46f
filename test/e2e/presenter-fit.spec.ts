/**
 * Presenter mode in the sandbox at a projector's 1366 × 768 (issue 11): for every Lambda and
 * Kappa scenario, at its end (most days, both Kappa jobs), the picture is laid out wide (never
 * the stacked phone layout), its serving layer's box lies wholly on the screen, and its text is
 * large (at least 16 px on screen, larger than outside presenter mode).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SCREENS, button, counter, pipelinePicture, position } from './support/pipeline-page.ts';

const SCENARIOS = readdirSync('scenarios')
  .filter((file) => file.endsWith('.json'))
  .filter(
    (file) => JSON.parse(readFileSync(`scenarios/${file}`, 'utf8')).architecture !== 'unified',
  )
  .map((file) => file.replace(/\.json$/, ''));

test('presenter mode at 1366×768: the picture wide, its serving layer on screen, large type, in every Lambda and Kappa scenario', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
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
      const scale = (svg as SVGSVGElement).getScreenCTM()?.a ?? 1;
      let smallest = Infinity;
      for (const t of Array.from(svg.querySelectorAll('text'))) {
        if (!t.textContent?.trim() || t.getBBox().width === 0) continue;
        smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
      }
      const serving = svg.querySelector('g.serving > rect')!.getBoundingClientRect();
      return {
        narrow: svg.classList.contains('narrow'),
        smallest,
        serving: {
          left: serving.left,
          top: serving.top,
          right: serving.right,
          bottom: serving.bottom,
        },
      };
    });
    if (seen.narrow) problems.push(`${file}: the picture is stacked`);
    if (seen.smallest < 16) problems.push(`${file}: text of ${seen.smallest} px`);
    const s = seen.serving;
    if (s.left < 0 || s.top < 0 || s.right > 1366 || s.bottom > 768)
      problems.push(`${file}: serving layer at ${JSON.stringify(s)}`);
  }
  expect(problems).toEqual([]);
  await page.screenshot({ path: `${SCREENS}/presenter-sandbox-end-1366x768.png` });
});
