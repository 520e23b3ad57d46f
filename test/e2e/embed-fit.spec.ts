/**
 * The embed fits a course page's 640 × 400 iframe: a Lambda run, a Kappa run, a unified run and
 * a lesson step, each in an iframe of a page built here. The iframe's document does not scroll,
 * the answer the embed exists to show (the serving layer's served and truth, or the unified
 * results table) and the chosen controls are inside the frame (not under the stage's own
 * scrolling either), no text is smaller than 13 px, and the numbers are the engine's at that step.
 */
import { expect, test, type Frame, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import '../../src/engine/arch/unified/unified.register.ts';
import { loadLessons } from '../../src/lessons/build/lessons.plugin.ts';
import { resolveCue } from '../../src/lessons/lesson.cues.ts';
import { dayLabel } from '../../src/visuals/pipeline/pipeline.select.ts';
import { windowTruths } from '../../src/visuals/unified/results.select.ts';
import { SCREENS, simulate, watch } from './support/classroom-page.ts';

const scenarioText = (id: string) => readFileSync(`scenarios/${id}.json`, 'utf8');

/** Opens `query` in an iframe of `width` × `height` and returns the iframe's frame. */
async function embedded(page: Page, query: string, width = 640, height = 400): Promise<Frame> {
  await page.setViewportSize({ width: width + 40, height: height + 40 });
  await page.route('**/embed-fit-test.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Course page</title><body style="margin:20px">
        <iframe title="Lab" src="./index.html?embed&${query}" width="${width}" height="${height}"
          style="border:0;display:block"></iframe></body>`,
    }),
  );
  await page.goto('/embed-fit-test.html');
  const frame = await (await page.locator('iframe').elementHandle())!.contentFrame();
  if (!frame) throw new Error('no iframe');
  return frame;
}

interface Fit {
  scrollHeight: number;
  clientHeight: number;
  scrollWidth: number;
  clientWidth: number;
  /** The smallest rendered text, in CSS px of the frame, and where. */
  smallest: { size: number; text: string };
}

/**
 * The frame's scroll sizes and its smallest rendered text: every visible text node's font size
 * times the scale it is drawn at (an SVG's viewBox, CSS zoom), measured from its box on screen.
 */
function measure(frame: Frame): Promise<Fit> {
  return frame.evaluate(() => {
    const root = document.scrollingElement!;
    let smallest = { size: Infinity, text: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const el = node.parentElement;
      if (!text || !el || el.closest('title, style, script, option')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const box = el.getBoundingClientRect();
      // Visually hidden text (screen readers only) is a 1-px clipped box.
      if (box.width <= 1 || box.height <= 1) continue;
      let scale: number;
      if (el instanceof SVGGraphicsElement) {
        const own = el.getBBox();
        scale = own.height > 0 ? box.height / own.height : 1;
      } else {
        // CSS zoom of the element and its ancestors (Chromium 128+; 1 where unsupported).
        scale = (el as HTMLElement & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
      }
      const size = parseFloat(style.fontSize) * scale;
      if (size < smallest.size) smallest = { size, text: text.slice(0, 30) };
    }
    return {
      scrollHeight: root.scrollHeight,
      clientHeight: root.clientHeight,
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      smallest,
    };
  });
}

/**
 * Whether every element of `target` is wholly inside the frame's viewport, and inside the box of
 * the stage if it is in it (the stage scrolls its content rather than the frame: a part scrolled
 * out of it is not on screen). False when there is no such element.
 */
function inside(target: Locator): Promise<boolean> {
  return target.evaluateAll((all) => {
    const within = (a: DOMRect, b: { left: number; top: number; right: number; bottom: number }) =>
      a.left >= b.left - 1 &&
      a.top >= b.top - 1 &&
      a.right <= b.right + 1 &&
      a.bottom <= b.bottom + 1;
    const view = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
    return (
      all.length > 0 &&
      all.every((el) => {
        const box = el.getBoundingClientRect();
        const stage = el.closest('.embed-grow');
        return within(box, view) && (!stage || within(box, stage.getBoundingClientRect()));
      })
    );
  });
}

type Targets = (frame: Frame) => Record<string, Locator>;

async function expectFits(frame: Frame, targets: Targets, shot: string) {
  const fit = await measure(frame);
  expect(fit.scrollHeight, 'the iframe does not scroll').toBeLessThanOrEqual(fit.clientHeight + 1);
  expect(fit.scrollWidth, 'nor sideways').toBeLessThanOrEqual(fit.clientWidth + 1);
  // 13 px is the floor (16-px text × 13/16); a hundredth for the float of a scaled box.
  expect(fit.smallest.size, `smallest text: "${fit.smallest.text}"`).toBeGreaterThanOrEqual(12.99);
  for (const [name, target] of Object.entries(targets(frame)))
    expect(await inside(target), `${name} is in the frame`).toBe(true);
  await frame.page().screenshot({ path: `${SCREENS}/${shot}` });
}

const SCENARIO_CONTROLS: Targets = (frame) => ({
  ...Object.fromEntries(
    ['Restart', 'Previous step', 'Play', 'Next step', 'Go to end'].map((name) => [
      name,
      frame.getByRole('button', { name, exact: true }),
    ]),
  ),
  Timeline: frame.getByRole('slider', { name: 'Timeline' }),
  Speed: frame.getByRole('slider', { name: 'Speed' }),
  'Current step': frame.getByRole('status', { name: 'Current step' }),
  'Open in Lambda·Kappa Lab': frame.getByRole('link', { name: 'Open in Lambda·Kappa Lab' }),
});
const SERVING = '[aria-label="Serving layer"] [aria-label*=": served "]';

/** The serving layer's days as the picture labels them: day, served, truth. */
async function servedOnScreen(frame: Frame) {
  const labels = await frame
    .locator(SERVING)
    .evaluateAll((all) => all.map((g) => g.getAttribute('aria-label') ?? ''));
  return labels.map((label) => {
    const m = /^(.+): served (\d+), truth (\d+)/.exec(label);
    if (!m) throw new Error(`unexpected label ${label}`);
    return { day: m[1], served: Number(m[2]), truth: Number(m[3]) };
  });
}

/** The engine's days after `i` steps, labelled as the picture labels them. */
function engineServed(text: string, i: number) {
  return simulate(text)
    .view(i - 1)
    .days.map((d) => ({ day: dayLabel(d.day), served: d.served, truth: d.truth }));
}

async function expectEngineNumbers(frame: Frame, text: string, step: number) {
  const shown = await servedOnScreen(frame);
  const engine = engineServed(text, step);
  expect(shown.length, 'days in the serving layer').toBeGreaterThanOrEqual(1);
  // The picture lists the last days (yesterday and today): those of the engine's, in order.
  expect(shown).toEqual(engine.slice(engine.length - shown.length));
}

for (const [name, id, step] of [
  ['Lambda', '03-hand-off-after-a-batch-run', 16],
  ['Kappa', '13-kappa-deploy-and-replay', 30],
] as const) {
  test(`a ${name} run embedded at 640×400: the whole stage and the controls, engine's numbers`, async ({
    page,
  }) => {
    const seen = watch(page);
    const frame = await embedded(page, `scenario=${id}&step=${step}`);
    await expect(frame.getByRole('status', { name: 'Current step' })).toHaveText(
      new RegExp(`^Step ${step} of`),
    );
    await expect(frame.locator(SERVING).first()).toBeVisible();
    await expectFits(
      frame,
      (f) => ({
        ...SCENARIO_CONTROLS(f),
        'served and truth': f.locator(SERVING),
        'event log': f.getByRole('group', { name: 'Event log' }),
        queries: f.getByRole('group', { name: 'Queries' }),
      }),
      `embed-fit-${name.toLowerCase()}-640x400.png`,
    );
    await expectEngineNumbers(frame, scenarioText(id), step);
    expect(seen.errors).toEqual([]);
  });
}

