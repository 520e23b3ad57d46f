/**
 * The unified plot's labels never overlap (issue 10's leftover): at every step of every bundled
 * unified scenario and of every scenario of the unified lessons, at 1366 × 768 and on a 390 × 844
 * phone, no two text boxes of the plot (pane values, record values, the watermark's tag, the axes)
 * overlap where they show; every pane whose value is not written beside it has its mark and its
 * value in the results table; and at 1366 × 768 no label is left out at all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  SCREENS,
  button,
  counter,
  scenarioJson,
  simulate,
  timeline,
  watch,
} from './support/pipeline-page.ts';
import { labelProblems, plot } from './support/plot-labels.ts';

/** Every unified scenario the app bundles or a unified lesson runs: its name and text. */
const RUNS = [
  ...readdirSync('scenarios').map((file) => ({
    name: file,
    text: readFileSync(`scenarios/${file}`, 'utf8'),
  })),
  ...readdirSync('src/lessons')
    .filter((dir) => /^\d\d-/.test(dir))
    .flatMap((dir) =>
      readdirSync(`src/lessons/${dir}`)
        .filter((file) => file.endsWith('.json'))
        .map((file) => ({
          name: `${dir}/${file}`,
          text: readFileSync(`src/lessons/${dir}/${file}`, 'utf8'),
        })),
    ),
].filter(({ text }) => JSON.parse(text).architecture === 'unified');

async function everyStep(page: Page, width: number, height: number): Promise<string[]> {
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const problems: string[] = [];
  for (const { name, text } of RUNS) {
    await page.goto('/#/sandbox');
    await scenarioJson(page).fill(text);
    await button(page, 'Run scenario').click();
    const n = simulate(text).stepCount;
    await expect(counter(page)).toHaveText(`Step 0 of ${n}`);
    for (let at = 0; at <= n; at++) {
      await timeline(page).fill(String(at));
      await expect(counter(page)).toHaveText(`Step ${at} of ${n}`);
      problems.push(
        ...(await labelProblems(page, width >= 1000)).map((c) => `${name} step ${at}: ${c}`),
      );
    }
  }
  return problems;
}

test('at 1366×768 no two labels of the plot overlap, at any step of any unified scenario or lesson', async ({
  page,
}) => {
  test.setTimeout(300_000); // about 20 runs, every step, on a small shared machine
  expect(RUNS.length, 'unified runs').toBeGreaterThanOrEqual(19);
  const seen = watch(page);
  const problems = await everyStep(page, 1366, 768);
  await plot(page).screenshot({ path: `${SCREENS}/unified-labels-1366x768.png` });
  expect(problems).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('on a 390×844 phone no two labels of the plot overlap, at any step of any unified scenario or lesson', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const seen = watch(page);
  const problems = await everyStep(page, 390, 844);
  await plot(page).screenshot({ path: `${SCREENS}/unified-labels-390x844.png` });
  expect(problems).toEqual([]);
  expect(seen.errors).toEqual([]);
});
