/**
 * Presenter mode: the P key and button, remote keys (PageDown/PageUp, arrows, "." and B),
 * the speaker-notes window following the projected one and driving it (also across reloads),
 * and the QR code of the link, loaded on demand. A screenshot at 1366×768 is looked at by hand.
 */
import { expect, test, type Page } from '@playwright/test';
import { encode } from 'uqr';
import { SCREENS, button, counter, position, watch } from './support/classroom-page.ts';

const presenting = (page: Page) => page.evaluate(() => document.documentElement.dataset.presenter);

test('presenter mode: P, remote keys, blanking, projector profile, minimal chrome', async ({
  page,
}) => {
  const seen = watch(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/sandbox?s=03-hand-off-after-a-batch-run&step=0');
  await expect(counter(page)).toHaveText(/Step 0 of/);
  await page.keyboard.press('p');
  await expect.poll(() => presenting(page)).toBe('on');
  await expect
    .poll(() => page.evaluate(() => document.documentElement.dataset.profile))
    .toBe('projector');
  await expect(page.getByRole('heading', { name: 'Lambda·Kappa Lab' })).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Sandbox' })).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Scenario JSON' })).toBeHidden();
  await expect(page.getByRole('group', { name: 'Pipeline picture' })).toBeVisible();

  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(counter(page)).toHaveText(/Step 2 of/);
  await page.keyboard.press('PageUp');
  await expect(counter(page)).toHaveText(/Step 1 of/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText(/Step 3 of/);
  await page.keyboard.press('ArrowUp');
  await expect(counter(page)).toHaveText(/Step 2 of/);
  for (let i = 0; i < 22; i++) await page.keyboard.press('PageDown');
  await page.screenshot({ path: `${SCREENS}/presenter-1366x768.png` });
  await expect(button(page, 'Exit presenter mode')).toBeVisible();
  await expect(button(page, 'Copy link')).toBeHidden();

  await page.keyboard.press('Space');
  await expect(button(page, 'Pause')).toBeVisible();
  await page.keyboard.press('.');
  await expect(page.getByRole('dialog', { name: 'Screen blanked' })).toBeVisible();
  await expect(button(page, 'Play')).toBeAttached();
  const blanked = await position(page);
  await page.keyboard.press('b');
  await expect(page.getByRole('dialog', { name: 'Screen blanked' })).toHaveCount(0);
  expect((await position(page)).i).toBe(blanked.i);
  await page.keyboard.press('B');
  await expect(page.getByRole('dialog', { name: 'Screen blanked' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Screen blanked' })).toHaveCount(0);
  await expect.poll(() => presenting(page)).toBe('on');
  await page.keyboard.press('Escape');
  await expect.poll(() => presenting(page)).toBeUndefined();
  await expect(page.getByRole('heading', { name: 'Sandbox' })).toBeVisible();

  await button(page, 'Presenter mode').click();
  await expect.poll(() => presenting(page)).toBe('on');
  await button(page, 'Exit presenter mode').click();
  await expect.poll(() => presenting(page)).toBeUndefined();
  await page.keyboard.press('P');
  await expect.poll(() => presenting(page)).toBe('on');
  await page.keyboard.press('P');
  await expect.poll(() => presenting(page)).toBeUndefined();
  expect(seen.errors).toEqual([]);
});

test('speaker notes follow the projected window, drive it, and reconnect after reloads', async ({
  page,
  context,
}) => {
  const seen = watch(page);
  await page.goto('/#/sandbox?s=01-yesterday-vs-today&step=0');
  await expect(counter(page)).toHaveText(/Step 0 of/);
  const [notes] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
  const projected = (p: Page) => p.getByRole('status', { name: 'Projected step' });
  await expect(projected(notes)).toHaveText(/Step 0 of \d+/);
  await expect(notes.getByRole('heading', { name: 'Question coming up' })).toBeVisible();
  await expect(notes.getByText(/How many new users (yesterday|today so far|on )/)).toBeVisible();

  // Follows.
  await button(page, 'Next step').click();
  await button(page, 'Next step').click();
  await expect(projected(notes)).toHaveText(/Step 2 of/);
  const onScreen = await page.getByRole('status', { name: 'Current step' }).innerText();
  const described = await notes.getByRole('region', { name: 'On the screen now' }).innerText();
  expect(onScreen).toContain(described.replace('On the screen now', '').trim());

  // Drives; what it showed as the next step is then on the screen.
  const upcoming = (await notes.getByRole('region', { name: 'Next step' }).innerText())
    .replace('Next step', '')
    .trim();
  expect(upcoming).not.toBe('This is the last step.');
  await notes.getByRole('button', { name: 'Next step' }).click();
  await expect(counter(page)).toHaveText(/Step 3 of/);
  await expect(notes.getByRole('region', { name: 'On the screen now' })).toContainText(upcoming);
  expect(await page.getByRole('status', { name: 'Current step' }).innerText()).toContain(upcoming);
  await notes.keyboard.press('PageUp');
  await expect(counter(page)).toHaveText(/Step 2 of/);

  // The notes window reloads.
  await notes.reload();
  await expect(projected(notes)).toHaveText(/Step 2 of/);
  await notes.getByRole('button', { name: 'Next step' }).click();
  await expect(counter(page)).toHaveText(/Step 3 of/);

  // The projected window reloads (its address keeps the moment).
  await page.reload();
  await expect(counter(page)).toHaveText(/Step 3 of/);
  await notes.getByRole('button', { name: 'Next step' }).click();
  await expect(counter(page)).toHaveText(/Step 4 of/, { timeout: 10_000 });
  await expect(projected(notes)).toHaveText(/Step 4 of/);
  expect(seen.errors).toEqual([]);
});

test('a QR code of the link to the moment, its library loaded only when asked for', async ({
  page,
}) => {
  const seen = watch(page);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.goto('/#/sandbox');
  await button(page, 'Next step').click();
  await expect(page).toHaveURL(/step=1$/);
  const before = scripts.length;
  await button(page, 'QR code').click();
  const qr = page.getByRole('img', { name: 'QR code of the link to this moment' });
  await expect(qr).toBeVisible();
  expect(scripts.length).toBeGreaterThan(before);
  const expected = encode(page.url(), { ecc: 'L', border: 2 });
  await expect(qr).toHaveAttribute('data-modules', String(expected.size));
  const dark = await qr
    .locator('path')
    .evaluate((p) => (p.getAttribute('d') ?? '').split('M').length - 1);
  expect(dark).toBe(expected.data.flat().filter(Boolean).length);
  await button(page, 'Close').click();
  await expect(qr).toHaveCount(0);
  expect(seen.errors).toEqual([]);
  expect(seen.foreignRequests).toEqual([]);
});
