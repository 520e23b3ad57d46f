/**
 * Hosting: the build works under any base path, under a Content-Security-Policy that forbids
 * inline script and eval (no violation reported), with no request outside its own origin; and
 * the single file works from `file://` with no network.
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { button, counter, position, watch } from './support/classroom-page.ts';

export const SINGLE_FILE = resolve('dist-single/lambda-kappa-lab.html');

/** Records every CSP violation the page reports (installed before any page script runs). */
export async function recordCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective}: ${event.blockedURI}`),
    );
  });
  return () =>
    page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

test('the hosted build runs under its CSP: no violation, no eval, no foreign request', async ({
  page,
}) => {
  const seen = watch(page);
  const violations = await recordCspViolations(page);
  await page.goto('/#/sandbox');
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);

  await button(page, 'Play').click();
  // Playing at the default 1 step/s: a few seconds to pass step 3.
  await expect.poll(async () => (await position(page)).i, { timeout: 20_000 }).toBeGreaterThan(3);
  await button(page, 'Pause').click();
  await button(page, 'Crash').click();
  await Promise.all([page.waitForEvent('download'), button(page, 'Save picture (PNG)').click()]);
  // An inline script is refused, and reported as the one violation.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'document.body.dataset.inlineRan = "yes"';
    document.head.append(script);
    return document.body.dataset.inlineRan ?? 'refused';
  });
  expect(ran).toBe('refused');
  await expect.poll(violations).toEqual([expect.stringMatching(/^script-src/)]);
  // watch() hears the violation as a console error: so every browser test that expects no
  // console error (seen.errors) also expects no CSP violation.
  expect(seen.errors).toEqual([expect.stringMatching(/Content Security Policy/)]);
  expect(seen.foreignRequests).toEqual([]);
});
test('the build works under any base path (a subfolder of a course site)', async ({ page }) => {
  const seen = watch(page);
  const base = 'http://127.0.0.1/some/course/lab/';
  const missing: string[] = [];
  await page.route('http://127.0.0.1/**', (route) => {
    const url = new URL(route.request().url());
    const file = url.pathname.startsWith('/some/course/lab/')
      ? resolve('dist', url.pathname.slice('/some/course/lab/'.length) || 'index.html')
      : null;
    if (file && existsSync(file)) return route.fulfill({ path: file });
    missing.push(url.pathname);
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${base}index.html#/sandbox`);
  await expect(counter(page)).toHaveText(/Step 0 of \d+/);
  await button(page, 'Next step').click();
  await expect(page).toHaveURL(`${base}index.html#/sandbox?s=01-yesterday-vs-today&step=1`);
  // A unified scenario and a lesson: their parts load on demand, from the subfolder too.
  await page.goto(
    `${base}index.html#/sandbox?s=28-streaming-systems-fig-2-11-early-late-heuristic`,
  );
  await expect(page.getByRole('figure', { name: 'Unified pipeline picture' })).toBeVisible();
  await page.goto(`${base}index.html#/lessons/13-triggers-and-accumulation/1`);
  await expect(page.getByRole('group', { name: 'Lesson steps' })).toContainText('Step 1 of');
  await page.goto(`${base}embed-demo.html`);
  await expect(
    page.frameLocator('iframe').nth(2).getByRole('status', { name: 'Current step' }),
  ).toHaveText(/^Step 2 of/);
  expect(missing).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('the single file plays from file:// with no network and no CSP violation, presenter mode included', async ({
  page,
}) => {
  expect(existsSync(SINGLE_FILE), 'npm run build:single wrote the file').toBe(true);
  const violations = await recordCspViolations(page);
  const outside: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => {
    if (!/^(file|data|blob):/.test(request.url())) outside.push(request.url());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${pathToFileURL(SINGLE_FILE).href}#/sandbox`);
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
  await button(page, 'Play').click();
  // Playing at the default 1 step/s: a few seconds to pass step 3.
  await expect.poll(async () => (await position(page)).i, { timeout: 20_000 }).toBeGreaterThan(3);
  await button(page, 'Pause').click();
  await expect(page).toHaveURL(
    /lambda-kappa-lab\.html#\/sandbox\?s=01-yesterday-vs-today&step=\d+$/,
  );
  // Presenter mode (its kit loads on demand: inlined in the single file) and a remote's keys.
  const at = await position(page);
  await page.keyboard.press('p');
  await expect
    .poll(() => page.evaluate(() => document.documentElement.dataset.presenter))
    .toBe('on');
  await expect(button(page, 'Exit presenter mode')).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(counter(page)).toHaveText(new RegExp(`Step ${at.i + 1} of`));
  await page.keyboard.press('.');
  await expect(page.getByRole('dialog', { name: 'Screen blanked' })).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByRole('dialog', { name: 'Screen blanked' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect
    .poll(() => page.evaluate(() => document.documentElement.dataset.presenter))
    .toBeUndefined();
  // The QR code's library, also loaded on demand.
  await button(page, 'QR code').click();
  await expect(page.getByRole('img', { name: 'QR code of the link to this moment' })).toBeVisible();
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
  expect(outside).toEqual([]);
});

test('the single file opens speaker notes from file:// that follow and drive it', async ({
  page,
  context,
}) => {
  await page.goto(`${pathToFileURL(SINGLE_FILE).href}#/sandbox`);
  await expect(counter(page)).toHaveText(/Step 0 of \d+/);
  const [notes] = await Promise.all([
    context.waitForEvent('page'),
    button(page, 'Speaker notes').click(),
  ]);
  expect(notes.url()).toMatch(/^file:.*lambda-kappa-lab\.html\?notes$/);
  const projected = notes.getByRole('status', { name: 'Projected step' });
  await expect(projected).toHaveText(/Step 0 of \d+/);
  await button(page, 'Next step').click();
  await expect(projected).toHaveText(/Step 1 of/);
  await notes.getByRole('button', { name: 'Next step' }).click();
  await expect(counter(page)).toHaveText(/Step 2 of/);
});
