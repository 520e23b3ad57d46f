/**
 * The unified sandbox on one projector screen (issue 10, "1366×768 and 390 px layouts" as for the
 * other architectures, issue 7): at 1366 × 768 the controls, the whole narration (never cut off),
 * the plot, the sink's results table, the watermark per partition, the time strip and served vs
 * truth are all on the first screen without scrolling, at the start, the middle, the end and the
 * longest narration of every bundled unified scenario, and of one with three partitions and a
 * heuristic watermark (the partition bars). Text in the picture stays 16 px and up there; on a
 * 390 px phone nothing scrolls sideways and no text is under 13 px.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  button,
  counter,
  position,
  scenarioJson,
  SCREENS,
  simulate,
  timeline,
  watch,
  bundledScenarios,
} from './support/pipeline-page.ts';

/** The bundled unified scenarios: file name without `.json`, and the text the app bundles. */
const UNIFIED = bundledScenarios('unified');

/** Fig. 2-11's events over three log partitions with a heuristic watermark: the partition bars. */
function partitioned(): string {
  const base = JSON.parse(
    UNIFIED.find((s) => s.file.includes('fig-2-11-early-late-heuristic'))!.text,
  );
  return JSON.stringify({
    ...base,
    name: 'Three partitions, heuristic watermark',
    log: { partitions: 3 },
    unified: { ...base.unified, watermark: { kind: 'heuristic', bound: '1m', idleAfter: '1m' } },
  });
}

/** Start, middle, end, and the step whose narration is the longest (the one most likely cut off). */
function moments(text: string): number[] {
  const sim = simulate(text);
  const n = sim.stepCount;
  let longest = 0;
  for (let i = 0; i < n; i++)
    if (sim.stepInfo(i).description.length > sim.stepInfo(longest).description.length) longest = i;
  return [...new Set([0, Math.round(n / 2), n, longest + 1])].sort((a, b) => a - b);
}

const plot = (page: Page) =>
  page.getByRole('img', { name: /^Event time across, processing time up/ });
const narration = (page: Page) => page.getByRole('status', { name: 'Current step' });

/** Everything the first screen must show, by what a learner calls it. */
function parts(page: Page): [string, Locator][] {
  return [
    ['Next step', button(page, 'Next step')],
    ['the Timeline', page.getByRole('slider', { name: 'Timeline' })],
    ['the narration', narration(page)],
    ['the zoom buttons', page.getByRole('group', { name: 'Zoom the plot' })],
    ['the plot', plot(page)],
    ['the results table', page.getByRole('table', { name: 'Results at the sink' })],
    ['the time strip', page.getByRole('slider', { name: 'Time strip' })],
    ['Served vs truth', page.getByRole('region', { name: 'Served versus truth' })],
  ];
}

/** What is wrong with the first screen at this moment (empty when all of it fits). */
async function misfits(page: Page, where: string): Promise<string[]> {
  const out: string[] = [];
  const all = [...parts(page)];
  const bars = page.getByRole('region', { name: 'Watermark per partition' });
  if ((await bars.count()) > 0) all.push(['the partition bars', bars]);
  for (const [what, locate] of all) {
    const box = await locate.boundingBox();
    if (!box || box.y < 0 || box.y + box.height > 768 || box.x < 0 || box.x + box.width > 1366)
      out.push(`${where}: ${what} ${JSON.stringify(box)}`);
  }
  // The narration is whole: its box does not scroll, so no sentence is cut off.
  const hidden = await narration(page).evaluate((el) => el.scrollHeight - el.clientHeight);
  if (hidden > 1) out.push(`${where}: ${hidden} px of the narration are cut off`);
  // ...and it stays inside its own area, clear of what follows it in that column.
  const past = await narration(page).evaluate((el) => {
    const area = el.closest('.area-narration');
    const next = document.querySelector('.area-aside');
    const bottom = el.getBoundingClientRect().bottom;
    return Math.max(
      bottom - (area?.getBoundingClientRect().bottom ?? bottom),
      bottom - (next?.getBoundingClientRect().top ?? bottom),
    );
  });
  if (past > 1)
    out.push(`${where}: the narration runs ${Math.round(past)} px over what follows it`);
  const scrolled = await page.evaluate(() => [window.scrollX, window.scrollY]);
  if (scrolled.some((s) => s !== 0)) out.push(`${where}: scrolled to ${scrolled}`);
  // Text of the picture (plot, results, partitions) 16 px and up on screen.
  const small = await page.getByTestId('unified-picture').evaluate((figure) => {
    const tiny: string[] = [];
    for (const text of Array.from(figure.querySelectorAll('text'))) {
      if (!text.textContent?.trim() || text.getBBox().width === 0) continue;
      const scale = text.ownerSVGElement?.getScreenCTM()?.a ?? 1;
      const px = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (px < 16) tiny.push(`"${text.textContent.trim()}" ${px.toFixed(1)} px`);
    }
    // (Column headings are the page's table headings, 13.6 px like every table's.)
    for (const cell of Array.from(figure.querySelectorAll('caption, tbody th, td, li, h3'))) {
      const px = parseFloat(getComputedStyle(cell).fontSize);
      if (px < 16) tiny.push(`"${cell.textContent?.trim().slice(0, 30)}" ${px} px`);
    }
    return tiny;
  });
  for (const s of small) out.push(`${where}: picture text under 16 px: ${s}`);
  return out;
}

