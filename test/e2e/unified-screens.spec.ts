/**
 * The unified lessons and sandbox on the screens a class uses (issue 10's leftovers): outside
 * presenter mode at 1366 × 768 every step of lessons 11–13 (before and after its reveal) shows its
 * narration, the plot and the sink's results table whole on the first screen, as the other lessons
 * do; in presenter mode at 1366 × 657 (the projector with the browser's bars) a unified sandbox
 * run and every step of lessons 11–13 show the plot, the results and the narration whole on the
 * screen, with no text under 13 px (the picture's own text 16 px and up).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { SCREENS, counter, offScreen, simulate, timeline, watch } from './support/pipeline-page.ts';
import { labelProblems } from './support/plot-labels.ts';

const UNIFIED_LESSONS = readdirSync('src/lessons').filter((name) => {
  if (!/^\d\d-[a-z0-9-]+$/.test(name)) return false;
  const scenario = JSON.parse(readFileSync(`src/lessons/${name}/scenario.json`, 'utf8'));
  return scenario.architecture === 'unified';
});

const stepOf = (page: Page) => page.getByRole('group', { name: 'Lesson steps' });
const plot = (page: Page) =>
  page.getByRole('img', { name: /^Event time across, processing time up/ });
const results = (page: Page) => page.getByRole('table', { name: 'Results at the sink' });

/** Text on screen under 13 px (the page's) or under 16 px (the picture's SVG text). */
async function smallText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const el = node.parentElement;
      if (!text || !el || el.closest('.visually-hidden, [aria-hidden="true"]')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      if (r.width < 2 || r.height < 2 || r.bottom <= 0 || r.top >= innerHeight) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      const svg = el instanceof SVGElement ? el.ownerSVGElement : null;
      const px = parseFloat(getComputedStyle(el).fontSize) * (svg?.getScreenCTM()?.a ?? 1);
      const least = el.closest('[data-testid="unified-picture"] svg') ? 16 : 13;
      if (px < least - 0.05) out.push(`"${text.slice(0, 30)}" ${px.toFixed(1)} px`);
    }
    return out;
  });
}

/** Presenter mode on (it stays on across the hash links of one page). */
async function presenterOn(page: Page): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.dataset.presenter)) !== 'on')
    await page.keyboard.press('p');
  await expect(page.getByRole('button', { name: 'Exit presenter mode' })).toBeVisible();
}

/**
 * Every step of a lesson, in presenter mode (PageDown) or not (Next): `check` runs at each step,
 * and on a question step again after the reveal. Returns what `check` found.
 */
async function everyStep(
  page: Page,
  lesson: string,
  presenting: boolean,
  check: (where: string) => Promise<string[]>,
): Promise<string[]> {
  const narration = page.getByRole('region', { name: 'Narration' });
  await page.goto(`/#/lessons/${lesson}/1`);
  await expect(stepOf(page)).toContainText('Step 1 of');
  if (presenting) await presenterOn(page);
  const total = Number(/of (\d+)/.exec(await stepOf(page).innerText())![1]);
  const found: string[] = [];
  const press = async () => {
    const before = await narration.innerText();
    const url = page.url();
    if (presenting) await page.keyboard.press('PageDown');
    else await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect
      .poll(async () => page.url() !== url || (await narration.innerText()) !== before)
      .toBe(true);
  };
  const at = (step: number) => page.url().endsWith(`/${lesson}/${step}`);
  for (let step = 1; step <= total; step++) {
    // A question step takes two presses (the reveal, then on). The question box loads on demand,
    // so the address, not the narration's words, says which press moved on: a press that left
    // the address is a reveal, checked too.
    for (let k = 0; k < 4 && !at(step); k++) {
      await press();
      if (!at(step)) found.push(...(await check(`${lesson} step ${step - 1} revealed`)));
    }
    await expect(page).toHaveURL(new RegExp(`/${lesson}/${step}$`));
    await expect(plot(page)).toBeVisible();
    found.push(...(await check(`${lesson} step ${step}`)));
  }
  // The last step's reveal, if it asks (Next stays on until nothing is left to reveal).
  if (await page.getByRole('button', { name: 'Next', exact: true }).isEnabled()) {
    await press();
    found.push(...(await check(`${lesson} step ${total} revealed`)));
  }
  return found;
}

