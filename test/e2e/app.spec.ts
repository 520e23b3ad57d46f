import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';

const SCREENS = 'test-results/screens';
const FIRST_SCENARIO = readFileSync('scenarios/01-yesterday-vs-today.json', 'utf8');

/** Console errors, page errors and requests to any host but the preview server. */
function watch(page: Page): { errors: string[]; foreignRequests: string[] } {
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.hostname !== '127.0.0.1') foreignRequests.push(request.url());
  });
  return { errors, foreignRequests };
}

const counter = (page: Page) =>
  page.getByRole('status', { name: 'Current step' }).locator('strong');
const answers = (page: Page) => page.getByRole('table', { name: 'Answers' });
const perDay = (page: Page) => page.getByRole('table', { name: 'Per day at this step' });

/** Everything that shows numbers of the current step, as text. */
async function numbersOnScreen(page: Page): Promise<string[]> {
  return [
    await page.getByRole('status', { name: 'Current step' }).innerText(),
    await perDay(page).innerText(),
    await page.getByRole('region', { name: 'Pipeline at this step' }).innerText(),
    await answers(page).innerText(),
  ];
}

async function goToEnd(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Go to end' }).click();
  const text = (await counter(page).innerText()).trim();
  const match = /^Step (\d+) of (\d+)$/.exec(text);
  expect(match, `counter reads "${text}"`).not.toBeNull();
  expect(match![1]).toBe(match![2]);
  return Number(match![2]);
}

/** The bundled scenario files, by file name (the picker's order). */
const BUNDLED = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json'))
  .sort((x, y) => x.localeCompare(y));
/** Unified scenarios run headless; the picker leaves them out until the page can play them. */
const PLAYABLE = BUNDLED.filter(
  (f) =>
    (JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as { architecture?: string })
      .architecture !== 'unified',
);
const pickerFiles = (page: Page): Promise<string[]> =>
  page
    .getByRole('combobox', { name: 'Scenario' })
    .locator('option:not([disabled])')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));

test('the Scenario picker lists the bundled scenarios in file order', async ({ page }) => {
  await page.goto('/#/sandbox');
  await expect(page.getByRole('heading', { level: 1, name: 'Lambda·Kappa Lab' })).toBeVisible();
  // The sandbox loads on demand after the shell's heading: wait for its picker's options.
  await expect(
    page.getByRole('combobox', { name: 'Scenario' }).locator('option:not([disabled])').first(),
  ).toBeAttached();
  const files = await pickerFiles(page);
  expect(files).toEqual(BUNDLED.filter((f) => files.includes(f)));
  expect(files).toEqual(expect.arrayContaining(PLAYABLE));
});

// One test per scenario (each with the usual time budget, so a loaded machine does not fail
// the last ones for the time the first ones took).
for (const [i, file] of BUNDLED.entries()) {
  test(`bundled scenario ${file} runs to the end and shows its answers`, async ({ page }) => {
    const seen = watch(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/#/sandbox?s=${file.replace(/\.json$/, '')}&step=0`);
    await expect(counter(page)).toHaveText(/^Step 0 of \d+$/);
    test.skip(!(await pickerFiles(page)).includes(file), 'not in the picker yet (unified)');
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue(file);
    const steps = await goToEnd(page);
    expect(steps).toBeGreaterThan(0);
    await expect(answers(page)).toBeVisible();
    const rows = answers(page).locator('tbody tr');
    for (const row of await rows.all()) {
      await expect(row).toContainText(/answered|asks no queries/);
    }
    await expect(page.getByRole('alert')).toHaveCount(0);
    const shot = `scenario-${String(i + 1).padStart(2, '0')}.png`;
    await page.screenshot({ path: `${SCREENS}/${shot}`, fullPage: true });
    expect(seen.errors).toEqual([]);
    expect(seen.foreignRequests).toEqual([]);
  });
}

test('stepping back then forward shows the identical numbers', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/#/sandbox');
  const steps = await goToEnd(page);
  const atEnd = await numbersOnScreen(page);
  await page.getByRole('button', { name: 'Previous step' }).click();
  await expect(counter(page)).toHaveText(`Step ${steps - 1} of ${steps}`);
  await page.getByRole('button', { name: 'Next step' }).click();
  expect(await numbersOnScreen(page)).toEqual(atEnd);

  const middle = Math.floor(steps / 2);
  await page.getByRole('slider', { name: 'Timeline' }).fill(String(middle));
  await expect(counter(page)).toHaveText(`Step ${middle} of ${steps}`);
  const atMiddle = await numbersOnScreen(page);
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText(`Step ${middle + 1} of ${steps}`);
  await page.keyboard.press('ArrowLeft');
  await expect(counter(page)).toHaveText(`Step ${middle} of ${steps}`);
  expect(await numbersOnScreen(page)).toEqual(atMiddle);
  expect(seen.errors).toEqual([]);
});

