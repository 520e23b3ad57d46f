/**
 * A picture is drawn for the width it has from the moment it appears. The unified plot used to be
 * drawn for a default 900 px until its ResizeObserver first reported (a frame later), so a lesson
 * step read at that moment showed a 900-px plot in a 910-px column (the lesson-11 "Back" test
 * failed once on it). Every width the plot's SVG is ever given is recorded as it is set.
 */
import { expect, test } from '@playwright/test';

test('the unified plot of a lesson is drawn at its column’s width from its first frame', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { plotWidths: string[] }).plotWidths = seen;
    const note = (svg: Element) => seen.push(svg.getAttribute('width') ?? '');
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && (r.target as Element).matches('.plot svg'))
          note(r.target as Element);
        for (const node of Array.from(r.addedNodes))
          if (node instanceof Element) node.querySelectorAll('.plot svg').forEach(note);
      }
    }).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['width'],
    });
  });
  await page.goto('/#/lessons/11-one-pipeline-for-both/1');
  const plot = page.locator('.lesson .plot svg');
  await expect(plot).toBeVisible();
  // Forward across the lesson's change of scenario file and back again.
  for (const name of ['Next', 'Next', 'Next', 'Back', 'Back', 'Back']) {
    await page.getByRole('button', { name, exact: true }).click();
    await expect(plot).toBeVisible();
  }
  const column = await page
    .locator('.lesson .plot')
    .evaluate((box) => parseFloat(getComputedStyle(box).width));
  const widths = await page.evaluate(
    () => (window as unknown as { plotWidths: string[] }).plotWidths,
  );
  expect(widths.length).toBeGreaterThan(0);
  for (const width of widths) expect(Number(width)).toBeCloseTo(column, 0);
});
