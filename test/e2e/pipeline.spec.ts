/**
 * The pipeline page, one test per user journey: playing a run, stepping back and forth, the
 * sandbox injections, accessibility with the legend and table view open, and 300 seeded random
 * actions checked against the engine run in the test process.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { FaultInput, ScenarioInput } from '../../src/engine/index.ts';
import { Prng } from './support/prng.ts';
import {
  button,
  counter,
  expectDaysMatchEngine,
  INJECTIONS,
  isDisabled,
  legendToggle,
  fastSpeed,
  openDisclosure,
  pause,
  perDay,
  pickScenario,
  pipelineFigure,
  playToggle,
  position,
  SCREENS,
  scenarioJson,
  scenarioPicker,
  pictureShot,
  simulate,
  speed,
  STEP_BUTTONS,
  timeline,
  watch,
} from './support/pipeline-page.ts';

const nameOf = (file: string): string =>
  (JSON.parse(readFileSync(`scenarios/${file}`, 'utf8')) as { name: string }).name;
const LAMBDA = nameOf('05-at-least-once-crash.json');
const KAPPA = nameOf('13-kappa-deploy-and-replay.json');

const stepText = (i: number, n: number) => new RegExp(`^\\s*Step ${i} of ${n}\\s*$`);

async function seek(page: Page, i: number): Promise<void> {
  const { n } = await position(page);
  await timeline(page).fill(String(i));
  await expect(counter(page)).toHaveText(stepText(i, n));
}

test('Play runs a Lambda and a Kappa scenario to their last step', async ({ page }) => {
  const seen = watch(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/sandbox');
  for (const [label, name] of [
    ['lambda', LAMBDA],
    ['kappa', KAPPA],
  ] as const) {
    await pickScenario(page, name);
    const { n } = await position(page);
    await fastSpeed(page);
    await expect(speed(page), 'the Speed slider shows the rate').toHaveAttribute(
      'aria-valuetext',
      /\d/,
    );
    await button(page, 'Play').click();
    await expect(button(page, 'Pause')).toBeVisible();
    await expect(counter(page)).toHaveText(stepText(n, n), { timeout: 60_000 });
    // Reaching the end stops playback.
    await expect(button(page, 'Play')).toBeVisible();
    await expectDaysMatchEngine(page, `${label} at the end`);
    await page.screenshot({ path: `${SCREENS}/pipeline-played-${label}.png`, fullPage: true });
  }
  expect(seen.errors).toEqual([]);
  expect(seen.foreignRequests).toEqual([]);
});

test('Previous then Next step shows the identical picture and numbers', async ({ page }) => {
  const seen = watch(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/sandbox');
  for (const [label, name] of [
    ['lambda', LAMBDA],
    ['kappa', KAPPA],
  ] as const) {
    await pickScenario(page, name);
    const { n } = await position(page);
    // The first step with the most records in flight (tokens in the picture), not the last.
    const sim = simulate(await scenarioJson(page).inputValue());
    let k = 1;
    let most = -1;
    for (let j = 1; j < n; j++) {
      const inFlight = sim.view(j - 1).jobs.reduce((sum, job) => sum + job.inFlight.length, 0);
      if (inFlight > most) [k, most] = [j, inFlight];
    }
    await seek(page, k);
    const figure = pipelineFigure(page);
    await expect(figure).toBeVisible();
    const before = await pictureShot(figure, `${SCREENS}/pipeline-step-${label}-before.png`);
    const daysBefore = await perDay(page).innerText();

    await button(page, 'Previous step').click();
    await expect(counter(page)).toHaveText(stepText(k - 1, n));
    await expectDaysMatchEngine(page, `${label} after Previous`);
    await button(page, 'Next step').click();
    await expect(counter(page)).toHaveText(stepText(k, n));

    const after = await pictureShot(figure, `${SCREENS}/pipeline-step-${label}-after.png`);
    expect(await perDay(page).innerText()).toBe(daysBefore);
    expect(after.markup, `${label}: the picture's markup at step ${k} after ◀ ▶`).toBe(
      before.markup,
    );
    expect(after.shot.equals(before.shot), `${label}: the picture at step ${k} after ◀ ▶`).toBe(
      true,
    );
    await expectDaysMatchEngine(page, `${label} at step ${k}`);
  }
  expect(seen.errors).toEqual([]);
});

/** The textarea holds the scenario as written (input form, not normalized). */
const written = (text: string): ScenarioInput => JSON.parse(text) as ScenarioInput;
const ms = (time: string | undefined): number => (time === undefined ? NaN : Date.parse(time));
/** Items of `after` that `before` does not have (compared as JSON). */
function added<T>(before: T[] | undefined, after: T[] | undefined): T[] {
  const old = new Set((before ?? []).map((item) => JSON.stringify(item)));
  return (after ?? []).filter((item) => !old.has(JSON.stringify(item)));
}

