import { expect, test, type Page } from '@playwright/test';
import { installUnifiedReasons } from '../../src/engine/arch/unified/unified.reasons.ts';
import {
  counter,
  isDisabled,
  position,
  scenarioJson,
  simulate,
  speed,
  watch,
} from './support/pipeline-page.ts';

/**
 * The unified sandbox with the keyboard only (play, step, zoom the plot, read the results table
 * and the reasons served differs from truth, every number the engine's), and with reduced motion
 * (nothing animates; the same final state as with motion).
 */
installUnifiedReasons();
const FIG_2_11 = '/#/sandbox?s=28-streaming-systems-fig-2-11-early-late-heuristic&step=0';
const plot = (page: Page) =>
  page.getByRole('img', { name: /^Event time across, processing time up/ });
const results = (page: Page) => page.getByRole('table', { name: 'Results at the sink' });
const ticks = (page: Page) => plot(page).locator('.axes text').allTextContents();

async function press(page: Page, key: string, times = 1): Promise<void> {
  for (let k = 0; k < times; k++) await page.keyboard.press(key);
}

test('keyboard only: play, step, zoom the plot, read the results table and the reasons', async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto(FIG_2_11);
  await expect(counter(page)).toHaveText(/Step 0 of \d+/);
  const { n } = await position(page);
  // Steps: → and ←; End and Home; Space plays and pauses.
  await press(page, 'ArrowRight', 5);
  await expect(counter(page)).toHaveText(/Step 5 of/);
  await press(page, 'ArrowLeft');
  await expect(counter(page)).toHaveText(/Step 4 of/);
  await press(page, 'End');
  await expect(counter(page)).toHaveText(new RegExp(`Step ${n} of ${n}`));
  await press(page, 'Home');
  await expect(counter(page)).toHaveText(/Step 0 of/);
  await press(page, ' ');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect.poll(async () => (await position(page)).i).toBeGreaterThan(0);
  await press(page, ' ');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await press(page, 'Home');
  await press(page, 'ArrowRight', 31);
  await expect(counter(page)).toHaveText(/Step 31 of/);

  // The plot is reached with Tab; + zooms it (not the speed), arrows pan it (not the step), 0 resets.
  for (let k = 0; k < 200; k++) {
    const onPlot = await plot(page).evaluate((svg) => svg === document.activeElement);
    if (onPlot) break;
    await press(page, 'Tab');
  }
  await expect(plot(page)).toBeFocused();
  const before = await ticks(page);
  const rate = await speed(page).inputValue();
  await press(page, '+');
  await expect.poll(() => ticks(page)).not.toEqual(before);
  // Panning moves the axes (the labels may stay the same, at other places).
  const axes = () => plot(page).locator('.axes').innerHTML();
  const zoomed = await axes();
  await press(page, 'ArrowRight');
  await expect.poll(axes).not.toEqual(zoomed);
  await expect(counter(page)).toHaveText(/Step 31 of/);
  expect(await speed(page).inputValue()).toBe(rate);
  await press(page, '0');
  await expect.poll(() => ticks(page)).toEqual(before);

  // The results table reads as a table: headers, one row per window, the engine's sink values.
  const text = await scenarioJson(page).inputValue();
  const view = simulate(text).view(30);
  if (view.architecture !== 'unified') throw new Error('not unified');
  await expect(results(page).getByRole('columnheader')).toHaveText([
    'Window',
    'Panes, and what each did',
    'Sink holds',
    'Truth',
  ]);
  for (const s of view.unified.sink) {
    const row = results(page).locator(`tr[data-window="${s.start}"]`);
    await expect(row.getByRole('rowheader')).toBeVisible();
    await expect(row.locator('td').nth(1)).toHaveText(new RegExp(`^\\s*${s.value}\\b`));
  }
  // Served vs truth gives the engine's reasons for each day that differs, in words.
  const truth = page.getByRole('region', { name: 'Served versus truth' });
  for (const d of view.days) {
    for (const r of simulate(text).explain(30, d.day).reasons)
      await expect(truth).toContainText(r.text);
  }
  expect(seen.errors).toEqual([]);
});

/** What a learner reads at the end: counter, results table, served vs truth. */
async function endState(page: Page): Promise<string[]> {
  return [
    await counter(page).innerText(),
    await results(page).innerText(),
    await page.getByRole('region', { name: 'Served versus truth' }).innerText(),
  ];
}

test('reduced motion: nothing animates at any step, and it ends as with motion', async ({
  browser,
}) => {
  const still = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await still.newPage();
  const seen = watch(page);
  await page.goto(FIG_2_11);
  await expect(counter(page)).toHaveText(/Step 0 of/);
  const { n } = await position(page);
  for (let k = 0; k < n; k++) {
    await press(page, 'ArrowRight');
    await expect(counter(page)).toHaveText(new RegExp(`Step ${k + 1} of`));
    const running = await page.evaluate(() => document.getAnimations().length);
    expect(running, `animations after step ${k + 1}`).toBe(0);
    await expect(page.locator('.results tr.flash, .record.pop')).toHaveCount(0);
  }
  const reduced = await endState(page);
  expect(seen.errors).toEqual([]);

  // With motion: the same end, and the same marks animate (the check above can fail).
  const moving = await browser.newContext({ reducedMotion: 'no-preference' });
  const other = await moving.newPage();
  await other.goto(FIG_2_11);
  await expect(counter(other)).toHaveText(/Step 0 of/);
  await press(other, 'ArrowRight', 31);
  await expect(counter(other)).toHaveText(/Step 31 of/);
  await expect(other.locator('.results tr.flash')).toHaveCount(1);
  const end = other.getByRole('button', { name: 'Go to end', exact: true });
  if (!(await isDisabled(end))) await end.click();
  await expect(counter(other)).toHaveText(new RegExp(`Step ${n} of ${n}`));
  expect(await endState(other)).toEqual(reduced);
  await still.close();
  await moving.close();
});
