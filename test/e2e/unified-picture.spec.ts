import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { button, counter, pickScenario, SCREENS, watch } from './support/pipeline-page.ts';

/**
 * The unified picture in the sandbox: the event-time × processing-time plot, the results table
 * and the watermark per partition, loaded on demand. Pane marks come from the engine; a step back
 * then forward draws the identical plot; text stays 16 px and up at 1366 × 768 and on a phone;
 * zoom works from buttons and keys; axe finds nothing serious.
 */
const FIG_2_11 =
  'Streaming Systems fig. 2-11 (right): early, on-time and late panes, heuristic watermark';

const plot = (page: Page) =>
  page.getByRole('img', { name: /^Event time across, processing time up/ });

async function steps(page: Page, n: number): Promise<void> {
  for (let k = 0; k < n; k++) await button(page, 'Next step').click();
  await expect(counter(page)).toHaveText(new RegExp(`Step ${n} of`));
}

/** Smallest rendered font size (px on screen) of the visible text in the plot. */
async function smallestPlotFont(page: Page): Promise<{ size: number; where: string }> {
  return plot(page).evaluate((svg) => {
    const scale = (svg as SVGSVGElement).getScreenCTM()?.a ?? 1;
    let size = Infinity;
    let where = '';
    for (const text of Array.from(svg.querySelectorAll('text'))) {
      if (!text.textContent?.trim() || text.getBBox().width === 0) continue;
      const px = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (px < size) [size, where] = [px, text.textContent.trim()];
    }
    return { size, where };
  });
}

test('the plot draws the engine’s panes; a step back then forward draws the identical plot', async ({
  page,
}) => {
  const seen = watch(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#/sandbox');
  await pickScenario(page, FIG_2_11);
  await steps(page, 31);
  await expect(plot(page)).toBeVisible();
  // After step 31: the late pane for 12:00–12:02 (fig. 2-11: 5 early, 5 on time, 14 late).
  const values = await plot(page)
    .locator('[data-pane]')
    .evaluateAll((gs) =>
      gs.map((g) => `${g.getAttribute('data-timing')} ${g.getAttribute('data-value')}`),
    );
  expect(values).toEqual([
    'early 5',
    'on-time 5',
    'early 10',
    'on-time 18',
    'early 4',
    'on-time 4',
    'late 14',
  ]);
  await expect(plot(page).locator('[data-fate="late"]')).toHaveCount(1);
  const at = await plot(page).innerHTML();
  const table = await page.getByRole('table', { name: 'Results at the sink' }).innerText();
  await button(page, 'Previous step').click();
  await expect(counter(page)).toHaveText(/Step 30 of/);
  expect(await plot(page).innerHTML()).not.toBe(at);
  await button(page, 'Next step').click();
  await expect(counter(page)).toHaveText(/Step 31 of/);
  expect(await plot(page).innerHTML()).toBe(at);
  expect(await page.getByRole('table', { name: 'Results at the sink' }).innerText()).toBe(table);
  expect(seen.errors).toEqual([]);
});

test('zoom from the buttons and the keys, and back', async ({ page }) => {
  await page.goto('/#/sandbox');
  await pickScenario(page, FIG_2_11);
  await steps(page, 5);
  const ticks = () => plot(page).locator('.axes text').allTextContents();
  const before = await ticks();
  await button(page, 'Zoom in').click();
  await expect.poll(ticks).not.toEqual(before);
  await button(page, 'Reset zoom').click();
  await expect.poll(ticks).toEqual(before);
  await plot(page).focus();
  await page.keyboard.press('+');
  await expect.poll(ticks).not.toEqual(before);
  await page.keyboard.press('0');
  await expect.poll(ticks).toEqual(before);
});

for (const { width, height, label } of [
  { width: 1366, height: 768, label: 'projector-1366x768' },
  { width: 390, height: 844, label: 'phone-390x844' },
]) {
  test(`at ${width}×${height}: text in the plot is at least 16 px; no serious axe violation`, async ({
    page,
  }) => {
    const seen = watch(page);
    await page.setViewportSize({ width, height });
    await page.goto('/#/sandbox');
    await pickScenario(page, FIG_2_11);
    await steps(page, 31);
    await expect(plot(page)).toBeVisible();
    const font = await smallestPlotFont(page);
    expect(font.size, `smallest text in the plot ("${font.where}")`).toBeGreaterThanOrEqual(16);
    // The plot fits the page's width (no sideways scrolling to see it).
    const box = (await plot(page).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    await plot(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENS}/unified-plot-${label}.png` });
    const scan = await new AxeBuilder({ page }).analyze();
    const bad = scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
}
