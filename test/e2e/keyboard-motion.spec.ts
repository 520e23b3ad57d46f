/**
 * The Lambda and Kappa sandbox by keyboard alone, and under reduced motion (issue 7): every
 * control is reached with Tab and shows where the focus is; the picture's served numbers, the
 * time strip, the legend, the table view and the tour work from the keyboard; and with
 * `prefers-reduced-motion: reduce` the picture changes only from step to step while playing
 * (no token glides, no CSS animation or transition).
 */
import { expect, test, type Page } from '@playwright/test';
import { SCREENS, button, counter, position } from './support/pipeline-page.ts';

/** Tabs through the page once; each stop's role and name, and whether its focus is visible. */
async function tabStops(page: Page, max = 160): Promise<{ name: string; visible: boolean }[]> {
  await page.locator('body').focus();
  const stops: { name: string; visible: boolean }[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring =
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
        (style.boxShadow !== 'none' && style.boxShadow !== '');
      // A control drawn in SVG may ring itself instead: its frame in the focus colour.
      const focusColour = getComputedStyle(document.documentElement)
        .getPropertyValue('--focus')
        .trim();
      const probe = document.createElement('span');
      probe.style.color = focusColour;
      document.body.append(probe);
      const focusRgb = getComputedStyle(probe).color;
      probe.remove();
      const svgRing = Array.from(el.querySelectorAll('rect')).some(
        (r) =>
          getComputedStyle(r).stroke === focusRgb &&
          parseFloat(getComputedStyle(r).strokeWidth) >= 2,
      );
      const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
      const name = (
        el.getAttribute('aria-label') ??
        labelled ??
        el.getAttribute('title') ??
        el.textContent ??
        ''
      )
        .trim()
        .replace(/\s+/g, ' ')
        .slice(0, 40);
      const box = el.getBoundingClientRect();
      return {
        name: `${el.tagName.toLowerCase()} "${name}"`,
        visible: (ring || svgRing) && box.width > 0 && box.height > 0,
        id: el.id || name,
      };
    });
    if (!stop) continue;
    if (stops.length > 0 && stops[0].name === stop.name) break; // wrapped around
    stops.push({ name: stop.name, visible: stop.visible });
  }
  return stops;
}

for (const file of ['05-at-least-once-crash', '13-kappa-deploy-and-replay']) {
  test(`${file} by keyboard alone: every control is reached, with a visible focus`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/#/sandbox?s=${file}&step=20`);
    await expect(counter(page)).toHaveText(/^Step 20 of/);
    const stops = await tabStops(page);
    const names = stops.map((s) => s.name).join('\n');
    for (const wanted of [
      /"« Restart"|Restart/,
      /Previous step/,
      /Play/,
      /Next step/,
      /Go to end/,
      /input "Timeline"|Timeline/,
      /Speed/,
      /Served \d+ on/,
      /Time strip/,
      /Next (batch run|crash|deploy|query)/,
      /What am I looking at/,
      /Legend/,
      /Table view/,
      /Scenario/,
      /Crash/,
      /Scenario JSON/,
      /Run scenario/,
    ])
      expect(names, `a tab stop matching ${wanted}`).toMatch(wanted);
    const unseen = stops.filter((s) => !s.visible).map((s) => s.name);
    expect(unseen, 'tab stops without a visible focus').toEqual([]);

    // What the mouse does, the keyboard does: trace a served number, clear it, seek by time.
    const served = page.getByRole('button', { name: /^Served \d+ on / }).first();
    await served.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Tracing' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('status').filter({ hasText: 'Tracing' })).toHaveCount(0);
    const strip = page.getByRole('slider', { name: 'Time strip' });
    await strip.focus();
    const before = (await position(page)).i;
    await page.keyboard.press('PageUp');
    expect((await position(page)).i).toBeGreaterThan(before);
    await page.keyboard.press('Home');
    await expect(counter(page)).toHaveText(/^Step 0 of/);
    await page.screenshot({ path: `${SCREENS}/keyboard-${file}.png` });
  });
}

for (const file of ['05-at-least-once-crash', '13-kappa-deploy-and-replay']) {
  test(`${file} under reduced motion: while playing the picture changes only from step to step`, async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/#/sandbox?s=${file}&step=10`);
    await expect(counter(page)).toHaveText(/^Step 10 of/);
    await button(page, 'Play').click();
    // Sixty animation frames while playing: one picture per step, never two within a step.
    const frames = await page.evaluate(async () => {
      const svg = document.querySelector('svg[aria-label="Pipeline picture"]')!;
      const seen: { step: string; picture: string; animations: number }[] = [];
      for (let i = 0; i < 60; i++) {
        await new Promise((done) => requestAnimationFrame(done));
        seen.push({
          step: document.querySelector('[aria-label="Current step"] strong')?.textContent ?? '',
          picture: svg.outerHTML,
          animations: document.getAnimations().length,
        });
      }
      return seen;
    });
    await button(page, 'Pause').click();
    const pictures = new Map<string, Set<string>>();
    for (const f of frames) {
      if (!pictures.has(f.step)) pictures.set(f.step, new Set());
      pictures.get(f.step)!.add(f.picture);
    }
    for (const [step, seen] of pictures) expect(seen.size, `pictures at ${step}`).toBe(1);
    expect(Math.max(...frames.map((f) => f.animations)), 'running animations').toBe(0);
  });
}
