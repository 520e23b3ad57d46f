import { expect, test, type Page } from '@playwright/test';
import {
  button,
  counter,
  numbersOnScreenText,
  pickScenario,
  position,
  watch,
} from './support/classroom-page.ts';
import { pictureShot } from './support/pipeline-page.ts';

/**
 * A link to a unified moment: the sandbox with unified settings changed (trigger, accumulation,
 * lateness, sink), injected faults (a crash of the pipeline, a producer retry) and a few steps,
 * copied and opened in a fresh browser, shows the same step, numbers, results table, settings
 * and picture.
 */
const FIG_2_11 =
  'Streaming Systems fig. 2-11 (right): early, on-time and late panes, heuristic watermark';

const SELECTS = ['Early trigger', 'Late trigger', 'Accumulation', 'Sink', 'Watermark', 'Aggregate'];
const TEXTS = ['Window size', 'Allowed lateness'];

/** The unified settings as the sandbox's controls show them. */
async function settings(page: Page): Promise<string[]> {
  const values: string[] = [];
  for (const name of SELECTS)
    values.push(await page.getByRole('combobox', { name, exact: true }).inputValue());
  for (const name of TEXTS)
    values.push(await page.getByRole('textbox', { name, exact: true }).inputValue());
  values.push(String(await page.getByRole('checkbox', { name: 'On-time pane' }).isChecked()));
  return values;
}

async function shown(page: Page): Promise<string[]> {
  return [
    ...(await numbersOnScreenText(page)),
    await page.getByRole('table', { name: 'Results at the sink' }).innerText(),
    await page.getByRole('region', { name: 'Served versus truth' }).innerText(),
  ];
}

test('a copied link to a unified moment (settings, injected faults) opens the same numbers and picture in a fresh browser', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto('/#/sandbox');
  await pickScenario(page, FIG_2_11);
  const original = await settings(page);
  await page.getByRole('combobox', { name: 'Early trigger', exact: true }).selectOption('none');
  await page
    .getByRole('combobox', { name: 'Accumulation', exact: true })
    .selectOption('retracting');
  await page.getByRole('combobox', { name: 'Sink', exact: true }).selectOption('add-all');
  const lateness = page.getByRole('textbox', { name: 'Allowed lateness', exact: true });
  await lateness.fill('1m');
  await lateness.press('Enter');
  await expect.poll(() => settings(page)).not.toEqual(original);
  for (let i = 0; i < 25; i++) await button(page, 'Next step').click();
  await expect(counter(page)).toHaveText(/Step 25 of/);
  const before = await page.getByRole('textbox', { name: 'Scenario JSON' }).inputValue();
  await button(page, 'Crash').click();
  await button(page, 'Duplicate').click();
  const faults = JSON.parse(
    await page.getByRole('textbox', { name: 'Scenario JSON' }).inputValue(),
  ).faults.map((f: { kind: string }) => f.kind);
  expect(faults.length - (JSON.parse(before).faults ?? []).length).toBe(2);
  expect(faults).toEqual(expect.arrayContaining(['crash', 'producer-retry']));
  for (let i = 0; i < 6; i++) await button(page, 'Next step').click();
  await expect(counter(page)).toHaveText(/Step 31 of/);
  const at = await position(page);
  const changed = await settings(page);
  expect(changed.slice(0, 4)).toEqual(['none', original[1], 'retracting', 'add-all']);
  expect(changed[7]).toBe('1m');
  const numbers = await shown(page);
  const figure = (p: Page) => p.getByRole('figure', { name: 'Unified pipeline picture' });
  const picture = (await pictureShot(figure(page))).shot;

  await button(page, 'Copy link').click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#/sandbox?s=28-streaming-systems-fig-2-11-early-late-heuristic&d=');

  const fresh = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const other = await fresh.newPage();
  const seenOther = watch(other);
  await other.goto(link);
  await expect(counter(other)).toHaveText(new RegExp(`Step ${at.i} of ${at.n}`));
  expect(await settings(other)).toEqual(changed);
  expect(await shown(other)).toEqual(numbers);
  expect(
    JSON.parse(await other.getByRole('textbox', { name: 'Scenario JSON' }).inputValue()).faults,
  ).toEqual(
    JSON.parse(await page.getByRole('textbox', { name: 'Scenario JSON' }).inputValue()).faults,
  );
  expect((await pictureShot(figure(other))).shot.equals(picture)).toBe(true);
  await expect(other.getByRole('alert')).toHaveCount(0);
  for (const s of [seen, seenOther]) expect(s.errors).toEqual([]);
  await fresh.close();
  await context.close();
});
