/**
 * The first lesson draws its first step from the screen it shipped with (computed by the engine
 * at build time) before the engine's chunks have loaded, and the live engine then takes over
 * with no change on screen. The engine's chunks (what `lesson-live.ts` loads beyond the first
 * page, read from Vite's manifest) are held back by the test until it releases them: no waiting
 * for time.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadLessons } from '../../src/lessons/build/lessons.plugin.ts';
import { closure } from './support/manifest.ts';
import { SCREENS, counter, watch } from './support/pipeline-page.ts';

const loaded = loadLessons('src/lessons');
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const first = loaded.lessons[0];

/** The chunks the lesson's engine side loads that the first lesson page does not. */
function engineChunks(): Set<string> {
  const page = new Set([
    ...closure('index.html'),
    ...closure('src/lessons/player/LessonPage.svelte'),
  ]);
  return new Set(closure('src/lessons/player/lesson-live.ts').filter((f) => !page.has(f)));
}

/** Holds the engine's chunks back until `release`; `asked` lists those requested so far. */
async function holdEngine(page: Page): Promise<{ asked: Set<string>; release: () => void }> {
  const files = engineChunks();
  expect(files.size).toBeGreaterThan(0);
  const asked = new Set<string>();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => files.has(url.pathname),
    async (route) => {
      asked.add(new URL(route.request().url()).pathname);
      await gate;
      await route.continue();
    },
  );
  return { asked, release };
}

/**
 * A screenshot of the element once it is stable: two in a row the same (as Playwright's
 * `toHaveScreenshot` waits; the page's first frames can still differ from the settled picture).
 */
async function stableShot(element: Locator, path: string): Promise<Buffer> {
  let previous = await element.screenshot();
  for (let i = 0; i < 20; i++) {
    const shot = await element.screenshot({ path });
    if (shot.equals(previous)) return shot;
    previous = shot;
  }
  throw new Error('the picture never stopped changing');
}

const engine = (page: Page) => page.locator('main.lesson').getAttribute('data-engine');
const figure = (page: Page) => page.locator('.lesson figure').first();
const narration = (page: Page) => page.getByRole('region', { name: 'Narration' });

test('the first lesson shows its first step before the engine has loaded, and the same after', async ({
  page,
}) => {
  const seen = watch(page);
  const held = await holdEngine(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`/#/lessons/${first.id}/1`);
  await expect(counter(page)).toHaveText(new RegExp(`Step 1 of ${first.steps.length}`));
  await expect(narration(page)).toContainText(first.steps[0].title);
  await expect(figure(page)).toBeVisible();
  // The page asked for the engine (when idle) and is still without it.
  await expect.poll(() => held.asked.size).toBeGreaterThan(0);
  expect(await engine(page)).toBe('shipped');
  // The picture is drawn, numbers and all (the served answer and the truth are in it).
  await expect(figure(page).locator('svg text').first()).toBeVisible();
  const picture = await figure(page).evaluate((f) => f.outerHTML);
  const words = await narration(page).innerHTML();
  const shot = await stableShot(figure(page), `${SCREENS}/first-screen-shipped.png`);

  held.release();
  await expect(page.locator('main.lesson')).toHaveAttribute('data-engine', 'live');
  expect(await figure(page).evaluate((f) => f.outerHTML)).toBe(picture);
  expect(await narration(page).innerHTML()).toBe(words);
  // Pixel for pixel the same picture, at once (nothing fades or moves when the engine takes
  // over; the PNGs are encoded the same way for the same pixels).
  const after = await figure(page).screenshot({ path: `${SCREENS}/first-screen-live.png` });
  expect(after.equals(shot)).toBe(true);
  expect(seen.errors).toEqual([]);
});

test('Next pressed while the engine is loading waits for it, then moves', async ({ page }) => {
  const seen = watch(page);
  const held = await holdEngine(page);
  await page.goto(`/#/lessons/${first.id}/1`);
  await expect(figure(page)).toBeVisible();
  const stepOne = await figure(page).evaluate((f) => f.outerHTML);
  const next = page.getByRole('button', { name: 'Next', exact: true });
  await next.click();
  // Nothing moves without the engine (it is held back)…
  expect(await engine(page)).toBe('shipped');
  await expect(counter(page)).toHaveText(new RegExp(`Step 1 of ${first.steps.length}`));
  expect(page.url()).toMatch(new RegExp(`/lessons/${first.id}/1$`));
  expect(held.asked.size).toBeGreaterThan(0);
  // …and once it has loaded, the move runs: step 2, its address, its picture.
  held.release();
  await expect(counter(page)).toHaveText(new RegExp(`Step 2 of ${first.steps.length}`));
  await expect(page).toHaveURL(new RegExp(`/lessons/${first.id}/2$`));
  await expect(narration(page)).toContainText(first.steps[1].title);
  await expect.poll(() => figure(page).evaluate((f) => f.outerHTML)).not.toBe(stepOne);
  await expect(next).toBeFocused();
  expect(seen.errors).toEqual([]);
});

test('a step without a shipped screen loads the engine at once, without waiting for idle', async ({
  page,
}) => {
  const seen = watch(page);
  await page.addInitScript(() => {
    Object.assign(window, {
      requestIdleCallback: () => 0, // never idle
      cancelIdleCallback: () => undefined,
    });
  });
  await page.goto(`/#/lessons/${first.id}/3`);
  await expect(counter(page)).toHaveText(new RegExp(`Step 3 of ${first.steps.length}`));
  await expect(page.locator('main.lesson')).toHaveAttribute('data-engine', 'live');
  await expect(figure(page)).toBeVisible();
  expect(seen.errors).toEqual([]);
});