test('a unified run embedded at 640×400: the plot and the results table, engine numbers', async ({
  page,
}) => {
  const id = '28-streaming-systems-fig-2-11-early-late-heuristic';
  const step = 20;
  const frame = await embedded(page, `scenario=${id}&step=${step}`);
  const table = frame.getByRole('table', { name: 'Results at the sink' });
  await expect(table).toBeVisible();
  await expectFits(
    frame,
    (f) => ({
      ...SCENARIO_CONTROLS(f),
      plot: f.locator('[data-testid="unified-picture"] svg[role="img"]'),
      'results rows': f.locator('table.results tbody tr'),
    }),
    'embed-fit-unified-640x400.png',
  );
  const view = simulate(scenarioText(id)).view(step - 1);
  if (view.architecture !== 'unified') throw new Error(`${id} is not a unified scenario`);
  const unified = view.unified;
  const scenario = simulate(scenarioText(id)).scenario;
  const truth = windowTruths(unified, scenario.unified.aggregate, scenario.logic.excludeUserPrefix);
  const rows = await table.locator('tbody tr').evaluateAll((all) =>
    all.map((tr) => ({
      start: Number(tr.getAttribute('data-window')),
      holds: tr.querySelectorAll('td.num')[0]?.childNodes[0]?.textContent?.trim() ?? '',
      truth: Number(tr.querySelectorAll('td.num')[1]?.textContent),
    })),
  );
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const held = unified.sink.find((s) => s.start === row.start);
    expect(row.holds, `sink of window ${row.start}`).toBe(held ? String(held.value) : '—');
    const end = unified.windows.find((w) => w.start === row.start)?.end ?? held?.end;
    expect(row.truth, `truth of window ${row.start}`).toBe(truth(row.start, end!));
  }
});

