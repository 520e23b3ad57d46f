/**
 * The compare lesson (Lambda and Kappa side by side) on a laptop or projector screen outside
 * presenter mode: at 1366 × 768 every step, before and after its reveal, shows the lesson's
 * narration, Next, both columns and the chart of served vs truth on the first screen, as the
 * other lessons do (it ran 260 px past the screen, the chart below it). The queries table may run
 * on below; on a taller screen the title, the columns' blurbs and the stage's sentence stay.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { SCREENS, offScreen, watch } from './support/pipeline-page.ts';

/** Every lesson whose picture is the compare view (`picture: compare` in its front matter). */
const COMPARE_LESSONS = readdirSync('src/lessons').filter(
  (name) =>
    /^\d\d-[a-z0-9-]+$/.test(name) &&
    /^picture:\s*compare\s*$/m.test(readFileSync(`src/lessons/${name}/lesson.md`, 'utf8')),
);

const stepOf = (page: Page) => page.getByRole('group', { name: 'Lesson steps' });
const narration = (page: Page) => page.getByRole('region', { name: 'Narration' });
const chart = (page: Page) => page.getByRole('region', { name: 'Served vs truth over time' });

test('at 1366×768 outside presenter mode every step of a compare lesson shows its narration, both columns and the chart on the first screen', async ({
  page,
}) => {
  test.setTimeout(120_000);
  expect(COMPARE_LESSONS.length, 'compare lessons').toBeGreaterThanOrEqual(1);
  const seen = watch(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const problems: string[] = [];
  for (const lesson of COMPARE_LESSONS) {
    await page.goto(`/#/lessons/${lesson}/1`);
    await expect(stepOf(page)).toContainText('Step 1 of');
    await expect(page.locator('main.lesson')).toHaveAttribute('data-engine', 'live');
    const total = Number(/of (\d+)/.exec(await stepOf(page).innerText())![1]);
    const check = async (where: string) => {
      await expect(chart(page)).toBeVisible();
      const out = await offScreen(
        [
          ['Next', page.getByRole('button', { name: 'Next', exact: true })],
          ['the narration', narration(page)],
          ['the Lambda column', page.getByRole('region', { name: 'Lambda', exact: true })],
          ['the Kappa column', page.getByRole('region', { name: 'Kappa', exact: true })],
          ['the chart', chart(page)],
        ],
        1366,
        768,
      );
      const scrolled = await page.evaluate(() => [scrollX, scrollY]);
      if (scrolled.some((s) => s !== 0)) out.push(`scrolled to ${scrolled}`);
      problems.push(...out.map((o) => `${where}: ${o}`));
    };
    /** Presses Next and waits for its effect: the address moves on, or the step's reveal. */
    const next = async () => {
      const before = await narration(page).innerText();
      const url = page.url();
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await expect
        .poll(async () => page.url() !== url || (await narration(page).innerText()) !== before)
        .toBe(true);
    };
    const at = (step: number) => page.url().endsWith(`/${lesson}/${step}`);
    for (let step = 1; step <= total; step++) {
      // A question step takes two presses (the reveal, then on). The question box loads on
      // demand, so the address, not the narration's words, says which press moved on: a press
      // that left the address is a reveal, checked too.
      for (let k = 0; k < 4 && !at(step); k++) {
        await next();
        if (!at(step)) await check(`${lesson} step ${step - 1} revealed`);
      }
      await expect(page).toHaveURL(new RegExp(`/${lesson}/${step}$`));
      await check(`${lesson} step ${step}`);
      if (step === 6) await page.screenshot({ path: `${SCREENS}/compare-lesson-1366x768.png` });
    }
    // The last step's reveal, if it asks (Next stays on until nothing is left to reveal).
    if (await page.getByRole('button', { name: 'Next', exact: true }).isEnabled()) {
      await next();
      await check(`${lesson} step ${total} revealed`);
    }
  }
  expect(problems).toEqual([]);

  // A taller screen keeps the whole stage: its title, the blurbs and the stage's sentence.
  await page.setViewportSize({ width: 1366, height: 1080 });
  await page.goto(`/#/lessons/${COMPARE_LESSONS[0]}/1`);
  await expect(page.getByRole('heading', { name: /on one timeline$/ })).toBeVisible();
  await expect(
    page.getByText('a batch layer recomputes from the log', { exact: false }),
  ).toBeVisible();
  expect(seen.errors).toEqual([]);
});
