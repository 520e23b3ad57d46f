/**
 * Issue 11 on lessons and hosting: a lesson in presenter mode fits one 1366×768 projector
 * screen at every step; `?embed&lesson=<id>&step=<n>` shows that lesson step in an iframe; the
 * single file opens speaker notes for a lesson from file://; and the site as the GitHub Pages
 * workflow publishes it (dist plus the single file, under /<repository>/) works.
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCREENS, button, counter, watch } from './support/classroom-page.ts';

const LESSON = '01-the-log';
const stepOf = (page: Page) => page.getByRole('group', { name: 'Lesson steps' });
/** Every lesson folder in the source (`NN-slug`). */
const LESSONS = readdirSync('src/lessons').filter((name) => /^\d\d-[a-z0-9-]+$/.test(name));

// One test per lesson (the same checks), so that no test walks every lesson under one timeout.
test.describe('a lesson in presenter mode fits one 1366×768 screen at every step', () => {
  test.use({ viewport: { width: 1366, height: 768 }, reducedMotion: 'reduce' });
  for (const lesson of LESSONS) {
    test(`lesson ${lesson}`, async ({ page }) => {
      const seen = watch(page);
      await page.goto(`/#/lessons/${lesson}/1`);
      await expect(stepOf(page)).toContainText('Step 1 of');
      await page.keyboard.press('p');
      // Presenter mode starts once its kit (and the styles with it) has loaded.
      await expect
        .poll(() => page.evaluate(() => document.documentElement.dataset.presenter))
        .toBe('on');
      const total = Number(/of (\d+)/.exec(await stepOf(page).innerText())![1]);
      for (let step = 1; step <= total; step++) {
        // A question step takes two presses (reveal, then move on): wait for the address.
        // Each press waits for its effect (the address moves on, or the reveal replaces the
        // narration), so a quick second press never skips a step.
        const narrationText = () => page.getByRole('region', { name: 'Narration' }).innerText();
        for (let k = 0; k < 3 && !page.url().endsWith(`/${lesson}/${step}`); k++) {
          const before = await narrationText();
          await page.keyboard.press('PageDown');
          await expect
            .poll(
              async () =>
                page.url().endsWith(`/${lesson}/${step}`) || (await narrationText()) !== before,
            )
            .toBe(true);
        }
        await expect(page).toHaveURL(new RegExp(`/${lesson}/${step}$`));
        // Lambda and Kappa lessons draw the pipeline; unified lessons the event-time plot; compare
        // lessons the architectures side by side.
        const pictureOf = page
          .getByRole('group', { name: 'Pipeline picture' })
          .or(page.getByRole('figure', { name: 'Unified pipeline picture' }))
          .or(page.getByRole('figure', { name: 'Architectures compared' }));
        await expect(pictureOf).toBeVisible();
        const where = `${lesson} step ${step}`;
        const size = await page.evaluate(() => ({
          height: document.documentElement.scrollHeight,
          width: document.documentElement.scrollWidth,
        }));
        expect(size.height, `${where}: the page is one screen high`).toBeLessThanOrEqual(768);
        expect(size.width, `${where}: no sideways scrolling`).toBeLessThanOrEqual(1366);
        const picture = await pictureOf.boundingBox();
        expect(
          picture!.y + picture!.height,
          `${where}: the picture ends on screen`,
        ).toBeLessThanOrEqual(768);
        const narration = await page.getByRole('region', { name: 'Narration' }).boundingBox();
        expect(narration!.y, `${where}: the narration starts on screen`).toBeGreaterThanOrEqual(0);
        expect(
          narration!.y + narration!.height,
          `${where}: the narration ends on screen`,
        ).toBeLessThanOrEqual(768);
        if (lesson === LESSON && step === 2) {
          await page.screenshot({ path: `${SCREENS}/presenter-lesson-1366x768.png` });
        }
      }
      await page.keyboard.press('Escape');
      expect(seen.errors).toEqual([]);
    });
  }
});

