/**
 * Links that reproduce a moment: the address follows the sandbox, a copied link opened in a fresh
 * browser shows the same numbers and picture, Back and Forward move between recorded moments,
 * and a broken link gets a message and a working page.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  button,
  counter,
  numbersOnScreenText,
  pickScenario,
  pipelinePicture,
  position,
  scenarioPicker,
  watch,
} from './support/classroom-page.ts';
import { pictureShot } from './support/pipeline-page.ts';

async function copyLink(page: Page): Promise<string> {
  await button(page, 'Copy link').click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('a copied link opens the same moment (injected fault, settings, step) in a fresh browser', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto('/#/sandbox');
  await pickScenario(page, 'At-least-once: a speed-layer crash counts records twice');
  for (let i = 0; i < 12; i++) await button(page, 'Next step').click();
  await button(page, 'Crash').click();
  await page.getByRole('combobox', { name: 'Delivery' }).selectOption('exactly-once');
  for (let i = 0; i < 5; i++) await button(page, 'Next step').click();
  const at = await position(page);
  const link = await copyLink(page);
  expect(link).toContain('#/sandbox?s=05-at-least-once-crash&d=1.');
  expect(link.length).toBeLessThan(500);
  expect(page.url()).toBe(link);
  const numbers = await numbersOnScreenText(page);
  // A full repaint first (pictureShot): a partial repaint's anti-aliasing differs by a few pixels.
  const picture = (await pictureShot(pipelinePicture(page))).shot;
  const json = await page.getByRole('textbox', { name: 'Scenario JSON' }).inputValue();

  const fresh = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const other = await fresh.newPage();
  const seenOther = watch(other);
  await other.goto(link);
  await expect(counter(other)).toHaveText(new RegExp(`Step ${at.i} of ${at.n}`));
  expect(await numbersOnScreenText(other)).toEqual(numbers);
  expect(
    JSON.parse(await other.getByRole('textbox', { name: 'Scenario JSON' }).inputValue()),
  ).toEqual(JSON.parse(json));
  expect((await pictureShot(pipelinePicture(other))).shot.equals(picture)).toBe(true);
  await expect(other.getByRole('alert')).toHaveCount(0);
  for (const s of [seen, seenOther]) {
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  }
  await fresh.close();
  await context.close();
});

test('Back and Forward move between the moments the address recorded', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/#/sandbox');
  await expect(page).toHaveURL(/#\/sandbox\?s=01-yesterday-vs-today&step=0$/);
  const first = await scenarioPicker(page).inputValue();
  await pickScenario(page, 'Kappa: one streaming job, one table');
  await expect(page).toHaveURL(/s=12-kappa-basics&step=0$/);
  for (let i = 0; i < 3; i++) await button(page, 'Next step').click();
  await expect(page).toHaveURL(/s=12-kappa-basics&step=3$/);
  const length = await page.evaluate(() => history.length);

  // Play: a new entry; the one before keeps step 3. Many steps while playing add no entries.
  await button(page, 'Play').click();
  // The default speed is 1 step/s (readable while playing): allow the few seconds it takes.
  await expect.poll(async () => (await position(page)).i, { timeout: 20_000 }).toBeGreaterThan(7);
  await button(page, 'Pause').click();
  const paused = await position(page);
  await expect(page).toHaveURL(new RegExp(`step=${paused.i}$`));
  expect(await page.evaluate(() => history.length)).toBe(length + 1);

  await page.goBack();
  await expect(counter(page)).toHaveText(/Step 3 of/);
  await page.goBack();
  await expect(counter(page)).toHaveText(/Step 0 of/);
  await expect(scenarioPicker(page)).toHaveValue(first);
  await page.goForward();
  await expect(counter(page)).toHaveText(/Step 3 of/);
  await expect(scenarioPicker(page)).toHaveValue('12-kappa-basics.json');
  await page.goForward();
  await expect(counter(page)).toHaveText(new RegExp(`Step ${paused.i} of`));
  expect(seen.errors).toEqual([]);
});

test('a corrupt, truncated or hand-edited link says what was wrong and the page works', async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto('/#/sandbox');
  await pickScenario(page, 'Kappa: one streaming job, one table');
  await button(page, 'Crash').click();
  await expect(page).toHaveURL(/&d=1\./);
  const good = page.url();
  const packed = /d=(1\.[A-Za-z0-9_-]+)/.exec(good)![1];

  const broken: [string, RegExp][] = [
    [good.replace(packed, packed.slice(0, -6)), /"d" cannot be read/],
    [good.replace(/step=\d+/, 'step=lots'), /"step" must be a whole number, got "lots"/],
    [good.replace('12-kappa-basics', 'no-such-scenario'), /"no-such-scenario" that this version/],
    [good.replace(/d=1\./, 'd=7.'), /link format 7/],
  ];
  for (const [url, reason] of broken) {
    await page.goto('about:blank');
    await page.goto(url);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(reason);
    await expect(alert).toContainText('Showing the default scenario instead');
    await expect(counter(page)).toHaveText(/Step 0 of \d+/);
    await button(page, 'Next step').click();
    await expect(counter(page)).toHaveText(/Step 1 of \d+/);
  }
  await page.goto('about:blank');
  await page.goto(good.replace(/step=\d+/, 'step=99999'));
  await expect(page.getByRole('alert')).toContainText('asks for step 99999');
  const end = await position(page);
  expect(end.i).toBe(end.n);
  expect(seen.errors).toEqual([]);
});

test('a link to a scenario of your own (packed, format 1) opens it in a fresh browser', async ({
  browser,
}) => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto('/#/sandbox');
  const own = {
    name: 'Our class data',
    architecture: 'kappa',
    events: [
      { id: 'a1', user: 'ana', time: '2026-11-22T09:00:00Z' },
      { id: 'b1', user: 'bo', time: '2026-11-22T10:30:00Z' },
      { id: 'c1', user: 'cy', time: '2026-11-23T08:15:00Z', arrival: '2026-11-23T09:00:00Z' },
    ],
    faults: [{ kind: 'crash', job: 'stream', at: '2026-11-22T10:00:00Z', downFor: '5m' }],
    queries: [{ at: '2026-11-23T10:00:00Z', day: 'yesterday' }],
  };
  await page.getByRole('textbox', { name: 'Scenario JSON' }).fill(JSON.stringify(own));
  await button(page, 'Run scenario').click();
  await expect(counter(page)).toHaveText(/Step 0 of \d+/);
  for (let i = 0; i < 6; i++) await button(page, 'Next step').click();
  const link = await copyLink(page);
  expect(link).toMatch(/#\/sandbox\?x=1\.[A-Za-z0-9_-]+&step=6$/);
  const numbers = await numbersOnScreenText(page);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const seenOther = watch(other);
  await other.goto(link);
  await expect(counter(other)).toHaveText(/Step 6 of \d+/);
  expect(await numbersOnScreenText(other)).toEqual(numbers);
  expect(
    JSON.parse(await other.getByRole('textbox', { name: 'Scenario JSON' }).inputValue()),
  ).toMatchObject(own);
  await expect(other.getByRole('alert')).toHaveCount(0);
  for (const s of [seen, seenOther]) expect(s.errors).toEqual([]);
  await fresh.close();
  await context.close();
});
