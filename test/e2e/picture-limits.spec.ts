/**
 * The picture at its limits (issue 7): a dense log of 20,000 events, where labels must never
 * overlap or leave their box and the log must say how many records it does not draw; forced
 * colours (Windows high contrast), where every mark, the served-table arrow and the disabled
 * state of buttons must stay visible; and presenter mode, where the picture's text grows.
 * Measured on the rendered page (bounding boxes, computed colours), screenshots looked at.
 */
import { expect, test, type Page } from '@playwright/test';
import { parseScenarioText, Simulation } from '../../src/engine/index.ts';
import { SCREENS, button, counter, pipelinePicture, position } from './support/pipeline-page.ts';

function generated(count: number): string {
  return JSON.stringify({
    name: `Dense log: ${count} signups`,
    seed: 11,
    architecture: 'lambda',
    timeZone: 'UTC',
    start: '2026-11-22T00:00:00Z',
    end: '2026-11-24T06:00:00Z',
    generate: { count, from: '2026-11-22T00:00:00Z', to: '2026-11-24T00:00:00Z' },
  });
}

/** Text boxes of the log that overlap one another or leave the log's box. */
async function logTextProblems(page: Page): Promise<{ problems: string[]; labels: number }> {
  return page.evaluate(() => {
    const log = document.querySelector('svg[aria-label="Pipeline picture"] g.log')!;
    const frame = log.querySelector(':scope > rect')!.getBoundingClientRect();
    const boxes = Array.from(log.querySelectorAll('text'))
      .filter((t) => t.textContent?.trim())
      .map((t) => ({ text: t.textContent!.trim(), box: t.getBoundingClientRect() }));
    const problems: string[] = [];
    for (const { text, box } of boxes) {
      if (
        box.left < frame.left ||
        box.right > frame.right ||
        box.top < frame.top ||
        box.bottom > frame.bottom
      )
        problems.push(`"${text}" leaves the log's box`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].box;
        const b = boxes[j].box;
        const overlap =
          Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
          Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
        if (overlap) problems.push(`"${boxes[i].text}" overlaps "${boxes[j].text}"`);
      }
    }
    return { problems, labels: boxes.length };
  });
}

test('at 20,000 events the log’s labels never overlap nor leave the log, and it says how many records it does not draw', async ({
  page,
}) => {
  test.setTimeout(240_000); // building 20,000 events in the worker on a small shared machine
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/sandbox');
  await expect(counter(page)).toHaveText(/^Step 0 of \d+$/);
  const text = generated(20_000);
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error('invalid test scenario');
  const simulation = Simulation.create(parsed.scenario);
  await page.getByRole('textbox', { name: 'Scenario JSON' }).fill(text);
  await page.getByRole('button', { name: 'Run scenario' }).click();
  await expect(counter(page)).toHaveText(`Step 0 of ${simulation.stepCount}`, {
    timeout: 180_000,
  });
  const area = page.locator('section.area-picture');
  for (const at of [Math.floor(simulation.stepCount / 2), simulation.stepCount]) {
    await page.getByRole('slider', { name: 'Timeline' }).fill(String(at));
    await expect(area).toHaveAttribute('data-frame-position', String(at));
    const { problems, labels } = await logTextProblems(page);
    expect(labels, 'the log draws labels').toBeGreaterThan(4);
    expect(problems, `step ${at}`).toEqual([]);
    const appended = simulation.view(at - 1).log.appended;
    const drawn = await page
      .locator('svg[aria-label="Pipeline picture"] g.log [data-record]')
      .count();
    expect(drawn).toBeLessThan(appended);
    await expect(page.locator('g.log').getByText(/earlier records? not drawn/)).toHaveText(
      `${appended - drawn} earlier records not drawn`,
    );
  }
  await page.screenshot({ path: `${SCREENS}/limits-20000-events.png` });
});