test('a lesson step embedded at 640×400: its title line, Back and Next, the whole picture', async ({
  page,
}) => {
  const loaded = loadLessons('src/lessons');
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const lesson = loaded.lessons.find((l) => l.id === '03-serving-layer')!;
  const step = 3;
  const frame = await embedded(page, `lesson=${lesson.id}&step=${step}`);
  await expect(frame.getByRole('status', { name: 'Current step' })).toHaveText(
    `Step ${step} of ${lesson.steps.length}`,
  );
  await expect(frame.locator(SERVING).first()).toBeVisible();
  await expectFits(
    frame,
    (f) => ({
      Back: f.getByRole('button', { name: 'Back', exact: true }),
      Next: f.getByRole('button', { name: 'Next', exact: true }),
      More: f.getByRole('button', { name: 'More', exact: true }),
      'step title': f.locator('.narration h3'),
      'Current step': f.getByRole('status', { name: 'Current step' }),
      'Open in Lambda·Kappa Lab': f.getByRole('link', { name: 'Open in Lambda·Kappa Lab' }),
      'served and truth': f.locator(SERVING),
      'event log': f.getByRole('group', { name: 'Event log' }),
    }),
    'embed-fit-lesson-640x400.png',
  );
  const spec = lesson.steps[step - 1];
  const simulation = simulate(lesson.scenarios[spec.scenarioFile]);
  const cue = resolveCue(simulation, spec.cue);
  if (!cue.ok) throw new Error(cue.problem);
  await expectEngineNumbers(frame, lesson.scenarios[spec.scenarioFile], cue.position);
  // The whole narration is one click away, over the picture, and folds back.
  const more = frame.getByRole('button', { name: 'More' });
  await more.click();
  await expect(frame.getByRole('button', { name: 'Less' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  expect(await inside(frame.locator('.narration .prose'))).toBe(true);
  await page.screenshot({ path: `${SCREENS}/embed-fit-lesson-more-640x400.png` });
  await frame.getByRole('button', { name: 'Less' }).click();
  await expect(frame.getByRole('button', { name: 'More' })).toBeVisible();
});
