import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import {
  button,
  counter,
  expectDaysMatchEngine,
  fastSpeed,
  isDisabled,
  pickScenario,
  position,
  SCREENS,
  watch,
} from './support/pipeline-page.ts';

/**
 * The unified (Dataflow-style) pipeline in the browser: a unified scenario plays step by step
 * like Lambda and Kappa, its state (watermark, windows, panes, sink) and narration come from the
 * engine, and stepping back then forward shows the very same numbers and words.
 */
const FIG_2_11 =
  'Streaming Systems fig. 2-11 (right): early, on-time and late panes, heuristic watermark';

/** The unified pipeline's tables and the narration as text (what a learner reads). */
async function shown(page: Page): Promise<string> {
  const tables = page.locator('.area-picture table');
  const narration = page.getByRole('region', { name: 'Narration' });
  return `${(await tables.allInnerTexts()).join('\n')}\n--\n${await narration.innerText()}`;
}

test('a unified scenario plays to the end with no console error', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/#/sandbox');
  await pickScenario(page, FIG_2_11);
  const { n } = await position(page);
  await fastSpeed(page);
  await button(page, 'Play').click();
  await expect(counter(page)).toHaveText(new RegExp(`^\\s*Step ${n} of ${n}\\s*$`), {
    timeout: 60_000,
  });
  await expect(button(page, 'Play')).toBeVisible();
  await expectDaysMatchEngine(page, 'unified at the end');
  // The plot and the results table are the picture; the pipeline's state as tables is in Table view.
  await expect(page.getByRole('table', { name: 'Results at the sink' })).toBeVisible();
  await button(page, 'Table view').click();
  const picture = page.getByRole('region', { name: 'Table view' });
  await expect(picture.getByRole('table', { name: /Sink \(results table\)/ })).toBeVisible();
  await expect(picture.getByRole('table', { name: 'Panes fired' })).toContainText('late');
  expect(seen.errors).toEqual([]);
});

test('a step back then forward shows identical numbers and words', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/#/sandbox');
  await pickScenario(page, FIG_2_11);
  for (let k = 0; k < 12; k++) await button(page, 'Next step').click();
  await expect(counter(page)).toHaveText(/Step 12 of/);
  const at12 = await shown(page);
  await expectDaysMatchEngine(page, 'unified step 12');
  await button(page, 'Previous step').click();
  await expect(counter(page)).toHaveText(/Step 11 of/);
  expect(await shown(page)).not.toBe(at12);
  await button(page, 'Next step').click();
  await expect(counter(page)).toHaveText(/Step 12 of/);
  expect(await shown(page)).toBe(at12);
  // The Timeline and Go to end reach the same state as stepping.
  await button(page, 'Go to end').click();
  const { n } = await position(page);
  await expect(counter(page)).toHaveText(new RegExp(`Step ${n} of ${n}`));
  await expectDaysMatchEngine(page, 'unified at the end');
  expect(seen.errors).toEqual([]);
});

for (const [width, height] of [
  [1366, 768],
  [390, 844],
] as const) {
  test(`at ${width}×${height}: a unified session has no serious axe violations; screenshot`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/#/sandbox');
    await pickScenario(page, FIG_2_11);
    for (let k = 0; k < 20; k++) await button(page, 'Next step').click();
    await expect(counter(page)).toHaveText(/Step 20 of/);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact ?? ''));
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}/unified-${width}.png`, fullPage: true });
  });
}

/** What the run shows: the step count and the engine's tables (changes when the run changes). */
async function runShown(page: Page): Promise<string> {
  const { n } = await position(page);
  return `${n}\n${await shown(page)}`;
}

test('each unified control changes the run; a bad value names the field and the run stays', async ({
  page,
}) => {
  // Eleven controls, each re-running the scenario: the time grows with their number.
  test.slow();
  const seen = watch(page);
  await page.goto('/#/sandbox');
  await pickScenario(page, FIG_2_11);
  /** Go to end (it is aria-disabled, and not clicked, when already there). */
  const toEnd = async () => {
    const end = button(page, 'Go to end');
    if (!(await isDisabled(end))) await end.click();
  };
  await toEnd();
  const text = async (label: string, value: string) => {
    const box = page.getByRole('textbox', { name: label, exact: true });
    await box.fill(value);
    await box.press('Enter');
  };
  const select = (label: string, value: string) =>
    page.getByRole('combobox', { name: label, exact: true }).selectOption(value);
  const controls: [string, () => Promise<unknown>][] = [
    ['Window size', () => text('Window size', '4m')],
    ['Aggregate', () => select('Aggregate', 'count')],
    ['Allowed lateness', () => text('Allowed lateness', '0s')],
    ['Early trigger', () => select('Early trigger', 'none')],
    ['On-time pane', () => page.getByRole('checkbox', { name: 'On-time pane' }).click()],
    ['Late trigger', () => select('Late trigger', 'processing-time')],
    ['Accumulation', () => select('Accumulation', 'retracting')],
    ['Sink', () => select('Sink', 'add-all')],
    ['Watermark', () => select('Watermark', 'heuristic')],
    ['Watermark bound', () => text('Watermark bound', '3m')],
    ['Idle after', () => text('Idle after', '30s')],
  ];
  for (const [name, change] of controls) {
    await toEnd();
    const before = await runShown(page);
    await change();
    // The run is re-run from the same moment (the end): what it shows there changes.
    await expect
      .poll(() => runShown(page), { message: `${name} changes the run` })
      .not.toBe(before);
  }
  const before = await runShown(page);
  await text('Window size', 'soon');
  // Beside the field (and linked to it), the reader's message naming the field.
  const problem = page.getByRole('alert').filter({ hasText: /^Window size: unified\.window/ });
  await expect(problem).toContainText('"day" or a window size');
  await expect(page.getByRole('textbox', { name: 'Window size' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  expect(await runShown(page)).toBe(before);
  await page.screenshot({ path: `${SCREENS}/unified-controls.png`, fullPage: true });
  expect(seen.errors).toEqual([]);
});
