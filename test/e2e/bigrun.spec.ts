/**
 * Big runs are built in the simulation worker: progress and Cancel while the previous run stays
 * usable, then the worker's frames show exactly the engine's numbers.
 */
import { expect, test, type Page } from '@playwright/test';
import { parseScenarioText, Simulation } from '../../src/engine/index.ts';
import { jumpBy, moment } from '../../src/engine/simulation/navigate.ts';

const counter = (page: Page) =>
  page.getByRole('status', { name: 'Current step' }).locator('strong');
const picture = (page: Page) => page.locator('section.area-picture');

function generated(count: number): string {
  return JSON.stringify({
    name: `Worker run: ${count} signups`,
    seed: 9,
    architecture: 'lambda',
    timeZone: 'UTC',
    start: '2026-11-22T00:00:00Z',
    end: '2026-11-24T06:00:00Z',
    generate: {
      count,
      from: '2026-11-22T00:00:00Z',
      to: '2026-11-24T00:00:00Z',
      lateFraction: 0.1,
    },
  });
}

async function runText(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Scenario JSON' }).fill(text);
  await page.getByRole('button', { name: 'Run scenario' }).click();
}

test('a big run is built in the worker and shows the engine’s numbers', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/#/sandbox');
  await expect(counter(page)).toHaveText(/^Step 0 of \d+$/);
  const text = generated(12_000);
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error('invalid test scenario');
  const simulation = Simulation.create(parsed.scenario);
  const steps = simulation.stepCount;

  await runText(page, text);
  await expect(counter(page)).toHaveText(`Step 0 of ${steps}`, { timeout: 30_000 });
  await expect(picture(page)).toHaveAttribute('data-frame-position', '0');
  await expect(page.getByText('12,000 events')).toBeVisible();

  for (const position of [Math.floor(steps / 3), steps]) {
    if (position === steps) await page.getByRole('button', { name: 'Go to end' }).click();
    else await page.getByRole('slider', { name: 'Timeline' }).fill(String(position));
    await expect(picture(page)).toHaveAttribute('data-frame-position', String(position));
    const rows = page.getByRole('table', { name: 'Per day at this step' }).locator('tbody tr');
    const days = simulation.view(position - 1).days;
    await expect(rows).toHaveCount(days.length);
    for (const [k, day] of days.entries()) {
      await expect(rows.nth(k).locator('td.number').first()).toHaveText(String(day.served));
    }
  }
  await page.getByRole('button', { name: 'Previous step' }).click();
  await expect(counter(page)).toHaveText(`Step ${steps - 1} of ${steps}`);
  await expect(picture(page)).toHaveAttribute('data-frame-position', String(steps - 1));
  await expect(page.getByRole('region', { name: 'Narration' })).toContainText(
    simulation.stepInfo(steps - 2).description.slice(0, 30),
  );
  // Coarse navigation, by key and by button, lands where the lookup over the engine's steps says.
  await page.getByRole('button', { name: 'Go to end' }).click();
  await page.getByRole('button', { name: 'Go to end' }).focus();
  await page.keyboard.press('Home');
  const columns = simulation.recordedSteps;
  const batch = moment(columns, 0, 'batch', 1);
  await page.keyboard.press('r');
  await expect(counter(page)).toHaveText(`Step ${batch} of ${steps}`);
  await page.getByRole('button', { name: /^\+1 day/ }).click();
  await expect(counter(page)).toHaveText(
    `Step ${jumpBy(columns, batch ?? 0, 86_400_000)} of ${steps}`,
  );
  await expect(picture(page)).not.toHaveAttribute('data-frame-position', 'pending');
  expect(errors).toEqual([]);
});

test('Cancel stops a build and the previous run stays as it was', async ({ page }) => {
  await page.goto('/#/sandbox');
  await expect(counter(page)).toHaveText(/^Step 0 of \d+$/);
  await page.getByRole('button', { name: 'Next step' }).click();
  const before = await counter(page).innerText();
  await runText(page, generated(3_000_000));
  await expect(page.getByRole('progressbar', { name: 'Building the run' })).toBeVisible();
  // The page stays usable while the worker builds.
  await page.getByRole('button', { name: 'Previous step' }).click();
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(counter(page)).toHaveText(before);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expect(counter(page)).toHaveText(before);
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(counter(page)).not.toHaveText(before);
});