test('invalid scenario JSON shows the problems and the previous answers stay', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/#/sandbox');
  const steps = await goToEnd(page);
  const before = await numbersOnScreen(page);

  const invalid = JSON.stringify({
    architecture: 'lambda',
    events: [{ id: 'e1', user: 'u1', time: 'yesterday' }],
    queries: [{ at: '2026-11-24T10:00:00Z', day: 'someday' }],
  });
  await page.getByRole('textbox', { name: 'Scenario JSON' }).fill(invalid);
  await page.getByRole('button', { name: 'Run scenario' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('events[0].time');
  expect(await alert.getByRole('listitem').count()).toBeGreaterThan(0);
  expect(await numbersOnScreen(page)).toEqual(before);

  await page.getByRole('button', { name: 'Previous step' }).click();
  await expect(counter(page)).toHaveText(`Step ${steps - 1} of ${steps}`);
  expect(seen.errors).toEqual([]);
});

test('importing a scenario file runs it', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/#/sandbox');
  const imported = { ...JSON.parse(FIRST_SCENARIO), name: 'Imported copy' };
  await page.getByLabel('Import scenario file').setInputFiles({
    name: 'imported.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(imported)),
  });
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('custom');
  await expect(page.getByRole('option', { name: 'Your scenario: Imported copy' })).toBeAttached();
  await goToEnd(page);
  await expect(answers(page).locator('tbody tr').first()).toContainText('answered');
  expect(seen.errors).toEqual([]);
});

for (const { width, height, label } of [
  { width: 1366, height: 768, label: 'wide-1366x768' },
  { width: 390, height: 844, label: 'narrow-390x844' },
]) {
  test(`at ${width}×${height}: no serious axe violations, no sideways scroll, screenshots`, async ({
    page,
  }) => {
    const seen = watch(page);
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/#/sandbox');
    await page.getByRole('button', { name: 'Go to end' }).click();
    await page.getByRole('button', { name: 'Previous step' }).click();
    await page.screenshot({ path: `${SCREENS}/${label}.png` });
    await page.screenshot({ path: `${SCREENS}/${label}-full.png`, fullPage: true });

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'page scrolls sideways').toBeLessThanOrEqual(0);

    await page.getByRole('textbox', { name: 'Scenario JSON' }).fill('{ "architecture": "lambda" }');
    await page.getByRole('button', { name: 'Run scenario' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/${label}-problems-full.png`, fullPage: true });

    // Keyboard focus must be visible: the playback buttons come first in the tab order.
    await page.getByRole('button', { name: 'Restart' }).focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Previous step' })).toBeFocused();
    await page
      .getByRole('region', { name: 'Step through the run' })
      .screenshot({ path: `${SCREENS}/${label}-focus.png` });

    const scan = await new AxeBuilder({ page }).analyze();
    const serious = scan.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.foreignRequests).toEqual([]);
  });
}
