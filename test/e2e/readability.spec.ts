/**
 * Readable from the back of a room and on a phone (issue 7): measured in the browser at a
 * projector's 1366 × 768 and a phone's 390 × 844. Rendered font sizes (CSS size × the SVG's
 * scale on screen), the picture's box from step to step, and what the first screen shows.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  button,
  counter,
  openDisclosure,
  pipelinePicture,
  position,
  SCREENS,
  timeline,
  watch,
  bundledScenarios,
} from './support/pipeline-page.ts';

const SIZES = [
  { width: 1366, height: 768, label: 'projector-1366x768' },
  { width: 390, height: 844, label: 'phone-390x844' },
] as const;

/** Smallest rendered font size (px on screen) of the visible text in the picture, and of the page. */
async function smallestFonts(
  page: Page,
): Promise<{ picture: number; page: number; where: string }> {
  return page.evaluate(() => {
    const svg = document.querySelector('svg[aria-label="Pipeline picture"]') as SVGSVGElement;
    const scale = svg.getScreenCTM()?.a ?? 1;
    let picture = Infinity;
    let smallest = Infinity;
    let where = '';
    for (const text of Array.from(svg.querySelectorAll('text'))) {
      if (!text.textContent?.trim() || text.getBBox().width === 0) continue;
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (size < picture) [picture, where] = [size, `picture: "${text.textContent.trim()}"`];
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || parent.closest('svg')) continue;
      if (parent.closest('.visually-hidden, [hidden], details:not([open]) > :not(summary)'))
        continue;
      const box = parent.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const size = parseFloat(getComputedStyle(parent).fontSize);
      if (size < smallest) {
        smallest = size;
        if (size < 13) where = `page: "${node.textContent.trim().slice(0, 40)}"`;
      }
    }
    return { picture, page: smallest, where };
  });
}

for (const { width, height, label } of SIZES) {
  test(`at ${width}×${height}: text in the picture is at least 16 px, nothing on the page under 13 px`, async ({
    page,
  }) => {
    const seen = watch(page);
    await page.setViewportSize({ width, height });
    await page.goto('/#/sandbox');
    await expect(pipelinePicture(page)).toBeVisible();
    for (let i = 0; i < 12; i++) await button(page, 'Next step').click();
    await openDisclosure(page, 'Legend');
    await expect(page.locator('details.legend li').first()).toBeVisible(); // loaded on demand
    const fonts = await smallestFonts(page);
    expect(fonts.picture, `smallest text in the picture (${fonts.where})`).toBeGreaterThanOrEqual(
      16,
    );
    expect(fonts.page, `smallest text on the page (${fonts.where})`).toBeGreaterThanOrEqual(13);
    await page.screenshot({ path: `${SCREENS}/readable-${label}.png` });
    expect(seen.errors).toEqual([]);
  });
}

test('the picture does not move or change size between steps, nor when the legend or table view opens', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/sandbox');
  const picture = pipelinePicture(page);
  const first = await picture.boundingBox();
  expect(first).not.toBeNull();
  const { n } = await position(page);
  const moved: string[] = [];
  for (let i = 1; i <= n; i++) {
    await button(page, 'Next step').click();
    await expect(counter(page)).toHaveText(new RegExp(`Step ${i} of`));
    const box = await picture.boundingBox();
    if (JSON.stringify(box) !== JSON.stringify(first))
      moved.push(`step ${i}: ${JSON.stringify(box)}`);
  }
  expect(moved, `the picture's box at step 0 was ${JSON.stringify(first)}`).toEqual([]);
  await openDisclosure(page, 'Legend');
  await openDisclosure(page, 'Table view');
  expect(await picture.boundingBox()).toEqual(first);
});

/** The bundled Lambda and Kappa scenarios (file without `.json`), read as the app bundles them. */
const PIPELINE_SCENARIOS = bundledScenarios('pipeline').map((s) => s.file);