test('every sandbox injection branches the run at the current moment', async ({ page }) => {
  const seen = watch(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/sandbox');

  for (const injection of INJECTIONS) {
    const kappa = injection === 'Deploy new logic';
    await pickScenario(page, kappa ? KAPPA : LAMBDA);
    // Lambda (05): just after e2 was appended (e1 processed, e3–e5 still to come).
    // Kappa (13): just after e3 was appended, before the scenario's own deploy.
    const text = await scenarioJson(page).inputValue();
    const sim = simulate(text);
    const subject = kappa ? 'e3' : 'e2';
    let step = 0;
    for (let j = 0; j < sim.stepCount; j++) {
      const info = sim.stepInfo(j);
      if (info.kind === 'record.appended' && info.record?.id === subject) {
        step = j + 1;
        break;
      }
    }
    expect(step, `${subject} is appended in the run`).toBeGreaterThan(0);
    await seek(page, step);
    const { i, n } = await position(page);
    const now = sim.view(i - 1).time;
    const before = written(text);

    const control = button(page, injection);
    await expect(control).toBeVisible();
    expect(await isDisabled(control), `${injection} is enabled at step ${i}`).toBe(false);
    await control.click();
    await expect(scenarioJson(page)).not.toHaveValue(text);
    const afterText = await scenarioJson(page).inputValue();
    const after = written(afterText);
    const branched = simulate(afterText);
    // The playhead stays on the step being read (issue 7); what was injected is still to come.
    const resumed = i;
    await expect(counter(page)).toHaveText(stepText(resumed, branched.stepCount));

    // The past is kept: every step before the current moment is the one already seen.
    for (let j = 0; j < resumed; j++) {
      expect(
        `${branched.kindOf(j)} ${branched.timeOf(j)}`,
        `${injection}: step ${j} of the branch`,
      ).toBe(`${sim.kindOf(j)} ${sim.timeOf(j)}`);
    }
    const kinds = Array.from({ length: branched.stepCount - resumed }, (_, j) =>
      branched.kindOf(resumed + j),
    );
    const faults = added(before.faults, after.faults);
    const eventIds = new Set((before.events ?? []).map((e) => e.id));

    switch (injection) {
      case 'Add signup': {
        const events = added(before.events, after.events);
        expect(events, 'one new event').toHaveLength(1);
        expect(eventIds.has(events[0].id), 'a new event id').toBe(false);
        expect(ms(events[0].arrival ?? events[0].time)).toBeGreaterThanOrEqual(now);
        expect(branched.stepCount).toBeGreaterThan(n);
        expect(kinds).toContain('record.appended');
        break;
      }
      case 'Duplicate': {
        expect(faults).toHaveLength(1);
        expect(faults[0]).toMatchObject({ kind: 'producer-retry' });
        const retry = faults[0] as Extract<FaultInput, { kind: 'producer-retry' }>;
        expect(eventIds.has(retry.event), `retry of a known event: ${retry.event}`).toBe(true);
        expect(branched.stepCount).toBeGreaterThan(n);
        break;
      }
      case 'Delay event': {
        expect(faults).toHaveLength(1);
        expect(faults[0]).toMatchObject({ kind: 'delay' });
        const delay = faults[0] as Extract<FaultInput, { kind: 'delay' }>;
        expect(eventIds.has(delay.event), `delay of a known event: ${delay.event}`).toBe(true);
        break;
      }
      case 'Crash': {
        expect(faults).toHaveLength(1);
        expect(faults[0]).toMatchObject({ kind: 'crash' });
        const at = ms((faults[0] as { at: string }).at);
        expect(at, 'crash at the current moment').toBeGreaterThanOrEqual(now);
        expect(at - now).toBeLessThanOrEqual(1000);
        expect(kinds).toContain('job.crashed');
        break;
      }
      case 'Deploy new logic': {
        expect(faults).toHaveLength(1);
        expect(faults[0]).toMatchObject({ kind: 'deploy' });
        const at = ms((faults[0] as { at: string }).at);
        expect(at, 'deploy at the current moment').toBeGreaterThanOrEqual(now);
        expect(at - now).toBeLessThanOrEqual(1000);
        expect(kinds).toContain('deploy.started');
        break;
      }
    }
    await expectDaysMatchEngine(page, `after ${injection}`);
    const file = injection.toLowerCase().replaceAll(' ', '-');
    await page.screenshot({ path: `${SCREENS}/pipeline-inject-${file}.png` });
  }
  expect(seen.errors).toEqual([]);
});

for (const { width, height, label } of [
  { width: 1366, height: 768, label: 'wide-1366x768' },
  { width: 390, height: 844, label: 'narrow-390x844' },
]) {
  test(`at ${width}×${height} with the legend and table view open: no serious axe violations`, async ({
    page,
  }) => {
    const seen = watch(page);
    await page.setViewportSize({ width, height });
    await page.goto('/#/sandbox');
    await pickScenario(page, KAPPA);
    const { n } = await position(page);
    await seek(page, Math.floor(n / 2));
    await openDisclosure(page, 'Legend');
    await expect(page.locator('details.legend li').first()).toBeVisible(); // loaded on demand
    await openDisclosure(page, 'Table view');
    await expect(pipelineFigure(page)).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/pipeline-axe-${label}.png`, fullPage: true });

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'page scrolls sideways').toBeLessThanOrEqual(0);

    const scan = await new AxeBuilder({ page }).analyze();
    const serious = scan.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
}

/** A random value a range input accepts (on its step grid, or any value for step="any"). */
async function randomSliderValue(slider: Locator, rng: Prng): Promise<string> {
  const [min, max, step] = await slider.evaluate((input: HTMLInputElement) => [
    input.min,
    input.max,
    input.step,
  ]);
  const lo = min === '' ? 0 : Number(min);
  const hi = max === '' ? 100 : Number(max);
  if (step === 'any') return String(lo + rng.next() * (hi - lo));
  const grid = step === '' ? 1 : Number(step);
  const value = lo + rng.int(0, Math.floor((hi - lo) / grid)) * grid;
  return String(Number(value.toFixed(10)));
}

test('300 seeded random actions: no error, and the per-day table is the engine’s', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const seed = 20261124;
  const rng = new Prng(seed);
  const seen = watch(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/sandbox');
  await expect(counter(page)).toBeVisible();
  const scenarios = await scenarioPicker(page).locator('option:not([disabled])').allInnerTexts();
  const done: string[] = [];
  /** Controls the issue names that the page does not have (reported at the end). */
  const missing = new Set<string>();
  async function present(control: Locator, name: string): Promise<boolean> {
    if ((await control.count()) > 0) return true;
    missing.add(name);
    return false;
  }

  async function clickIfEnabled(control: Locator, name: string): Promise<string> {
    if (!(await present(control, name)) || (await isDisabled(control.first())))
      return `skip ${name}`;
    try {
      // Playback may disable it between the check and the click (e.g. "Delay event" once
      // every event has arrived): a click that cannot happen within 2 s is then a skip.
      await control.first().click({ timeout: 2000 });
    } catch (error) {
      if (await isDisabled(control.first())) return `skip ${name} (became disabled)`;
      throw error;
    }
    return `click ${name}`;
  }

  const actions: ((page: Page) => Promise<string>)[] = [
    async () => clickIfEnabled(playToggle(page), 'Play/Pause'),
    ...STEP_BUTTONS.map((name) => async () => clickIfEnabled(button(page, name), name)),
    ...INJECTIONS.map((name) => async () => clickIfEnabled(button(page, name), name)),
    async () => clickIfEnabled(legendToggle(page), 'Legend'),
    async () => clickIfEnabled(button(page, 'Table view'), 'Table view'),
    async () => {
      const key = rng.pick(['Space', 'ArrowLeft', 'ArrowRight', 'Home', 'End']);
      // Never type into the scenario text: it must keep showing the run.
      await page.evaluate(() => {
        if (document.activeElement instanceof HTMLTextAreaElement) document.activeElement.blur();
      });
      await page.keyboard.press(key);
      return `press ${key}`;
    },
    async () => {
      if (!(await present(timeline(page), 'Timeline'))) return 'skip Timeline';
      const value = await randomSliderValue(timeline(page), rng);
      await timeline(page).fill(value);
      return `Timeline ${value}`;
    },
    async () => {
      if (!(await present(speed(page), 'Speed'))) return 'skip Speed';
      const value = await randomSliderValue(speed(page), rng);
      await speed(page).fill(value);
      return `Speed ${value}`;
    },
    async () => {
      const name = rng.pick(scenarios);
      await scenarioPicker(page).selectOption({ label: name });
      return `Scenario "${name}"`;
    },
    async () => {
      // A sandbox select (Architecture, Delivery, the logic selects): any but the picker.
      const selects = page.locator('select:not(#scenario-picker)');
      const count = await selects.count();
      if (count === 0) {
        missing.add('Architecture');
        return 'skip sandbox select';
      }
      const select = selects.nth(rng.int(0, count - 1));
      if (await isDisabled(select)) return 'skip disabled select';
      const options = await select
        .locator('option:not([disabled])')
        .evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value));
      const value = rng.pick(options);
      const label = await select.evaluate(
        (s) => (s as HTMLSelectElement).labels?.[0]?.textContent?.trim() ?? s.id,
      );
      await select.selectOption(value);
      return `select ${label} = ${value}`;
    },
    async () => {
      const box = page.getByRole('checkbox', { name: 'Dedup by event id' });
      if (!(await present(box, 'Dedup by event id')) || (await isDisabled(box)))
        return 'skip Dedup';
      await box.click();
      return 'toggle Dedup by event id';
    },
  ];

  async function check(label: string): Promise<void> {
    await pause(page);
    const at = await expectDaysMatchEngine(page, `${label} (seed ${seed})`);
    done.push(`check at step ${at.i} of ${at.n}`);
  }

  try {
    for (let k = 1; k <= 300; k++) {
      done.push(`${k}: ${await rng.pick(actions)(page)}`);
      expect(seen.errors, `after action ${k}`).toEqual([]);
      if (k % 50 === 0) await check(`after ${k} actions`);
    }
    await check('at the end');
    await page.screenshot({ path: `${SCREENS}/pipeline-random-end.png`, fullPage: true });
  } catch (error) {
    console.log(`seed ${seed}, last actions:\n${done.slice(-25).join('\n')}`);
    throw error;
  }
  expect(seen.errors).toEqual([]);
  expect(seen.foreignRequests).toEqual([]);
  expect([...missing], 'controls the page lacks').toEqual([]);
});