// The kit of presenter mode loads when the browser is idle; P pressed before it (a busy machine)
// once turned the mode on without its styles: small type, the header and the present buttons on
// screen, and a lesson a line taller than the screen (CI saw 791 px at 1366×768).
test('presenter mode starts whole: P pressed before its styles have loaded waits for them', async ({
  page,
}) => {
  const seen = watch(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  // Every change of data-presenter, with what the page looked like at that moment.
  await page.addInitScript(`
    window.__presenterChanges = [];
    new MutationObserver(() => {
      const root = document.documentElement;
      window.__presenterChanges.push({
        on: root.dataset.presenter ?? null,
        fontSize: getComputedStyle(root).fontSize,
        height: root.scrollHeight,
      });
    }).observe(document, { subtree: true, attributeFilter: ['data-presenter'] });
  `);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  // The presenter kit and the sandbox's styles (both carry presenter.css) held until released.
  await page.route(/\/assets\/(PresenterKit-[^/]*\.(js|css)|App-[^/]*\.css)$/, async (route) => {
    await held;
    await route.continue();
  });
  // (Not waiting for the load event: a held file may hold it.)
  await page.goto('/#/lessons/06-order-and-lateness/1', { waitUntil: 'commit' });
  await expect(stepOf(page)).toContainText('Step 1 of');
  await page.keyboard.press('p');
  const presenting = () => page.evaluate(() => document.documentElement.dataset.presenter);
  expect(await presenting(), 'not before its styles are there').toBeUndefined();
  release();
  await expect.poll(presenting).toBe('on');
  const changes = await page.evaluate(
    () => (window as unknown as { __presenterChanges: unknown[] }).__presenterChanges,
  );
  // From its first moment: large type (125 %), one screen high.
  expect(changes).toEqual([{ on: 'on', fontSize: '20px', height: 768 }]);
  await expect(page.getByRole('button', { name: 'Exit presenter mode' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Speaker notes' })).toBeHidden();
  expect(seen.errors).toEqual([]);
});

test('the embed shows a lesson step: ?embed&lesson=<id>&step=<n>, with or without controls', async ({
  page,
}) => {
  const seen = watch(page);
  await page.setViewportSize({ width: 640, height: 400 });
  await page.goto(`/index.html?embed&lesson=${LESSON}&step=2`);
  const current = page.getByRole('status', { name: 'Current step' });
  await expect(current).toHaveText(/^Step 2 of \d+$/);
  await expect(page.getByRole('heading', { name: 'A job reads the log' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Pipeline picture' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sandbox' })).toHaveCount(0);
  const open = page.getByRole('link', { name: 'Open in Lambda·Kappa Lab' });
  await expect(open).toHaveAttribute('href', new RegExp(`index\\.html#/lessons/${LESSON}/2$`));
  await page.screenshot({ path: `${SCREENS}/embed-lesson-640x400.png` });
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(current).toHaveText(/^Step 3 of/);
  await expect(open).toHaveAttribute('href', new RegExp(`#/lessons/${LESSON}/3$`));
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(current).toHaveText(/^Step 2 of/);
  // The embed leaves the embedding page's address (and so its history) alone.
  expect(page.url()).not.toContain('#');

  await page.goto(`/index.html?embed&lesson=${LESSON}&step=3&controls=off&profile=projector`);
  await expect(current).toHaveText(/^Step 3 of/);
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.dataset.profile)).toBe('projector');
  await page.screenshot({ path: `${SCREENS}/embed-lesson-640x400-projector.png` });

  // A step the lesson does not have: named, and the nearest step shown.
  await page.goto(`/index.html?embed&lesson=${LESSON}&step=99`);
  await expect(page.getByRole('alert')).toContainText('"step" must be 1 to');
  await expect(current).toHaveText(/^Step (\d+) of \1$/);
  // A lesson that does not exist: named, and the default scenario shown instead.
  await page.goto('/index.html?embed&lesson=99-no-such-lesson');
  await expect(page.getByRole('alert')).toContainText('no lesson "99-no-such-lesson"');
  await expect(page.getByRole('group', { name: 'Pipeline picture' })).toBeVisible();
  expect(seen.errors).toEqual([]);
  expect(seen.foreignRequests).toEqual([]);
});

test('the embed shows a compare lesson step, and Next and Back move on its shared timeline', async ({
  page,
}) => {
  const seen = watch(page);
  const compare = LESSONS.find((l) => l.startsWith('09-'))!;
  await page.setViewportSize({ width: 640, height: 400 });
  await page.goto(`/index.html?embed&lesson=${compare}&step=3`);
  const current = page.getByRole('status', { name: 'Current step' });
  await expect(current).toHaveText(/^Step 3 of \d+$/);
  const picture = page.getByRole('figure', { name: 'Architectures compared' });
  await expect(picture).toBeVisible();
  await expect(picture.getByRole('heading', { name: 'Lambda', exact: true })).toBeVisible();
  await expect(picture.getByRole('heading', { name: 'Kappa', exact: true })).toBeVisible();
  await expect(page.getByText('Predict:')).toBeVisible();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Narration' })).toContainText('The engine shows');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(current).toHaveText(/^Step 4 of/);
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(current).toHaveText(/^Step 3 of/);
  await page.screenshot({ path: `${SCREENS}/embed-lesson-09-640x400.png` });
  expect(page.url()).not.toContain('#');
  expect(seen.errors).toEqual([]);
  expect(seen.foreignRequests).toEqual([]);
});

test('the single file opens speaker notes for a lesson from file://, following and driving it', async ({
  page,
  context,
}) => {
  const file = resolve('dist-single/lambda-kappa-lab.html');
  expect(existsSync(file), 'npm run build:single wrote the file').toBe(true);
  await page.goto(`${pathToFileURL(file).href}#/lessons/${LESSON}/1`);
  await expect(stepOf(page)).toContainText('Step 1 of');
  const [notes] = await Promise.all([
    context.waitForEvent('page'),
    button(page, 'Speaker notes').click(),
  ]);
  expect(notes.url()).toMatch(/^file:.*lambda-kappa-lab\.html\?notes$/);
  const projected = notes.getByRole('status', { name: 'Projected step' });
  await expect(projected).toHaveText(/Step 1 of \d+/);
  await expect(notes.getByText('Point at the log lane.', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(projected).toHaveText(/Step 2 of/);
  await notes.getByRole('button', { name: 'Next step' }).click();
  await expect(page).toHaveURL(new RegExp(`${LESSON}/3$`));
});

test('the site as the Pages workflow publishes it works under /<repository>/', async ({ page }) => {
  const seen = watch(page);
  const base = 'http://127.0.0.1/lambda-kappa-lab/';
  // What pages.yml uploads: dist/, with the single file copied beside index.html.
  const missing: string[] = [];
  await page.route('http://127.0.0.1/**', (route) => {
    const url = new URL(route.request().url());
    const path = url.pathname.slice('/lambda-kappa-lab/'.length);
    const file = !url.pathname.startsWith('/lambda-kappa-lab/')
      ? null
      : path === 'lambda-kappa-lab.html'
        ? resolve('dist-single', path)
        : resolve('dist', path || 'index.html');
    if (file && existsSync(file)) return route.fulfill({ path: file });
    missing.push(url.pathname);
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(base);
  await expect(page.getByRole('link', { name: 'Start the first lesson' }).first()).toBeVisible();
  await page.goto(`${base}#/lessons/${LESSON}/2`);
  await expect(stepOf(page)).toContainText('Step 2 of');
  await page.goto(`${base}#/sandbox`);
  await button(page, 'Next step').click();
  await expect(counter(page)).toHaveText(/Step 1 of/);
  await page.goto(`${base}embed-demo.html`);
  await expect(page.locator('iframe')).toHaveCount(3);
  const frame = page.frameLocator('iframe').first();
  await expect(frame.getByRole('group', { name: 'Pipeline picture' })).toBeVisible();
  await page.goto(`${base}lambda-kappa-lab.html#/sandbox`);
  await expect(counter(page)).toHaveText(/Step 0 of/);
  expect(missing).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.foreignRequests).toEqual([]);
});
