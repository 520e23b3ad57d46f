/**
 * A safer sandbox (issue 7): an injection keeps the playhead on the step the learner was
 * reading with the injected step next; Duplicate and Delay event act on the chosen event and
 * Delay by the chosen time (and a copied link reproduces that); picking another scenario keeps
 * the learner's own run as "Your scenario" to return to; Escape clears a lineage selection; on
 * a 390 px phone "Jump through the run" comes after the step controls and the picture.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { FaultInput, ScenarioInput } from '../../src/engine/index.ts';
import {
  button,
  counter,
  isDisabled,
  numbersOnScreenText,
  pickScenario,
  pipelinePicture,
  position,
  scenarioJson,
  scenarioPicker,
  SCREENS,
  simulate,
  timeline,
  watch,
} from './support/classroom-page.ts';

const nameOf = (file: string): string =>
  (JSON.parse(readFileSync(`scenarios/${file}`, 'utf8')) as { name: string }).name;
const LAMBDA = nameOf('05-at-least-once-crash.json');
const KAPPA = nameOf('12-kappa-basics.json');
const eventPicker = (page: Page) =>
  page.getByRole('combobox', { name: 'Event to duplicate or delay' });
const delayPicker = (page: Page) => page.getByRole('combobox', { name: 'Delay by' });
const faultsIn = async (page: Page): Promise<FaultInput[]> =>
  (JSON.parse(await scenarioJson(page).inputValue()) as ScenarioInput).faults ?? [];

async function seek(page: Page, i: number): Promise<void> {
  await timeline(page).fill(String(i));
  await expect(counter(page)).toHaveText(new RegExp(`^\\s*Step ${i} of`));
}

test('a crash or a signup keeps the playhead on the step being read, the injected step next', async ({
  page,
}) => {
  const seen = watch(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/sandbox');
  await pickScenario(page, LAMBDA);
  const original = await scenarioJson(page).inputValue();
  const sim = simulate(original);
  // A step whose next step is later in simulated time (no other step in the same millisecond).
  let at = 0;
  for (let j = 8; j < sim.stepCount - 1; j++) {
    if (sim.timeOf(j) < sim.timeOf(j + 1)) {
      at = j + 1;
      break;
    }
  }
  expect(at).toBeGreaterThan(0);
  await seek(page, at);
  const reading = await page.getByRole('status', { name: 'Current step' }).innerText();
  const numbers = await numbersOnScreenText(page);

  await button(page, 'Crash').click();
  await expect(scenarioJson(page)).not.toHaveValue(original);
  const branched = simulate(await scenarioJson(page).inputValue());
  await expect(counter(page)).toHaveText(new RegExp(`Step ${at} of ${branched.stepCount}`));
  // Same step on screen: every step up to it is the one the learner saw, and the same numbers.
  for (let j = 0; j < at; j++) expect(branched.kindOf(j)).toBe(sim.kindOf(j));
  // (The first line is the counter, whose step count changed.)
  expect((await numbersOnScreenText(page)).slice(1)).toEqual(numbers.slice(1));
  const narration = page.getByRole('status', { name: 'Current step' });
  await expect(narration).toContainText('Branched');
  expect(reading.length).toBeGreaterThan(0);
  expect(branched.kindOf(at), 'the crash is the next step').toBe('job.crashed');
  await button(page, 'Next step').click();
  await expect(counter(page)).toHaveText(new RegExp(`Step ${at + 1} of`));
  await expect(narration).toContainText(/crash/i);

  // A signup: same playhead, the new record reaches the log among the next steps.
  const { i } = await position(page);
  await button(page, 'Add signup').click();
  const withSignup = simulate(await scenarioJson(page).inputValue());
  await expect(counter(page)).toHaveText(new RegExp(`Step ${i} of ${withSignup.stepCount}`));
  const next = Array.from({ length: 3 }, (_, k) => withSignup.kindOf(i + k));
  expect(next).toContain('record.appended');
  expect(seen.errors).toEqual([]);
});

test('Delay event and Duplicate act on the chosen event, Delay by the chosen time, and a link keeps both', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto('/#/sandbox');
  await pickScenario(page, KAPPA);
  const sim = simulate(await scenarioJson(page).inputValue());
  await seek(page, 3);
  const now = sim.view(2).time;
  const upcoming = sim.scenario.events
    .filter((e) => e.arrival > now)
    .sort((a, b) => a.arrival - b.arrival);
  const arrived = sim.scenario.events.filter((e) => e.arrival <= now);
  expect(upcoming.length).toBeGreaterThan(1);
  expect(arrived.length).toBeGreaterThan(0);

  // The default is the next event to arrive; Delay by is 3 hours.
  await expect(eventPicker(page)).toHaveValue(upcoming[0].id);
  await expect(delayPicker(page)).toHaveValue(String(3 * 3_600_000));

  // Delay the second event still to come by one hour.
  const chosen = upcoming[1].id;
  await eventPicker(page).selectOption(chosen);
  await delayPicker(page).selectOption({ label: '1 hour' });
  await button(page, 'Delay event').click();
  await expect
    .poll(() => faultsIn(page))
    .toContainEqual({
      kind: 'delay',
      event: chosen,
      by: '3600000ms',
    });
  await expect(counter(page)).toHaveText(/^\s*Step 3 of/);
  await expect(page.getByRole('status', { name: 'Current step' })).toContainText(
    `${chosen} (${upcoming[1].user}) arrives 1 hour later`,
  );

  // An event already in the log can be duplicated (a producer retry), not delayed.
  const old = arrived[0].id;
  await eventPicker(page).selectOption(old);
  expect(await isDisabled(button(page, 'Delay event'))).toBe(true);
  await expect(page.getByText(`${old} is already in the log`)).toBeVisible();
  await button(page, 'Duplicate').click();
  await expect
    .poll(async () => (await faultsIn(page)).filter((f) => f.kind === 'producer-retry'))
    .toEqual([expect.objectContaining({ kind: 'producer-retry', event: old })]);
  // After an injection the choice goes back to the default (the next event).
  await expect(eventPicker(page)).toHaveValue(upcoming[0].id);
  for (let k = 0; k < 4; k++) await button(page, 'Next step').click();

  const at = await position(page);
  await button(page, 'Copy link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const numbers = await numbersOnScreenText(page);
  const faults = await faultsIn(page);
  const fresh = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(counter(other)).toHaveText(new RegExp(`Step ${at.i} of ${at.n}`));
  expect(await faultsIn(other)).toEqual(faults);
  expect(await numbersOnScreenText(other)).toEqual(numbers);
  await expect(other.getByRole('alert')).toHaveCount(0);
  expect(seen.errors).toEqual([]);
  await fresh.close();
  await context.close();
});

test('picking another scenario keeps an edited run as "Your scenario" to return to', async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto('/#/sandbox');
  await pickScenario(page, LAMBDA);
  await seek(page, 6);
  await button(page, 'Crash').click();
  await expect(scenarioPicker(page)).toHaveValue('custom');
  const edited = await scenarioJson(page).inputValue();
  const { i, n } = await position(page);

  await pickScenario(page, KAPPA);
  await expect(page.getByRole('status').filter({ hasText: 'is kept' })).toContainText(
    `Your scenario “${LAMBDA}” is kept`,
  );
  const keptOption = scenarioPicker(page).getByRole('option', { name: /^Your scenario:/ });
  await expect(keptOption).toHaveText(`Your scenario: ${LAMBDA} (kept)`);
  await expect(keptOption).toBeEnabled();

  await scenarioPicker(page).selectOption('custom');
  await expect(counter(page)).toHaveText(new RegExp(`Step ${i} of ${n}`));
  expect(JSON.parse(await scenarioJson(page).inputValue())).toEqual(JSON.parse(edited));
  await expect(scenarioPicker(page)).toHaveValue('custom');
  await expect(page.getByRole('status').filter({ hasText: 'is kept' })).toHaveCount(0);
  // A bundled scenario picked over a bundled one keeps nothing.
  await pickScenario(page, KAPPA);
  await pickScenario(page, LAMBDA);
  await expect(
    scenarioPicker(page).getByRole('option', { name: `Your scenario: ${KAPPA} (kept)` }),
  ).toHaveCount(0);
  expect(seen.errors).toEqual([]);
});

test('Escape clears a lineage selection on a wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/sandbox');
  await seek(page, 30);
  const served = page.getByRole('button', { name: /^Served \d+ on / }).first();
  await served.click();
  const tracing = page.getByRole('status').filter({ hasText: 'Tracing' });
  await expect(tracing).toBeVisible();
  await expect(page).toHaveURL(/&day=/);
  // Focus elsewhere on the page (not in a field): Escape still clears it.
  await button(page, 'Next step').focus();
  await page.keyboard.press('Escape');
  await expect(tracing).toHaveCount(0);
  await expect(page).not.toHaveURL(/&day=/);
});

test('on a 390 px phone "Jump through the run" comes after the controls and the picture', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/#/sandbox');
  for (let k = 0; k < 12; k++) await button(page, 'Next step').click();
  const jump = page.getByRole('heading', { name: 'Jump through the run' });
  const slider = await timeline(page).boundingBox();
  const picture = await pipelinePicture(page).boundingBox();
  const jumpBox = await jump.boundingBox();
  expect(slider!.y + slider!.height, 'the Timeline is on the first screen').toBeLessThanOrEqual(
    844,
  );
  expect(jumpBox!.y, 'Jump comes after the Timeline').toBeGreaterThan(slider!.y);
  expect(jumpBox!.y, 'Jump comes after the picture').toBeGreaterThan(picture!.y + picture!.height);
  await page.screenshot({ path: `${SCREENS}/sandbox-phone-390.png` });
  await page.screenshot({ path: `${SCREENS}/sandbox-phone-390-full.png`, fullPage: true });
});
