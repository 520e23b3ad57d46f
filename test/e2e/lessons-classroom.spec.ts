/**
 * The classroom features on a lesson: a link to a lesson step opens the same step with the same
 * numbers and picture; presenter keys and the speaker-notes window move through the lesson's
 * steps; the single file plays a lesson from file://.
 */
import { expect, test, type Page } from '@playwright/test';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const LESSON = '#/lessons/01-the-log';
const stepOf = (page: Page) => page.getByRole('group', { name: 'Lesson steps' });

// One click per step, each waited for: Next pressed before the lesson's engine has loaded is
// queued (the first screen is built at build time), so clicking until the URL changes overshoots.
async function nextUntil(page: Page, step: number): Promise<void> {
  const now = Number(/\/(\d+)$/.exec(page.url())?.[1] ?? 1);
  for (let at = now + 1; at <= step; at++) {
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${LESSON}/${at}$`));
  }
}

test('a link to a lesson step opens the same step, numbers and picture in a fresh browser', async ({
  browser,
}) => {
  // Reduced motion: Next jumps to the step's cue, so both pages are at rest when compared.
  const first = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    reducedMotion: 'reduce',
  });
  const page = await first.newPage();
  await page.goto(`/${LESSON}/1`);
  await nextUntil(page, 3);
  await expect(stepOf(page)).toContainText('Step 3 of');
  const text = await page.getByRole('main').innerText();
  const picture = page.getByRole('group', { name: 'Pipeline picture' });
  await expect(picture).toBeVisible();
  const shot = await picture.screenshot({ animations: 'disabled' });

  const fresh = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    reducedMotion: 'reduce',
  });
  const other = await fresh.newPage();
  await other.goto(page.url());
  await expect(stepOf(other)).toContainText('Step 3 of');
  // The step's words come first; its picture follows once the lesson's engine has loaded.
  await expect(other.getByRole('group', { name: 'Pipeline picture' })).toBeVisible();
  expect(await other.getByRole('main').innerText()).toBe(text);
  const otherShot = await other
    .getByRole('group', { name: 'Pipeline picture' })
    .screenshot({ animations: 'disabled' });
  expect(otherShot.equals(shot)).toBe(true);
  await fresh.close();
  await first.close();
});

test('presenter keys and the speaker notes move through a lesson', async ({ page, context }) => {
  await page.goto(`/${LESSON}/1`);
  await expect(stepOf(page)).toContainText('Step 1 of');
  await page.keyboard.press('p');
  // Presenter mode starts once its kit (and the styles with it) has loaded: wait for it.
  await expect
    .poll(() => page.evaluate(() => document.documentElement.dataset.presenter))
    .toBe('on');
  await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(new RegExp(`${LESSON}/2$`));
  await page.keyboard.press('PageUp');
  await expect(page).toHaveURL(new RegExp(`${LESSON}/1$`));

  const [notes] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
  const projected = notes.getByRole('status', { name: 'Projected step' });
  await expect(projected).toHaveText(/Step 1 of \d+/);
  await expect(notes.getByText('Point at the log lane.', { exact: false })).toBeVisible();
  await notes.getByRole('button', { name: 'Next step' }).click();
  await expect(page).toHaveURL(new RegExp(`${LESSON}/2$`));
  await expect(projected).toHaveText(/Step 2 of/);
});

test('the single file plays a lesson from file:// with no network', async ({ page }) => {
  const outside: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => {
    if (!/^(file|data|blob):/.test(request.url())) outside.push(request.url());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${pathToFileURL(resolve('dist-single/lambda-kappa-lab.html')).href}${LESSON}/1`);
  await expect(stepOf(page)).toContainText('Step 1 of');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${LESSON}/2$`));
  await expect(page.getByRole('group', { name: 'Pipeline picture' })).toBeVisible();
  // A unified lesson: its plot loads on demand (inlined here).
  await page.goto(
    `${pathToFileURL(resolve('dist-single/lambda-kappa-lab.html')).href}#/lessons/12-watermarks-and-late-data/1`,
  );
  await expect(stepOf(page)).toContainText('Step 1 of');
  await expect(page.getByRole('figure', { name: 'Unified pipeline picture' })).toBeVisible();
  expect(errors).toEqual([]);
  expect(outside).toEqual([]);
});