test('at 1366×768 the first screen shows the controls, narration, the whole picture, its time strip and served vs truth, in every Lambda and Kappa scenario', async ({
  page,
}) => {
  test.setTimeout(120_000); // 20 scenarios, five moments each, on a small shared machine
  expect(PIPELINE_SCENARIOS.length, 'bundled Lambda and Kappa scenarios').toBeGreaterThan(15);
  await page.setViewportSize({ width: 1366, height: 768 });
  const parts = [
    ['Next step', () => button(page, 'Next step')],
    ['the narration', () => page.getByRole('status', { name: 'Current step' })],
    ['the picture', () => pipelinePicture(page)],
    ['the time strip', () => page.getByRole('slider', { name: 'Time strip' })],
    ['its jump buttons', () => page.getByRole('group', { name: 'Jump in time' })],
    ['Served vs truth', () => page.getByRole('region', { name: 'Served versus truth' })],
  ] as const;
  const outside: string[] = [];
  let twoJobs = 0;
  for (const file of PIPELINE_SCENARIOS) {
    await page.goto(`/#/sandbox?s=${file}&step=0`);
    await expect(counter(page)).toHaveText(/^Step 0 of/);
    const { n } = await position(page);
    // The start, three moments on the way and the end (where most days and jobs are shown).
    for (const at of new Set([
      0,
      Math.round(n / 4),
      Math.round(n / 2),
      Math.round((3 * n) / 4),
      n,
    ])) {
      await timeline(page).fill(String(at));
      await expect(counter(page)).toHaveText(`Step ${at} of ${n}`);
      if ((await page.locator('svg[aria-label="Pipeline picture"] g.job').count()) > 1) twoJobs++;
      for (const [what, locate] of parts) {
        const box = await locate().boundingBox();
        if (!box || box.y < 0 || box.y + box.height > 768 || box.x + box.width > 1366)
          outside.push(`${file} step ${at}: ${what} ${JSON.stringify(box)}`);
      }
      if ((await page.evaluate(() => window.scrollY)) !== 0) outside.push(`${file}: scrolled`);
    }
  }
  expect(outside).toEqual([]);
  expect(twoJobs, 'moments with two Kappa jobs (a replay) were measured').toBeGreaterThan(3);
  await page.goto('/#/sandbox?s=13-kappa-deploy-and-replay&step=30');
  await expect(counter(page)).toHaveText(/^Step 30 of/);
  await page.screenshot({ path: `${SCREENS}/readable-kappa-two-jobs-1366x768.png` });
});

test('on a 390 px phone the step buttons stay on screen while the picture scrolls, and lineage shows beside them', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/#/sandbox');
  const served = page.getByRole('button', { name: /^Served \d+ on / }).first();
  for (let i = 0; i < 20; i++) await button(page, 'Next step').click();
  await served.scrollIntoViewIfNeeded();
  const next = await button(page, 'Next step').boundingBox();
  expect(next, 'Next step').not.toBeNull();
  expect(next!.y + next!.height, 'Next step is on the screen').toBeLessThanOrEqual(844);
  expect(next!.y).toBeGreaterThanOrEqual(0);
  const box = await served.boundingBox();
  expect(box!.y + box!.height, 'the served number is not under the bar').toBeLessThanOrEqual(
    next!.y,
  );
  await button(page, 'Next step').click();
  await expect(counter(page)).toHaveText(/Step 21 of/);
  await served.click();
  const tracing = page.getByRole('status').filter({ hasText: 'Tracing' });
  await expect(tracing).toBeVisible();
  const caption = await tracing.boundingBox();
  expect(caption!.y + caption!.height, 'lineage shows on the screen').toBeLessThanOrEqual(844);
  expect(caption!.y).toBeGreaterThanOrEqual(0);
  await expect(tracing).toContainText(/Batch: e\d/);
  await page.keyboard.press('Escape');
  await expect(tracing).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/readable-phone-scrolled.png` });
});

test('on a 390 px phone every control is at least 24 × 24 px (WCAG 2.5.8)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/#/sandbox');
  for (let i = 0; i < 20; i++) await button(page, 'Next step').click();
  const small = await page.evaluate(() =>
    Array.from(
      document.querySelectorAll(
        'button, select, input:not([type=hidden]), textarea, summary, [role=button], [role=slider]',
      ),
    )
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0)
      .filter(({ box }) => box.width < 24 || box.height < 24)
      .map(
        ({ element, box }) =>
          `${element.tagName} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
      ),
  );
  expect(small).toEqual([]);
});

test('the time strip seeks by time: a click, the arrow keys and "Next crash"', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/sandbox');
  const strip = page.getByRole('slider', { name: 'Time strip' });
  const box = (await strip.boundingBox())!;
  expect(box.y + box.height, 'the strip is on the first screen').toBeLessThanOrEqual(768);
  await strip.click({ position: { x: box.width / 2, y: box.height / 2 } });
  const middle = await position(page);
  expect(middle.i).toBeGreaterThan(0);
  expect(middle.i).toBeLessThan(middle.n);
  await strip.press('PageUp');
  expect((await position(page)).i).toBeGreaterThan(middle.i);
  await button(page, 'Restart').click();
  await page
    .getByRole('button', { name: /^Next (crash|batch run|query)/ })
    .first()
    .click();
  expect((await position(page)).i).toBeGreaterThan(0);
  await page.screenshot({ path: `${SCREENS}/readable-time-strip.png` });
});
