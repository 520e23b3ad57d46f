/**
 * Scenarios and pictures out: Export scenario writes a file the headless simulator runs to the
 * answers the page shows; import by file picker and by drag and drop, where a bad file changes
 * nothing; Save picture as SVG and PNG.
 */
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { runScenario } from '../../src/engine/index.ts';
import {
  button,
  counter,
  numbersOnScreenText,
  parseOrFail,
  pickScenario,
  scenarioJson,
  scenarioPicker,
  watch,
} from './support/classroom-page.ts';

async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([fileName, content]) => {
      const data = new DataTransfer();
      data.items.add(new File([content], fileName, { type: 'application/json' }));
      return data;
    },
    [name, text],
  );
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
}

test('Export scenario: the headless simulator runs the file to the answers on the page', async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto('/#/sandbox');
  await pickScenario(page, 'At-least-once: a speed-layer crash counts records twice');
  for (let i = 0; i < 8; i++) await button(page, 'Next step').click();
  await button(page, 'Duplicate').click();
  await button(page, 'Crash').click();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    button(page, 'Export scenario').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const file = await download.path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.faults.map((f: { kind: string }) => f.kind)).toEqual(
    expect.arrayContaining(['producer-retry', 'crash']),
  );

  const cli = spawnSync('npx', ['tsx', 'src/cli/simulate.ts', file], { encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);
  const report = JSON.parse(cli.stdout);
  const onPage = runScenario(parseOrFail(await scenarioJson(page).inputValue()));
  expect(report).toEqual(JSON.parse(JSON.stringify(onPage)));

  await button(page, 'Go to end').click();
  const answers = page.getByRole('table', { name: 'Answers' });
  for (const answer of report.answers) {
    await expect(answers.locator(`time[datetime="${answer.day}"]`).first()).toBeVisible();
  }
  const rows = await answers.locator('tbody tr').allInnerTexts();
  for (const [i, answer] of report.answers.entries()) {
    expect(rows[i]).toContain(String(answer.served));
  }
  expect(seen.errors).toEqual([]);
});

test('Export scenario of a unified run with an injected crash: the simulator gives the page’s answers and panes', async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto('/#/sandbox');
  await pickScenario(
    page,
    'Streaming Systems fig. 2-11 (right): early, on-time and late panes, heuristic watermark',
  );
  for (let i = 0; i < 20; i++) await button(page, 'Next step').click();
  await button(page, 'Crash').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    button(page, 'Export scenario').click(),
  ]);
  const file = await download.path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.architecture).toBe('unified');
  expect(exported.faults.map((f: { kind: string }) => f.kind)).toContain('crash');

  const cli = spawnSync('npx', ['tsx', 'src/cli/simulate.ts', file], { encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);
  const report = JSON.parse(cli.stdout);
  const onPage = runScenario(parseOrFail(await scenarioJson(page).inputValue()));
  expect(report).toEqual(JSON.parse(JSON.stringify(onPage)));
  expect(report.panes.length).toBeGreaterThan(0);

  await button(page, 'Go to end').click();
  const rows = await page
    .getByRole('table', { name: 'Answers' })
    .locator('tbody tr')
    .allInnerTexts();
  expect(rows).toHaveLength(report.answers.length);
  for (const [i, answer] of report.answers.entries()) {
    expect(rows[i]).toContain(String(answer.served));
    expect(rows[i]).toContain(String(answer.truth));
  }
  expect(seen.errors).toEqual([]);
});

test('a bad file, picked or dropped, shows the problems and changes nothing; a good one dropped runs', async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto('/#/sandbox');
  for (let i = 0; i < 4; i++) await button(page, 'Next step').click();
  const before = await numbersOnScreenText(page);
  const bad = JSON.stringify({
    architecture: 'lambda',
    events: [{ id: 'e1', user: 'u1', time: 'yesterday' }],
  });

  await page.getByLabel('Import scenario file').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(bad),
  });
  await expect(page.getByRole('alert')).toContainText('events[0].time');
  expect(await numbersOnScreenText(page)).toEqual(before);

  await page.getByRole('button', { name: 'Run scenario' }).click(); // clears nothing: still bad
  await dropFile(page, 'bad.json', '{ "architecture": "lambda", ');
  await expect(page.getByRole('alert')).toContainText('(json): not valid JSON');
  expect(await numbersOnScreenText(page)).toEqual(before);

  const good = {
    ...JSON.parse(readFileSync('scenarios/12-kappa-basics.json', 'utf8')),
    name: 'Dropped here',
  };
  await dropFile(page, 'good.json', JSON.stringify(good));
  await expect(page.getByRole('option', { name: 'Your scenario: Dropped here' })).toBeAttached();
  await expect(scenarioPicker(page)).toHaveValue('custom');
  await expect(counter(page)).toHaveText(/Step 0 of \d+/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(seen.errors).toEqual([]);
});

test('Save picture writes an SVG with the picture’s marks and a PNG twice its size', async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto('/#/sandbox');
  for (let i = 0; i < 10; i++) await button(page, 'Next step').click();

  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    button(page, 'Save picture (SVG)').click(),
  ]);
  expect(svgDownload.suggestedFilename()).toBe('yesterday-vs-today-step-10.svg');
  const svg = readFileSync(await svgDownload.path(), 'utf8');
  expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('Event log');
  expect(svg).not.toContain('class=');
  const box = await page.locator('svg[aria-label="Pipeline picture"]').getAttribute('viewBox');
  const [, , width, height] = box!.split(' ').map(Number);

  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    button(page, 'Save picture (PNG)').click(),
  ]);
  const png = readFileSync(await pngDownload.path());
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(width * 2);
  expect(png.readUInt32BE(20)).toBe(height * 2);
  expect(seen.errors).toEqual([]);
});

test('Save picture in the unified sandbox writes its event-time plot as SVG and PNG', async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto('/#/sandbox');
  await pickScenario(
    page,
    'Streaming Systems fig. 2-11 (right): early, on-time and late panes, heuristic watermark',
  );
  for (let i = 0; i < 12; i++) await button(page, 'Next step').click();
  const plot = page.getByRole('figure', { name: 'Unified pipeline picture' }).getByRole('img');
  await expect(plot.first()).toBeVisible();

  const [svgDownload] = await Promise.all([
    page.waitForEvent('download', { timeout: 5_000 }),
    button(page, 'Save picture (SVG)').click(),
  ]);
  expect(svgDownload.suggestedFilename()).toMatch(/-step-12\.svg$/);
  const svg = readFileSync(await svgDownload.path(), 'utf8');
  expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('Processing time →');
  const box = await plot.first().getAttribute('viewBox');
  const [, , width, height] = box!.split(' ').map(Number);

  const [pngDownload] = await Promise.all([
    page.waitForEvent('download', { timeout: 5_000 }),
    button(page, 'Save picture (PNG)').click(),
  ]);
  const png = readFileSync(await pngDownload.path());
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(Math.round(width * 2));
  expect(png.readUInt32BE(20)).toBe(Math.round(height * 2));
  expect(seen.errors).toEqual([]);
});
