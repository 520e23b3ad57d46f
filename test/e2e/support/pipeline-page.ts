/**
 * Page helpers for the pipeline browser tests: controls found by role and accessible name (the
 * names the issue fixes), the step counter, the per-day table, and the engine run in the test
 * process to check what the page shows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import {
  formatProblem,
  parseScenarioText,
  Simulation,
  type Scenario,
  type ServedDay,
} from '../../../src/engine/index.ts';

export const SCREENS = 'test-results/screens';

/**
 * The bundled scenarios of one kind, as the app bundles them: `file` without `.json`, and its
 * text. `pipeline`: the Lambda and Kappa ones (the pipeline picture); `unified`: the others.
 */
export function bundledScenarios(kind: 'pipeline' | 'unified'): { file: string; text: string }[] {
  return readdirSync('scenarios')
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({
      file: file.replace(/\.json$/, ''),
      text: readFileSync(`scenarios/${file}`, 'utf8'),
    }))
    .filter(({ text }) => (JSON.parse(text).architecture === 'unified') === (kind === 'unified'));
}

/** Console errors, page errors and requests to any host but the preview server. */
export function watch(page: Page): { errors: string[]; foreignRequests: string[] } {
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`${error.message}\n${error.stack ?? ''}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.hostname !== '127.0.0.1') foreignRequests.push(request.url());
  });
  return { errors, foreignRequests };
}

export const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
export const playToggle = (page: Page) =>
  page.getByRole('button', { name: /^(Play|Pause)$/ }).first();
export const timeline = (page: Page) => page.getByRole('slider', { name: 'Timeline' });
export const speed = (page: Page) => page.getByRole('slider', { name: 'Speed' });
export const scenarioPicker = (page: Page) => page.getByRole('combobox', { name: 'Scenario' });
export const scenarioJson = (page: Page) => page.getByRole('textbox', { name: 'Scenario JSON' });
export const perDay = (page: Page) => page.getByRole('table', { name: 'Per day at this step' });

/** "Step i of N", wherever the page shows it (the live counter). */
export const counter = (page: Page) => page.getByText(/^\s*Step \d+ of \d+\s*$/).first();

/** The SVG pipeline picture (a named group). */
export const pipelinePicture = (page: Page) =>
  page.getByRole('group', { name: 'Pipeline picture' });

/** The figure around the picture: the SVG and its caption (the figure is named by the caption). */
export const pipelineFigure = (page: Page) =>
  page.getByRole('figure').filter({ has: pipelinePicture(page) });

/** The legend's disclosure: a button, or the `<summary>` of a `<details>`. */
export const legendToggle = (page: Page) =>
  page
    .getByRole('button', { name: 'Legend', exact: true })
    .or(page.locator('summary').filter({ hasText: /^\s*Legend\s*$/ }));

/** The sandbox buttons that inject something at the current moment. */
export const INJECTIONS = [
  'Add signup',
  'Duplicate',
  'Delay event',
  'Crash',
  'Deploy new logic',
] as const;

/** The step controls (the play toggle is handled apart: its name changes). */
export const STEP_BUTTONS = ['Previous step', 'Next step', 'Restart', 'Go to end'] as const;

export interface StepPosition {
  /** Steps done (0 = before the first step). */
  i: number;
  /** Steps in the run. */
  n: number;
}

export async function position(page: Page): Promise<StepPosition> {
  const text = (await counter(page).innerText()).trim();
  const match = /^Step (\d+) of (\d+)$/.exec(text);
  expect(match, `counter reads "${text}"`).not.toBeNull();
  return { i: Number(match![1]), n: Number(match![2]) };
}

/** Picks a bundled scenario by its file in `scenarios/` (the option is named by its `name`). */
export async function pickScenario(page: Page, name: string): Promise<void> {
  await scenarioPicker(page).selectOption({ label: name });
  await expect(counter(page)).toHaveText(/^\s*Step 0 of \d+\s*$/);
}

/** Moves the Speed slider to its maximum. */
/**
 * Sets the Speed slider to 64 steps/s (log2 = 6): one step a frame, fast but every step drawn
 * (the slider's top skips hundreds of steps a frame, so a small run would end at once).
 */
export async function fastSpeed(page: Page): Promise<void> {
  const slider = speed(page);
  const max = await slider.getAttribute('max');
  expect(Number(max), 'Speed slider reaches past 64 steps/s').toBeGreaterThan(6);
  await slider.fill('6');
  await expect(slider).toHaveValue('6');
}

/** Pauses playback if it is playing; returns whether it was. */
export async function pause(page: Page): Promise<boolean> {
  const toggle = page.getByRole('button', { name: 'Pause', exact: true });
  if ((await toggle.count()) > 0) {
    await toggle.click();
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    return true;
  }
  return false;
}

/** Whether a control is disabled, natively or with aria-disabled. */
export async function isDisabled(control: Locator): Promise<boolean> {
  if (await control.isDisabled()) return true;
  return (await control.getAttribute('aria-disabled')) === 'true';
}

/**
 * Opens a disclosure named `name`: a button with aria-expanded, or a `<details>` summary.
 * Returns once it reports open.
 */
export async function openDisclosure(page: Page, name: string): Promise<void> {
  const asButton = page.getByRole('button', { name, exact: true });
  if ((await asButton.count()) > 0) {
    const control = asButton.first();
    if ((await control.getAttribute('aria-expanded')) !== 'true') await control.click();
    await expect(control).toHaveAttribute('aria-expanded', 'true');
    return;
  }
  const summary = page
    .locator('summary')
    .filter({ hasText: new RegExp(`^\\s*${name}\\s*$`) })
    .first();
  await expect(summary, `a disclosure named "${name}"`).toBeVisible();
  const details = summary.locator('xpath=..');
  if ((await details.getAttribute('open')) === null) await summary.click();
  await expect(details).toHaveAttribute('open', '');
}

/** The rows of "Per day at this step": day, served and truth as numbers. */
export async function daysOnScreen(
  page: Page,
): Promise<{ day: string; served: number; truth: number }[]> {
  return perDay(page).evaluate((table) => {
    const rows: { day: string; served: number; truth: number }[] = [];
    for (const row of Array.from((table as HTMLTableElement).tBodies[0]?.rows ?? [])) {
      const head = row.querySelector('th');
      const cells = row.querySelectorAll('td');
      if (!head || cells.length < 2) continue; // the "No day has a count yet" row
      const number = (cell: Element) => Number((cell.textContent ?? '').replace(/[^\d]/g, ''));
      rows.push({
        // The day key, from the <time> the row shows it in plain words ("Mon 23 Nov").
        day: (
          head.querySelector('time')?.getAttribute('datetime') ??
          head.textContent ??
          ''
        ).trim(),
        served: number(cells[0]),
        truth: number(cells[1]),
      });
    }
    return rows;
  });
}

/** Parses scenario text as the app does; fails the test with the problems if it is invalid. */
export function parseOrFail(text: string): Scenario {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) {
    throw new Error(
      `scenario JSON does not parse:\n${parsed.problems.map(formatProblem).join('\n')}`,
    );
  }
  return parsed.scenario;
}

const simulations = new Map<string, Simulation>();

/** The engine's run of this scenario text, in the test process (cached by text). */
export function simulate(text: string): Simulation {
  let simulation = simulations.get(text);
  if (!simulation) {
    simulation = Simulation.create(parseOrFail(text));
    if (simulations.size > 20) simulations.clear();
    simulations.set(text, simulation);
  }
  return simulation;
}

/** The engine's per-day numbers after `i` steps of this scenario text. */
export function engineDays(
  text: string,
  i: number,
): { day: string; served: number; truth: number }[] {
  return simulate(text)
    .view(i - 1)
    .days.map((d: ServedDay) => ({ day: d.day, served: d.served, truth: d.truth }));
}

/**
 * Checks that the per-day table shows the engine's served and truth for the step on screen,
 * reading the scenario from "Scenario JSON" and the step from "Step i of N". Playback must be
 * paused. Returns the position checked.
 */
export async function expectDaysMatchEngine(page: Page, label: string): Promise<StepPosition> {
  const text = await scenarioJson(page).inputValue();
  const at = await position(page);
  const sim = simulate(text);
  expect(sim.stepCount, `${label}: step count of the scenario in "Scenario JSON"`).toBe(at.n);
  expect(await timeline(page).inputValue(), `${label}: Timeline value`).toBe(String(at.i));
  expect(await daysOnScreen(page), `${label}: per-day table at step ${at.i} of ${at.n}`).toEqual(
    engineDays(text, at.i),
  );
  return at;
}

const twoFrames = (page: Page) =>
  page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );

/**
 * The picture once it has stopped changing: its markup (equal over two animation frames) and a
 * screenshot taken after a full repaint of it. Headless Chromium's software raster repaints only
 * the invalidated part of an SVG after a change, and the anti-aliased edges it leaves can differ
 * by a few pixel values from a full paint of the very same DOM; hiding and showing the page
 * repaints all of it, so equal DOMs give equal buffers.
 */
export async function pictureShot(
  target: Locator,
  path?: string,
): Promise<{ markup: string; shot: Buffer }> {
  const page = target.page();
  let markup = await target.evaluate((element) => element.outerHTML);
  for (let attempt = 0; ; attempt++) {
    await twoFrames(page);
    const next = await target.evaluate((element) => element.outerHTML);
    if (next === markup) break;
    if (attempt === 20) throw new Error('the picture never stopped changing (20 frame pairs)');
    markup = next;
  }
  // Hide and show the whole page (not the picture, whose markup is compared).
  await page.evaluate(() => (document.documentElement.style.visibility = 'hidden'));
  await twoFrames(page);
  await page.evaluate(() => document.documentElement.style.removeProperty('visibility'));
  await twoFrames(page);
  const shot = await target.screenshot({ animations: 'disabled', ...(path ? { path } : {}) });
  return { markup, shot };
}

/** Each of `parts` wholly inside the `width` × `height` screen (the page not scrolled). */
export async function offScreen(
  parts: [string, Locator][],
  width: number,
  height: number,
): Promise<string[]> {
  const out: string[] = [];
  for (const [what, locate] of parts) {
    const box = await locate.boundingBox();
    if (!box || box.y < 0 || box.x < 0 || box.y + box.height > height + 0.5)
      out.push(`${what} at ${JSON.stringify(box)}`);
    else if (box.x + box.width > width + 0.5) out.push(`${what} at ${JSON.stringify(box)}`);
  }
  return out;
}
