/**
 * The compare view: one scenario through Lambda and Kappa on one timeline. It plays to the end
 * with no console error, the Timeline seeks both columns, the sandbox's "Compare architectures"
 * opens the same scenario, a corrupt link says so and the page still works, axe finds no
 * serious or critical violation, and it works keyboard only at 1366×768 and 390 px.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { buildComparison } from '../../src/compare/compare.build.ts';
import { COMPARE_COLUMNS } from '../../src/compare/compare.columns.ts';
import { fastSpeed, SCREENS, timeline, watch } from './support/pipeline-page.ts';

const column = (page: Page, architecture: string) =>
  page.locator(`section[data-column="${architecture}"]`);
const answers = (page: Page) =>
  page.getByRole('table', { name: /Queries: each architecture's answer/ });

/** The engine's comparison of a bundled scenario (what the page must show). */
function engineComparison(file: string) {
  const built = buildComparison(readFileSync(`scenarios/${file}`, 'utf8'), COMPARE_COLUMNS);
  if (!built.ok) throw new Error(built.problems.join('\n'));
  return built.comparison;
}

async function axeSerious(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}`);
}

test('the compare view plays to the end with no console error and reveals every answer', async ({
  page,
}) => {
  const seen = watch(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/compare?s=05-at-least-once-crash');
  const c = engineComparison('05-at-least-once-crash.json');
  await expect(timeline(page)).toHaveAttribute('max', String(c.moments.length));
  await expect(answers(page)).toContainText('not asked yet');
  await fastSpeed(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(timeline(page)).toHaveValue(String(c.moments.length), { timeout: 20_000 });
  await expect(answers(page)).not.toContainText('not asked yet');
  // Every answer on screen is the engine's, per column.
  for (const run of c.columns) {
    if (run.kind !== 'run') continue;
    const cells = answers(page).locator(`td[data-column="${run.column.architecture}"] .served`);
    await expect(cells).toHaveText(run.simulation.report().answers.map((a) => String(a.served)));
  }
  await page.screenshot({ path: `${SCREENS}/compare-end-1366.png`, fullPage: true });
  expect(await axeSerious(page)).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.foreignRequests).toEqual([]);
});

test('the Timeline seeks both columns to the same shared time', async ({ page }) => {
  await page.goto('/#/compare?s=13-kappa-deploy-and-replay');
  const c = engineComparison('13-kappa-deploy-and-replay.json');
  const slider = timeline(page);
  await expect(slider).toHaveAttribute('max', String(c.moments.length));
  for (const p of [c.moments.length, 0, Math.floor(c.moments.length / 2)]) {
    await slider.fill(String(p));
    for (const run of c.columns) {
      if (run.kind !== 'run') continue;
      // The column's log holds what its own run had appended at the shared time.
      const steps = run.simulation.stepsBefore(p === 0 ? -Infinity : c.moments[p - 1] + 1);
      const appended = p === 0 ? 0 : run.simulation.view(steps - 1).log.appended;
      await expect(column(page, run.column.architecture).getByText(/^\d+ records?$/)).toHaveText(
        `${appended} record${appended === 1 ? '' : 's'}`,
      );
    }
  }
  await expect(answers(page)).toContainText('not asked yet');
});

test('the sandbox’s Compare architectures opens the same scenario', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/#/sandbox?s=07-exactly-once-crash-and-retry&step=5');
  const link = page.getByRole('link', { name: 'Compare architectures' });
  await expect(link).toHaveAttribute('href', '#/compare?s=07-exactly-once-crash-and-retry');
  await link.click();
  await expect(page).toHaveURL(/#\/compare\?s=07-exactly-once-crash-and-retry$/);
  const name = JSON.parse(readFileSync('scenarios/07-exactly-once-crash-and-retry.json', 'utf8'))
    .name as string;
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue(
    '07-exactly-once-crash-and-retry',
  );
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toContainText(name);
  // A sandbox edit (a learner's own scenario) travels in the link too.
  await page.goto('/#/sandbox?s=12-kappa-basics');
  await page.getByRole('button', { name: 'Add signup' }).click();
  await expect(page.getByRole('link', { name: 'Compare architectures' })).toHaveAttribute(
    'href',
    /#\/compare\?s=12-kappa-basics&d=1\./,
  );
  await page.getByRole('link', { name: 'Compare architectures' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(timeline(page)).toBeVisible();
  expect(seen.errors).toEqual([]);
});

test('a corrupt compare link says what is wrong, and the page still works', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/#/compare?x=1.this-is-not-a-scenario');
  await expect(page.getByRole('alert')).toContainText('This link could not be read');
  await expect(page.getByRole('alert')).toContainText('Showing the default scenario instead');
  await page.getByRole('button', { name: 'Go to end' }).click();
  await expect(answers(page)).not.toContainText('not asked yet');
  await page.goto('/#/compare?s=99-nothing');
  await expect(page.getByRole('alert')).toContainText('does not have');
  expect(seen.errors).toEqual([]);
});

test('keyboard only, at 1366×768 and 390 px wide', async ({ page }) => {
  for (const [width, height] of [
    [1366, 768],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await page.goto('about:blank');
    await page.goto('/#/compare?s=03-hand-off-after-a-batch-run');
    await expect(timeline(page)).toBeVisible();
    // Tab to the Play button and start it with the keyboard; arrows step the shared timeline.
    const play = page.getByRole('button', { name: 'Play' });
    for (let i = 0; i < 40 && !(await play.evaluate((b) => b === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    await expect(play).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(timeline(page)).toHaveValue('1');
    await page.keyboard.press('End');
    await expect(answers(page)).not.toContainText('not asked yet');
    await page.keyboard.press('Home');
    await expect(timeline(page)).toHaveValue('0');
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
    await page.screenshot({ path: `${SCREENS}/compare-${width}.png`, fullPage: true });
    expect(await axeSerious(page)).toEqual([]);
  }
});

test('three columns fit: side by side at 1366×768, stacked at 390 px, none cut off', async ({
  page,
}) => {
  const seen = watch(page);
  for (const [width, height] of [
    [1366, 768],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await page.goto('about:blank');
    await page.goto('/#/compare?s=03-hand-off-after-a-batch-run');
    await page.getByRole('button', { name: 'Go to end' }).click();
    await expect(answers(page)).not.toContainText('not asked yet');
    const sections = page.locator('section[data-column]');
    await expect(sections).toHaveCount(COMPARE_COLUMNS.length);
    const boxes = await sections.evaluateAll((all) =>
      all.map((s) => {
        const r = s.getBoundingClientRect();
        return {
          column: s.getAttribute('data-column'),
          left: r.left,
          right: r.right,
          top: r.top,
          overflow: s.scrollWidth - s.clientWidth,
        };
      }),
    );
    expect(boxes.map((b) => b.column)).toEqual(COMPARE_COLUMNS.map((c) => c.architecture));
    for (const [i, b] of boxes.entries()) {
      const where = `${b.column} at ${width} px`;
      await expect(
        sections.nth(i).getByRole('heading', { name: COMPARE_COLUMNS[i].label, exact: true }),
      ).toBeVisible();
      expect(b.left, `${where}: starts on screen`).toBeGreaterThanOrEqual(0);
      expect(b.right, `${where}: ends on screen`).toBeLessThanOrEqual(width);
      expect(b.overflow, `${where}: nothing inside is cut off`).toBeLessThanOrEqual(0);
      if (i > 0 && width >= 1366) expect(b.top, `${where}: beside the last`).toBe(boxes[0].top);
      if (i > 0 && width < 1366)
        expect(b.top, `${where}: below the last`).toBeGreaterThan(boxes[i - 1].top);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    );
  }
  expect(seen.errors).toEqual([]);
});