async function seek(page: Page, at: number, n: number): Promise<void> {
  await timeline(page).fill(String(at));
  await expect(counter(page)).toHaveText(`Step ${at} of ${n}`);
  await expect(plot(page)).toBeVisible();
}

test('at 1366×768 one screen shows the controls, the whole narration, the plot, the results table, the partition bars, the time strip and served vs truth, in every unified scenario', async ({
  page,
}) => {
  test.setTimeout(180_000); // 13 runs, four moments each, on a small shared machine
  expect(UNIFIED.length, 'bundled unified scenarios').toBeGreaterThanOrEqual(12);
  const seen = watch(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  const outside: string[] = [];
  for (const { file, text } of UNIFIED) {
    await page.goto(`/#/sandbox?s=${file}&step=0`);
    await expect(counter(page)).toHaveText(/^Step 0 of/);
    const { n } = await position(page);
    expect(n, file).toBe(simulate(text).stepCount);
    for (const at of moments(text)) {
      await seek(page, at, n);
      outside.push(...(await misfits(page, `${file} step ${at}`)));
    }
  }
  // Partition bars: the same events over three partitions, run from the Scenario JSON box.
  const text = partitioned();
  await page.goto('/#/sandbox');
  await scenarioJson(page).fill(text);
  await button(page, 'Run scenario').click();
  await expect(counter(page)).toHaveText(`Step 0 of ${simulate(text).stepCount}`);
  await page.evaluate(() => window.scrollTo(0, 0));
  const n = simulate(text).stepCount;
  let withBars = 0;
  for (const at of moments(text)) {
    await seek(page, at, n);
    const bars = page.getByRole('region', { name: 'Watermark per partition' });
    if ((await bars.locator('li').count()) === 4) withBars++;
    outside.push(...(await misfits(page, `three partitions step ${at}`)));
  }
  expect(withBars, 'moments showing three partitions and the pipeline').toBeGreaterThan(2);
  await page.screenshot({ path: `${SCREENS}/unified-fit-1366x768-partitions.png` });
  expect(outside).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('presenter mode at 1366×768: the whole narration, the plot and the results table on one screen, in every unified scenario', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const seen = watch(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  const outside: string[] = [];
  for (const { file, text } of UNIFIED) {
    await page.goto(`/#/sandbox?s=${file}&step=0`);
    const n = simulate(text).stepCount;
    await expect(counter(page)).toHaveText(`Step 0 of ${n}`);
    if ((await page.evaluate(() => document.documentElement.dataset.presenter)) !== 'on')
      await page.keyboard.press('p');
    await expect(button(page, 'Exit presenter mode')).toBeVisible();
    for (const at of moments(text)) {
      await seek(page, at, n);
      const where = `${file} step ${at}`;
      for (const [what, locate] of [
        ['Next step', button(page, 'Next step')],
        ['the narration', narration(page)],
        ['the plot', plot(page)],
        ['the results table', page.getByRole('table', { name: 'Results at the sink' })],
      ] as const) {
        const box = await locate.boundingBox();
        if (!box || box.y < 0 || box.y + box.height > 768 || box.x + box.width > 1366)
          outside.push(`${where}: ${what} ${JSON.stringify(box)}`);
      }
      const hidden = await narration(page).evaluate((el) => el.scrollHeight - el.clientHeight);
      if (hidden > 1) outside.push(`${where}: ${hidden} px of the narration are cut off`);
    }
  }
  await page.screenshot({ path: `${SCREENS}/unified-fit-presenter-1366x768.png` });
  expect(outside).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('on a 390 px phone the unified sandbox does not scroll sideways and keeps its text 13 px and up', async ({
  page,
}) => {
  const seen = watch(page);
  await page.setViewportSize({ width: 390, height: 844 });
  const problems: string[] = [];
  for (const { file, text } of UNIFIED.filter((_, i) => i % 3 === 1)) {
    await page.goto(`/#/sandbox?s=${file}&step=0`);
    const n = simulate(text).stepCount;
    await expect(counter(page)).toHaveText(`Step 0 of ${n}`);
    for (const at of moments(text)) {
      await seek(page, at, n);
      const found = await page.evaluate(() => {
        const out: string[] = [];
        const width = document.documentElement.scrollWidth;
        if (width > 390) out.push(`the page is ${width} px wide`);
        const figure = document.querySelector('[data-testid="unified-picture"]')!;
        for (const el of Array.from(figure.querySelectorAll('table, svg, section'))) {
          const box = el.getBoundingClientRect();
          if (box.left < 0 || box.right > 390) out.push(`${el.tagName} runs to x=${box.right}`);
        }
        for (const el of Array.from(figure.querySelectorAll('text, caption, th, td, li'))) {
          const scale = el instanceof SVGElement ? (el.ownerSVGElement?.getScreenCTM()?.a ?? 1) : 1;
          const px = parseFloat(getComputedStyle(el).fontSize) * scale;
          if (el.textContent?.trim() && px < 13) out.push(`"${el.textContent.trim()}" ${px} px`);
        }
        return out;
      });
      problems.push(...found.map((f) => `${file} step ${at}: ${f}`));
    }
  }
  await page.screenshot({ path: `${SCREENS}/unified-fit-390x844.png`, fullPage: true });
  expect(problems).toEqual([]);
  expect(seen.errors).toEqual([]);
});
