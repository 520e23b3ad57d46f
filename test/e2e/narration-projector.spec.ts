/**
 * The narration on a projector (issue 7): at 1366 × 768, outside presenter mode, every narration
 * of every bundled Lambda and Kappa scenario is read whole without scrolling its box, and no
 * "More below" sign covers any of it. Measured at the steps with the longest narrations (found
 * by running the engine here, in the plain words the page shows), plus the step before the first.
 * The box keeps one height through the run (the picture and served vs truth stay where they are;
 * readability.spec.ts checks both are on the first screen).
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { plainWords } from '../../src/app/format.ts';
import {
  SCREENS,
  counter,
  parseOrFail,
  simulate,
  timeline,
  bundledScenarios,
} from './support/pipeline-page.ts';

const SCENARIOS = bundledScenarios('pipeline');

/** How many of a run's longest narrations are visited (wrapping is not only a matter of length). */
const VISIT = 6;

/** Steps (1-based positions) with the run's longest narrations, longest first. */
function longestSteps(text: string): number[] {
  const { timeZone } = parseOrFail(text);
  const run = simulate(text);
  const steps: { at: number; length: number }[] = [];
  for (let i = 0; i < run.stepCount; i++)
    steps.push({ at: i + 1, length: plainWords(run.stepInfo(i).description, timeZone).length });
  return steps
    .sort((a, b) => b.length - a.length)
    .slice(0, VISIT)
    .map((s) => s.at);
}

/** The narration box: text past its visible height, the sign, and the picture's and box's place. */
const measure = (page: Page) =>
  page.evaluate(() => {
    const box = document.querySelector('[role="status"][aria-label="Current step"]')!;
    const frame = box.getBoundingClientRect();
    const picture = document.querySelector('section.area-picture')!.getBoundingClientRect();
    return {
      hidden: box.scrollHeight - box.clientHeight,
      sign: box.querySelector('.more') !== null,
      below: box.querySelector('.narration')!.getBoundingClientRect().bottom - frame.bottom,
      box: [frame.x, frame.y, frame.width, frame.height].map(Math.round).join(','),
      picture: [picture.x, picture.y].map(Math.round).join(','),
    };
  });

test('at 1366×768 every narration of every bundled Lambda and Kappa scenario shows whole, with no sign over it, and the box keeps its size', async ({
  page,
}) => {
  test.setTimeout(240_000); // 20 scenarios, seven moments each, on a small shared machine
  expect(SCENARIOS.length, 'bundled Lambda and Kappa scenarios').toBeGreaterThan(15);
  await page.setViewportSize({ width: 1366, height: 768 });
  const problems: string[] = [];
  for (const { file, text } of SCENARIOS) {
    const n = simulate(text).stepCount;
    await page.goto(`/#/sandbox?s=${file}&step=0`);
    await expect(counter(page)).toHaveText(`Step 0 of ${n}`);
    const start = await measure(page);
    for (const at of [0, ...longestSteps(text)]) {
      await timeline(page).fill(String(at));
      await expect(counter(page)).toHaveText(`Step ${at} of ${n}`);
      const now = await measure(page);
      if (now.hidden > 1 || now.below > 1)
        problems.push(`${file} step ${at}: ${Math.max(now.hidden, now.below)} px to scroll`);
      if (now.sign) problems.push(`${file} step ${at}: "More below" is shown`);
      if (now.box !== start.box) problems.push(`${file} step ${at}: box ${start.box} → ${now.box}`);
      if (now.picture !== start.picture)
        problems.push(`${file} step ${at}: picture ${start.picture} → ${now.picture}`);
    }
  }
  expect(problems).toEqual([]);
  for (const [file, at] of [
    ['01-yesterday-vs-today', 12],
    ['01-yesterday-vs-today', 37],
    ['01-yesterday-vs-today', 49],
    ['14-kappa-retention-limits-replay', 19],
  ] as const) {
    await page.goto(`/#/sandbox?s=${file}&step=${at}`);
    await expect(counter(page)).toHaveText(new RegExp(`^Step ${at} of`));
    await page.screenshot({ path: `${SCREENS}/narration-projector-${file}-${at}.png` });
  }
});

test('at 1366×768 a narration too long for the box (a learner’s own scenario) scrolls inside it, with "More below" until its end, and the picture stays put', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const user = Array.from({ length: 40 }, (_, i) => `very-long-user-name-${i}`).join('-');
  const scenario = JSON.parse(readFileSync('scenarios/12-kappa-basics.json', 'utf8'));
  scenario.events[0].user = user;
  await page.goto('/#/sandbox?s=12-kappa-basics&step=0');
  await expect(counter(page)).toHaveText(/^Step 0 of/);
  const before = await measure(page);
  await page.getByRole('textbox', { name: 'Scenario JSON' }).fill(JSON.stringify(scenario));
  await page.getByRole('button', { name: 'Run scenario' }).click();
  await timeline(page).fill('1');
  await expect(page.getByRole('status', { name: 'Current step' })).toContainText(user);
  const now = await measure(page);
  expect(now.hidden, 'the narration runs past the box').toBeGreaterThan(20);
  expect(now.sign, '"More below" says so').toBe(true);
  expect(now.picture, 'the picture stays where it was').toBe(before.picture);
  const box = page.getByRole('status', { name: 'Current step' });
  expect((await box.boundingBox())!.height, 'the box is at most 13rem high').toBeLessThanOrEqual(
    13 * 16 + 1,
  );
  await box.evaluate((element) => (element.scrollTop = element.scrollHeight));
  await expect(box.locator('.more')).toHaveCount(0);
  const end = await measure(page);
  expect(end.below, 'scrolled to its end, the last line shows').toBeLessThanOrEqual(1);
});