test('outside presenter mode at 1366×768 every step of the unified lessons shows its narration, the plot and the results table on the first screen', async ({
  page,
}) => {
  test.setTimeout(120_000);
  expect(UNIFIED_LESSONS.length, 'unified lessons').toBeGreaterThanOrEqual(3);
  const seen = watch(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const problems: string[] = [];
  for (const lesson of UNIFIED_LESSONS) {
    problems.push(
      ...(await everyStep(page, lesson, false, async (where) => {
        const out = await offScreen(
          [
            ['Next', page.getByRole('button', { name: 'Next', exact: true })],
            ['the narration', page.getByRole('region', { name: 'Narration' })],
            ['the picture', page.getByRole('figure', { name: 'Unified pipeline picture' })],
            ['the plot', plot(page)],
            ['the results table', results(page)],
          ],
          1366,
          768,
        );
        const scrolled = await page.evaluate(() => [scrollX, scrollY]);
        if (scrolled.some((s) => s !== 0)) out.push(`scrolled to ${scrolled}`);
        // The takeaways follow the last step below the fold; until then the page is one screen.
        const last = await page.getByRole('heading', { name: 'What to take away' }).count();
        const high = await page.evaluate(() => document.documentElement.scrollHeight);
        if (!last && high > 768) out.push(`the page is ${high} px high`);
        // The plot beside the results is narrower than the sandbox's: its labels still all show,
        // apart.
        out.push(...(await labelProblems(page, true)));
        if (where.includes('13-') && where.endsWith('step 5'))
          await page.screenshot({ path: `${SCREENS}/unified-lesson-13-step-5-1366x768.png` });
        return out.map((o) => `${where}: ${o}`);
      })),
    );
  }
  expect(problems).toEqual([]);
  expect(seen.errors).toEqual([]);
});

/** What a presenter at 1366 × 657 must see of a unified picture, and the text's size. */
async function presenterMisfits(page: Page, narration: Locator, where: string): Promise<string[]> {
  const out = await offScreen(
    [
      ['the narration', narration],
      ['the plot', plot(page)],
      ['the results table', results(page)],
    ],
    1366,
    657,
  );
  const hidden = await narration.evaluate((el) => el.scrollHeight - el.clientHeight);
  if (hidden > 1) out.push(`${hidden} px of the narration are cut off`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > 1366) out.push(`the page is ${wide} px wide`);
  out.push(...(await smallText(page)).map((s) => `text under its size: ${s}`));
  out.push(...(await labelProblems(page, false)));
  return out.map((o) => `${where}: ${o}`);
}

test('presenter mode at 1366×657: a unified sandbox run shows the plot, the results and the whole narration, text 13 px and up', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  await page.setViewportSize({ width: 1366, height: 657 });
  const problems: string[] = [];
  for (const file of [
    '28-streaming-systems-fig-2-11-early-late-heuristic',
    '31-streaming-systems-table-2-1-retracting',
  ]) {
    const n = simulate(readFileSync(`scenarios/${file}.json`, 'utf8')).stepCount;
    await page.goto(`/#/sandbox?s=${file}&step=0`);
    await expect(counter(page)).toHaveText(`Step 0 of ${n}`);
    await presenterOn(page);
    for (const at of [0, Math.round(n / 2), n]) {
      await timeline(page).fill(String(at));
      await expect(counter(page)).toHaveText(`Step ${at} of ${n}`);
      const narration = page.getByRole('status', { name: 'Current step' });
      problems.push(...(await presenterMisfits(page, narration, `${file} step ${at}`)));
    }
    await page.screenshot({
      path: `${SCREENS}/unified-presenter-${file.slice(0, 2)}-1366x657.png`,
    });
  }
  expect(problems).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('presenter mode at 1366×657: every step of the unified lessons shows the plot, the results and the whole narration, text 13 px and up', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  await page.setViewportSize({ width: 1366, height: 657 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const narration = page.getByRole('region', { name: 'Narration' });
  const problems: string[] = [];
  for (const lesson of UNIFIED_LESSONS) {
    problems.push(
      ...(await everyStep(page, lesson, true, (where) => presenterMisfits(page, narration, where))),
    );
    await page.screenshot({
      path: `${SCREENS}/unified-presenter-lesson-${lesson.slice(0, 2)}.png`,
    });
  }
  expect(problems).toEqual([]);
  expect(seen.errors).toEqual([]);
});
