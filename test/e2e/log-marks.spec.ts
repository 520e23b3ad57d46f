/**
 * The log's marks and labels never overlap (issue 7): at every step of every bundled Lambda and
 * Kappa scenario, at 1366 × 768 and 390 × 844, no text of the log (ids, offsets, "cut-off",
 * "earliest", job names, a run's progress) overlaps another or a position mark (a job's read
 * and committed triangles, a batch flag), and no two marks overlap. Scenario 14 (Kappa with
 * retention) is where "earliest" ran into job v2's committed triangle.
 */
import { expect, test, type Page } from '@playwright/test';
import { SCREENS, counter, bundledScenarios } from './support/pipeline-page.ts';

const PIPELINE_SCENARIOS = bundledScenarios('pipeline').map((s) => s.file);

/** At every step of the run on screen: pairs of the log's texts and marks that overlap. */
function logOverlaps(page: Page): Promise<{ problems: string[]; marks: number }> {
  return page.evaluate(async () => {
    const slider = document.getElementById('timeline') as HTMLInputElement;
    const frame = () =>
      new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const problems = new Set<string>();
    let marks = 0;
    for (let i = 0; i <= Number(slider.max); i++) {
      slider.value = String(i);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
      const svg = document.querySelector('svg[aria-label="Pipeline picture"]')!;
      const items = [
        ...Array.from(svg.querySelectorAll('g.log text, g.log-marks text'))
          .filter((t) => t.textContent?.trim())
          .map((t) => ({ what: `"${t.textContent!.trim()}"`, box: t.getBoundingClientRect() })),
        ...Array.from(
          svg.querySelectorAll('g.log-marks path.fetched, g.log-marks path.committed, path.flag'),
        ).map((p) => ({
          what: `${p.getAttribute('class')?.split(' ')[0]} mark`,
          box: p.getBoundingClientRect(),
        })),
      ].filter(({ box }) => box.width > 0);
      marks += items.length;
      for (let a = 0; a < items.length; a++)
        for (let b = a + 1; b < items.length; b++) {
          const [p, q] = [items[a].box, items[b].box];
          // The same rule as the picture's other text checks: more than a hair side to side
          // and more than a glyph's empty top or bottom edge up and down.
          if (
            Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 &&
            Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 3
          )
            problems.add(`step ${i}: ${items[a].what} overlaps ${items[b].what}`);
        }
    }
    return { problems: [...problems], marks };
  });
}

for (const { width, height } of [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]) {
  test(`at ${width}×${height} no text or mark of the log overlaps another at any step of any Lambda or Kappa scenario`, async ({
    page,
  }) => {
    test.setTimeout(300_000); // every step of 20 scenarios on a small shared machine
    await page.setViewportSize({ width, height });
    const problems: string[] = [];
    for (const file of PIPELINE_SCENARIOS) {
      await page.goto(`/#/sandbox?s=${file}&step=0`);
      await expect(counter(page)).toHaveText(/^Step 0 of/);
      const found = await logOverlaps(page);
      expect(found.marks, `${file}: marks checked`).toBeGreaterThan(10);
      problems.push(...found.problems.map((p) => `${file} ${p}`));
    }
    expect(problems).toEqual([]);
    await page.goto('/#/sandbox?s=14-kappa-retention-limits-replay&step=25');
    await expect(counter(page)).toHaveText(/^Step 25 of/);
    await page.screenshot({ path: `${SCREENS}/log-marks-retention-${width}.png` });
  });
}
