/**
 * The narration box (issue 7): every sentence of it is readable whole, and it never moves the
 * picture from step to step. For every bundled scenario and every lesson's scenario files, the
 * steps with the longest narrations (found by running the engine here, in plain words as the
 * page shows them) are shown at a projector's 1366 × 768 and a phone's 390 × 844. On the phone
 * the box keeps room for them: nothing is cut off. On the projector the box is as tall as the
 * controls beside it: a longer narration scrolls inside it, a visible "More below" sign says so,
 * and scrolling the box shows its last line. Either way the picture's area stays where it was
 * before the first step.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { plainWords } from '../../src/app/format.ts';
import { SCREENS, counter, parseOrFail, scenarioJson, simulate } from './support/pipeline-page.ts';

/** Files of scenarios, and how the sandbox opens them (a bundled one by its name in the address). */
const FILES = [
  ...readdirSync('scenarios')
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ path: `scenarios/${f}`, bundled: f.replace(/\.json$/, '') })),
  ...readdirSync('src/lessons')
    .filter((d) => /^\d\d-/.test(d))
    .flatMap((d) =>
      readdirSync(`src/lessons/${d}`)
        .filter((f) => f.endsWith('.json'))
        .map((f) => ({ path: `src/lessons/${d}/${f}`, bundled: null })),
    ),
];

/** Steps (1-based positions) whose narrations are the longest of the run: the three longest. */
function longestSteps(text: string): number[] {
  const scenario = parseOrFail(text);
  const run = simulate(text);
  const lengths: { at: number; length: number }[] = [];
  for (let i = 0; i < run.stepCount; i++)
    lengths.push({
      at: i + 1,
      length: plainWords(run.stepInfo(i).description, scenario.timeZone).length,
    });
  return lengths
    .sort((a, b) => b.length - a.length)
    .slice(0, 3)
    .map((l) => l.at);
}

async function open(page: Page, file: (typeof FILES)[number], text: string): Promise<void> {
  if (file.bundled) {
    await page.goto(`/#/sandbox?s=${file.bundled}&step=0`);
  } else {
    if (!page.url().includes('#/sandbox')) await page.goto('/#/sandbox');
    await expect(counter(page)).toHaveText(/^Step \d+ of/);
    await scenarioJson(page).fill(text);
    await page.getByRole('button', { name: 'Run scenario' }).click();
  }
  await expect(counter(page)).toHaveText(`Step 0 of ${simulate(text).stepCount}`);
}

/** The narration box: how far its text runs past its visible height, and where the picture is. */
const measure = (page: Page) =>
  page.evaluate(() => {
    const box = document.querySelector('[role="status"][aria-label="Current step"]')!;
    const narration = box.querySelector('.narration')!.getBoundingClientRect();
    const frame = box.getBoundingClientRect();
    const picture = document.querySelector('section.area-picture')!.getBoundingClientRect();
    const sign = box.querySelector('.more')?.getBoundingClientRect();
    return {
      hidden: box.scrollHeight - box.clientHeight,
      below: narration.bottom - frame.bottom,
      sign: sign !== undefined && sign.height > 0 && sign.bottom <= frame.bottom + 1,
      picture: { x: picture.x + scrollX, y: picture.y + scrollY },
    };
  });

/** Scrolls the narration box to its end; how far its last line then is below the box's edge. */
const scrolledToEnd = (page: Page) =>
  page.evaluate(async () => {
    const box = document.querySelector('[role="status"][aria-label="Current step"]')!;
    box.scrollTop = box.scrollHeight;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const below =
      box.querySelector('.narration')!.getBoundingClientRect().bottom -
      box.getBoundingClientRect().bottom;
    const sign = box.querySelector('.more') !== null;
    box.scrollTop = 0;
    return { below, sign };
  });

for (const { width, height } of [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]) {
  test(`at ${width}×${height} the longest narrations of every bundled and lesson scenario can be read whole, and the picture does not move`, async ({
    page,
  }) => {
    test.setTimeout(240_000); // about 60 scenarios, four moments each, on a small shared machine
    expect(FILES.length, 'scenario files').toBeGreaterThan(40);
    await page.setViewportSize({ width, height });
    const problems: string[] = [];
    for (const file of FILES) {
      const text = readFileSync(file.path, 'utf8');
      await open(page, file, text);
      const start = await measure(page);
      const n = simulate(text).stepCount;
      for (const at of longestSteps(text)) {
        await page.getByRole('slider', { name: 'Timeline' }).fill(String(at));
        await expect(counter(page)).toHaveText(`Step ${at} of ${n}`);
        const now = await measure(page);
        if (now.hidden > 1 || now.below > 1) {
          const end = await scrolledToEnd(page);
          if (width < 1200)
            problems.push(`${file.path} step ${at}: ${now.hidden} px of the narration cut off`);
          else if (!now.sign)
            problems.push(`${file.path} step ${at}: the narration scrolls with no sign of it`);
          else if (end.below > 1 || end.sign)
            problems.push(`${file.path} step ${at}: scrolled to its end, the narration is cut off`);
        }
        if (JSON.stringify(now.picture) !== JSON.stringify(start.picture))
          problems.push(
            `${file.path} step ${at}: the picture moved from ${JSON.stringify(start.picture)} to ${JSON.stringify(now.picture)}`,
          );
      }
    }
    expect(problems).toEqual([]);
    await page.goto('/#/sandbox?s=01-yesterday-vs-today&step=12');
    await expect(counter(page)).toHaveText(/^Step 12 of/);
    await page.screenshot({ path: `${SCREENS}/narration-long-${width}.png` });
  });
}
