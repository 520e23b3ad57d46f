import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';

/**
 * Until the page can play the unified pipeline step by step, a unified scenario (valid: the
 * headless simulator runs it) is refused with a clear message, and the current run stays.
 */
test('a unified scenario is refused with a clear message and the current run stays', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('/#/sandbox');
  const counter = page.getByRole('status', { name: 'Current step' }).locator('strong');
  await expect(counter).toBeVisible();
  await page.getByRole('button', { name: 'Go to end' }).click();
  const before = await counter.innerText();

  const unified = readFileSync(
    'scenarios/28-streaming-systems-fig-2-11-early-late-heuristic.json',
    'utf8',
  );
  await page.getByRole('textbox', { name: 'Scenario JSON' }).fill(unified);
  await page.getByRole('button', { name: 'Run scenario' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('cannot play a unified');
  await expect(alert).toContainText('npm run simulate');
  expect(await counter.innerText()).toBe(before);
  expect(errors).toEqual([]);
});
