/**
 * The first pages' JavaScript, as a browser loads it: until the page is idle, the lessons index
 * and the first lesson load no more gzipped JavaScript than `npm run budget` allows (the same
 * figures, counted from the requests instead of the build's manifest), and none of the parts
 * that load on demand; once idle, those parts are prefetched, so opening them downloads nothing.
 * Idle callbacks are held back until the test releases them (no waiting for time).
 */
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { loadLessons } from '../../src/lessons/build/lessons.plugin.ts';
import { BUDGET_KB, LESSON_BUDGET_KB } from '../../scripts/check-bundle-budget.ts';
import { closure } from './support/manifest.ts';
import { SCREENS, watch } from './support/pipeline-page.ts';

const loaded = loadLessons('src/lessons');
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const first = loaded.lessons[0];

/** Chunks that must not load before the page is idle. */
const ON_DEMAND = /\/assets\/(App|PresenterKit|UnifiedPicture|CompareView|EmbedLesson|dist)-/;

interface Loaded {
  scripts: Map<string, number>;
}

/** Holds idle callbacks until `releaseIdle`; records every script and its gzipped size. */
async function track(page: Page): Promise<Loaded> {
  await page.addInitScript(() => {
    const held: (() => void)[] = [];
    Object.assign(window, {
      requestIdleCallback: (callback: () => void) => held.push(callback),
      cancelIdleCallback: () => undefined,
      __releaseIdle: () => held.splice(0).forEach((callback) => callback()),
    });
  });
  const scripts = new Map<string, number>();
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (!url.pathname.endsWith('.js')) return;
    const body = await response.body().catch(() => null);
    if (body) scripts.set(url.pathname, gzipSync(body, { level: 9 }).length / 1024);
  });
  return { scripts };
}

const total = (l: Loaded) => [...l.scripts.values()].reduce((a, b) => a + b, 0);
const names = (l: Loaded) => [...l.scripts.keys()];
const releaseIdle = (page: Page) =>
  page.evaluate(() => (window as unknown as { __releaseIdle(): void }).__releaseIdle());

test('the lessons index loads at most its budget before idle, then prefetches the player', async ({
  page,
}) => {
  const seen = watch(page);
  const loaded = await track(page);
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Start the first lesson' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(total(loaded)).toBeLessThanOrEqual(BUDGET_KB);
  expect(names(loaded).filter((n) => /LessonPage-|run-size-/.test(n))).toEqual([]);
  await releaseIdle(page);
  await expect.poll(() => names(loaded).some((n) => n.includes('/LessonPage-'))).toBe(true);
  expect(seen.errors).toEqual([]);
});

test('the first lesson loads at most its budget before idle, plays, and its on-demand parts are prefetched', async ({
  page,
}) => {
  const seen = watch(page);
  const loaded = await track(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`/#/lessons/${first.id}/1`);
  const progress = page.getByText(/^\s*Step \d+ of \d+\s*$/).first();
  await expect(progress).toHaveText(new RegExp(`Step 1 of ${first.steps.length}`));
  const figure = page.locator('.lesson figure').first();
  await expect(figure).toBeVisible();
  await expect(page.getByRole('button', { name: 'QR code' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const beforeIdle = total(loaded);
  expect(beforeIdle).toBeLessThanOrEqual(LESSON_BUDGET_KB);
  expect(names(loaded).filter((n) => ON_DEMAND.test(n))).toEqual([]);
  // The engine (with XState) is not among them: the picture is the screen the lesson shipped.
  const page1 = new Set([
    ...closure('index.html'),
    ...closure('src/lessons/player/LessonPage.svelte'),
  ]);
  const engine = closure('src/lessons/player/lesson-live.ts').filter((f) => !page1.has(f));
  expect(engine.length).toBeGreaterThan(0);
  expect(names(loaded).filter((n) => engine.includes(n))).toEqual([]);
  await expect(page.locator('main.lesson')).toHaveAttribute('data-engine', 'shipped');
  await page.screenshot({ path: `${SCREENS}/first-lesson-step-1.png` });

  // It plays: Next moves the engine's run to step 2's cue and the picture follows.
  const before = await figure.evaluate((f) => f.outerHTML);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(progress).toHaveText(new RegExp(`Step 2 of ${first.steps.length}`));
  await expect.poll(() => figure.evaluate((f) => f.outerHTML)).not.toBe(before);

  // Idle: the presenter kit and the sandbox are fetched before anyone asks for them…
  await releaseIdle(page);
  // (The sandbox imports the presenter kit too, so its closure holds the kit's chunk.)
  const expected = closure('src/app/App.svelte');
  expect(expected.filter((f) => f.includes('/PresenterKit-'))).toHaveLength(1);
  await expect.poll(() => expected.filter((f) => !names(loaded).includes(f))).toEqual([]);
  const prefetched = names(loaded);
  // …so using them downloads no script (but the QR encoder, which the QR code loads on demand):
  // the QR code and presenter mode appear without waiting for the network.
  await page.getByRole('button', { name: 'QR code' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/first-lesson-qr.png` });
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page.getByRole('button', { name: 'Exit presenter mode' })).toBeVisible();
  await page.getByRole('button', { name: 'Exit presenter mode' }).click();
  const fetchedOnUse = names(loaded).filter((n) => !prefetched.includes(n));
  expect(fetchedOnUse.filter((n) => !/\/assets\/dist-/.test(n))).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.foreignRequests).toEqual([]);
});

test('a QR code asked for before the kit has loaded still opens', async ({ page }) => {
  await track(page); // idle held back: the kit loads only because of the click
  await page.goto(`/#/lessons/${first.id}/1`);
  await page.getByRole('button', { name: 'QR code' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
});