test('at 1366×768 a log past offset 100,000 keeps its 6-digit offset labels readable (16 px and up), apart and inside the log', async ({
  page,
}) => {
  test.setTimeout(240_000); // building 100,500 events in the worker on a small shared machine
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/sandbox');
  await expect(counter(page)).toHaveText(/^Step 0 of \d+$/);
  const before = await position(page);
  // One partition, so that its offsets pass 100,000; generated, so the JSON stays small.
  const text = JSON.stringify({
    ...JSON.parse(generated(100_500)),
    name: 'Six-digit offsets',
    log: { partitions: 1 },
  });
  await page.getByRole('textbox', { name: 'Scenario JSON' }).fill(text);
  await page.getByRole('button', { name: 'Run scenario' }).click();
  await expect(counter(page)).not.toHaveText(`Step 0 of ${before.n}`, { timeout: 180_000 });
  const { n } = await position(page);
  expect(n).toBeGreaterThan(100_000);
  await page.getByRole('slider', { name: 'Timeline' }).fill(String(n));
  await expect(page.locator('section.area-picture')).toHaveAttribute(
    'data-frame-position',
    String(n),
  );
  const offsets = await page.locator('svg[aria-label="Pipeline picture"]').evaluate((svg) => {
    const scale = (svg as SVGSVGElement).getScreenCTM()?.a ?? 1;
    return Array.from(svg.querySelectorAll('g.log text'))
      .filter((t) => /^\d{6}$/.test(t.textContent?.trim() ?? ''))
      .map((t) => ({
        label: t.textContent!.trim(),
        size: parseFloat(getComputedStyle(t).fontSize) * scale,
      }));
  });
  expect(offsets.length, 'six-digit offset labels drawn').toBeGreaterThan(1);
  for (const { label, size } of offsets) expect(size, `offset ${label}`).toBeGreaterThanOrEqual(16);
  expect(Number(offsets.at(-1)!.label)).toBeGreaterThanOrEqual(100_000);
  const { problems } = await logTextProblems(page);
  expect(problems).toEqual([]);
  // Every box's long texts (5-digit counts, 6-digit offsets) stay inside it and apart.
  const whole = await textLeavingBoxes(page, false);
  expect(whole.checked).toBeGreaterThan(40);
  expect(whole.problems).toEqual([]);
  await page.screenshot({ path: `${SCREENS}/limits-six-digit-offsets.png` });
});

/**
 * At every step of the run on screen: text of the picture that leaves the stage box it starts
 * in (the smallest frame, a rectangle at least 120 × 30 px, around its first character).
 */
async function textLeavingBoxes(
  page: Page,
  everyStep = true,
): Promise<{ problems: string[]; checked: number }> {
  return page.evaluate(async (everyStep) => {
    const slider = document.getElementById('timeline') as HTMLInputElement;
    const frame = () =>
      new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const problems = new Set<string>();
    let checked = 0;
    const steps = everyStep ? Number(slider.max) + 1 : 1;
    for (let i = everyStep ? 0 : Number(slider.value); steps > 0 && i <= Number(slider.max); i++) {
      if (everyStep) {
        slider.value = String(i);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        await frame();
      } else if (i > Number(slider.value)) break;
      const svg = document.querySelector('svg[aria-label="Pipeline picture"]')!;
      const frames = Array.from(svg.querySelectorAll('rect'))
        .map((r) => r.getBoundingClientRect())
        .filter((b) => b.width >= 120 && b.height >= 30);
      const seen: { words: string; b: DOMRect }[] = [];
      for (const text of Array.from(svg.querySelectorAll('text'))) {
        const words = text.textContent?.trim() ?? '';
        const b = text.getBoundingClientRect();
        if (!words || b.width === 0) continue;
        for (const o of seen) {
          const overlap =
            Math.min(b.right, o.b.right) - Math.max(b.left, o.b.left) > 1 &&
            Math.min(b.bottom, o.b.bottom) - Math.max(b.top, o.b.top) > 3;
          if (overlap) problems.add(`step ${i}: "${words}" overlaps "${o.words}"`);
        }
        seen.push({ words, b });
        const [x, y] = [b.left + 2, b.top + b.height / 2];
        const box = frames
          .filter((f) => x >= f.left && x <= f.right && y >= f.top && y <= f.bottom)
          .sort((p, q) => p.width * p.height - q.width * q.height)[0];
        if (!box) continue;
        checked++;
        if (b.right > box.right + 0.5 || b.bottom > box.bottom + 0.5 || b.top < box.top - 0.5)
          problems.add(
            `step ${i}: "${words}" leaves its box by ${Math.round(b.right - box.right)} px`,
          );
      }
    }
    return { problems: [...problems], checked };
  }, everyStep);
}

