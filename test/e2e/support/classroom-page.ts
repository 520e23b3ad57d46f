/**
 * Helpers for the classroom browser tests (links, export and import, presenter, embed): the
 * pipeline helpers plus what those tests compare.
 */
import type { Page } from '@playwright/test';
import { perDay } from './pipeline-page.ts';

export * from './pipeline-page.ts';

/** Everything that shows numbers of the current step, as text. */
export async function numbersOnScreenText(page: Page): Promise<string[]> {
  return [
    await page
      .getByText(/^\s*Step \d+ of \d+\s*$/)
      .first()
      .innerText(),
    await perDay(page).innerText(),
    await page.getByRole('table', { name: 'Answers' }).innerText(),
  ];
}
