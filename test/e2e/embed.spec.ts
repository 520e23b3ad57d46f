/**
 * Embed mode (`?embed`): just the stage and the chosen controls, with parameters for scenario,
 * step, autoplay, controls, speed, the projector profile and motion=stop-after-5; and the demo
 * page that embeds it twice. Screenshots at 640×400 are looked at by hand.
 */
import { expect, test } from '@playwright/test';
import { SCREENS, position, watch } from './support/classroom-page.ts';

test('embed parameters: scenario, step, no controls, projector profile', async ({ page }) => {
  const seen = watch(page);
  await page.setViewportSize({ width: 640, height: 400 });
  await page.goto(
    '/index.html?embed&scenario=13-kappa-deploy-and-replay&step=30&controls=off&profile=projector',
  );
  await expect(page.getByRole('status', { name: 'Current step' })).toHaveText(/Step 30 of \d+/);
  await expect(page.getByRole('group', { name: 'Pipeline picture' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Lambda·Kappa Lab' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Sandbox' })).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.dataset.profile)).toBe('projector');
  const open = page.getByRole('link', { name: 'Open in Lambda·Kappa Lab' });
  await expect(open).toHaveAttribute(
    'href',
    /index\.html#\/sandbox\?s=13-kappa-deploy-and-replay&step=30$/,
  );
  // The embed leaves its address alone (the embedding page's Back button stays the page's).
  expect(page.url()).not.toContain('#');
  await page.screenshot({ path: `${SCREENS}/embed-640x400-projector.png` });
  expect(seen.errors).toEqual([]);
  expect(seen.foreignRequests).toEqual([]);
});

test('embed autoplay at a set speed stops animating after five seconds (virtual time)', async ({
  page,
}) => {
  await page.clock.install();
  await page.setViewportSize({ width: 640, height: 400 });
  await page.goto(
    '/index.html?embed&scenario=17-generated-two-and-a-half-days&autoplay&speed=2&motion=stop-after-5',
  );
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Speed' })).toHaveValue('1');
  await page.clock.runFor(4000);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.clock.runFor(1500);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const stopped = await position(page);
  expect(stopped.i).toBeGreaterThanOrEqual(8);
  expect(stopped.i).toBeLessThanOrEqual(11);
  await page.clock.runFor(3000);
  expect((await position(page)).i).toBe(stopped.i);
  await page.screenshot({ path: `${SCREENS}/embed-640x400-controls.png` });
});

test('bad embed parameters are named and the embed still shows the default scenario', async ({
  page,
}) => {
  await page.goto('/index.html?embed&step=lots&profile=neon');
  await expect(page.getByRole('alert')).toContainText('"step" must be a whole number');
  await expect(page.getByRole('status', { name: 'Current step' })).toHaveText(/Step 0 of \d+/);
});

test('the demo page embeds the Lab three times (two scenarios, a lesson step)', async ({
  page,
}) => {
  const seen = watch(page);
  await page.setViewportSize({ width: 800, height: 1000 });
  await page.goto('/embed-demo.html');
  const frames = page.locator('iframe');
  await expect(frames).toHaveCount(3);
  const first = page.frameLocator('iframe').nth(0);
  const second = page.frameLocator('iframe').nth(1);
  await expect(first.getByRole('group', { name: 'Pipeline picture' })).toBeVisible();
  await expect(second.getByRole('status', { name: 'Current step' })).toHaveText(/Step 30 of/);
  await expect(first.getByRole('slider', { name: 'Timeline' })).toBeVisible();
  await expect(second.getByRole('slider', { name: 'Timeline' })).toHaveCount(0);
  const third = page.frameLocator('iframe').nth(2);
  await third.locator('main').scrollIntoViewIfNeeded();
  await expect(third.getByRole('status', { name: 'Current step' })).toHaveText(/^Step 2 of/);
  await page.screenshot({ path: `${SCREENS}/embed-demo.png`, fullPage: true });
  expect(seen.errors).toEqual([]);
  expect(seen.foreignRequests).toEqual([]);
});