for (const { width, height } of [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]) {
  test(`at ${width}×${height} no text of the picture leaves its box at any step of a Kappa run with retention`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/#/sandbox?s=14-kappa-retention-limits-replay&step=0');
    await expect(counter(page)).toHaveText(/^Step 0 of/);
    const { problems, checked } = await textLeavingBoxes(page);
    expect(checked, 'texts checked').toBeGreaterThan(500);
    expect(problems).toEqual([]);
    await expect(page.locator('g.log').getByText(/\d+ deleted/)).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/limits-retention-${width}.png` });
  });
}

/** Colour of the forced-colours canvas (the page's background) as the browser computes it. */
const canvasColour = (page: Page) =>
  page.evaluate(() => {
    const probe = document.createElement('div');
    probe.style.backgroundColor = 'Canvas';
    document.body.append(probe);
    const colour = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return colour;
  });

/** Shapes of an SVG whose fill and stroke are both invisible against `canvas`. */
async function invisibleMarks(page: Page, selector: string, canvas: string): Promise<string[]> {
  return page.locator(selector).evaluate((svg, canvas) => {
    const invisible: string[] = [];
    const seen = (paint: string) =>
      paint !== 'none' && paint !== canvas && !/rgba\(.*, 0\)$/.test(paint);
    for (const shape of Array.from(
      svg.querySelectorAll('path, rect, circle, line, polygon, polyline, ellipse'),
    )) {
      const { width, height } = (shape as SVGGraphicsElement).getBBox();
      if (width === 0 && height === 0) continue;
      const style = getComputedStyle(shape);
      if (Number(style.opacity) === 0) continue;
      if (seen(style.fill) || (seen(style.stroke) && parseFloat(style.strokeWidth) > 0)) continue;
      invisible.push(shape.outerHTML.slice(0, 100));
    }
    return invisible;
  }, canvas);
}

test.describe('forced colours (Windows high contrast)', () => {
  test.use({ forcedColors: 'active' });

  test('every mark, the served-table arrow and disabled buttons stay visible', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto('/#/sandbox?s=13-kappa-deploy-and-replay&step=0');
    await expect(counter(page)).toHaveText(/^Step 0 of/);
    const canvas = await canvasColour(page);

    // At the start, Restart and Previous step cannot act: they must look it, beside Play.
    const look = (name: string) =>
      button(page, name).evaluate((b) => {
        const s = getComputedStyle(b);
        return { color: s.color, border: s.borderTopColor, style: s.borderTopStyle };
      });
    const enabled = await look('Next step');
    for (const name of ['Restart', 'Previous step']) {
      await expect(button(page, name)).toHaveAttribute('aria-disabled', 'true');
      const disabled = await look(name);
      expect(disabled.color, `${name} text`).not.toBe(enabled.color);
      expect(disabled.color, `${name} text`).not.toBe(canvas);
      expect(disabled.border, `${name} border`).not.toBe(canvas);
    }

    await button(page, 'Go to end').click();
    const { n } = await position(page);
    expect((await position(page)).i).toBe(n);
    const arrow = pipelinePicture(page).locator('path.pointer');
    await expect(arrow).toBeVisible();
    const paint = await arrow.evaluate((p) => getComputedStyle(p).stroke);
    expect(paint, 'the served-table arrow').not.toBe(canvas);
    expect(paint).not.toBe('none');
    expect(await invisibleMarks(page, 'svg[aria-label="Pipeline picture"]', canvas)).toEqual([]);
    expect(await invisibleMarks(page, 'svg[aria-label="Time strip"]', canvas)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}/forced-colours-kappa-1366x768.png` });
  });
});

test('presenter mode draws the picture larger, and it still fits one 1366×768 screen with its time strip', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/sandbox?s=03-hand-off-after-a-batch-run&step=12');
  await expect(counter(page)).toHaveText(/^Step 12 of/);
  const smallest = () =>
    pipelinePicture(page).evaluate((svg) => {
      const scale = (svg as SVGSVGElement).getScreenCTM()?.a ?? 1;
      let least = Infinity;
      for (const t of Array.from(svg.querySelectorAll('text'))) {
        if (!t.textContent?.trim() || t.getBBox().width === 0) continue;
        least = Math.min(least, parseFloat(getComputedStyle(t).fontSize) * scale);
      }
      return least;
    });
  const before = await smallest();
  await page.keyboard.press('p');
  await expect(button(page, 'Exit presenter mode')).toBeVisible();
  await expect
    .poll(smallest, { message: 'the smallest text in the picture' })
    .toBeGreaterThan(before * 1.1);
  for (const what of [pipelinePicture(page), page.getByRole('slider', { name: 'Time strip' })]) {
    const box = (await what.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
  }
  await page.screenshot({ path: `${SCREENS}/presenter-picture-1366x768.png` });
});
