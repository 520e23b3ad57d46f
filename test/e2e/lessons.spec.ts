/**
 * The guided lessons: the home page, every lesson played first to last and back again, deep
 * links and unknown addresses, "Try it yourself", progress, and screenshots at 1366×768 and
 * 390 px wide.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { parseScenarioText, Simulation } from '../../src/engine/index.ts';
import '../../src/engine/arch/unified/unified.register.ts';
import { loadLessons } from '../../src/lessons/build/lessons.plugin.ts';
import { resolveCue } from '../../src/lessons/lesson.cues.ts';
import { SCREENS, watch } from './support/pipeline-page.ts';

const loaded = loadLessons('src/lessons');
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const lessons = loaded.lessons;

const progressText = (page: Page) => page.getByText(/^\s*Step \d+ of \d+\s*$/).first();
const narration = (page: Page) => page.getByRole('region', { name: 'Narration' });
const next = (page: Page) => page.getByRole('button', { name: 'Next', exact: true });
const back = (page: Page) => page.getByRole('button', { name: 'Back', exact: true });

/**
 * What a learner sees of a step: its narration and the picture (text and drawing), once its
 * `figures` (two in a compare lesson: the columns and the chart) are drawn.
 */
async function snapshot(page: Page, figures = 1): Promise<{ text: string; picture: string }> {
  await page
    .locator('.lesson figure')
    .nth(figures - 1)
    .waitFor();
  return {
    text: await narration(page).innerText(),
    // Ids made by `$props.id()` differ between two mounts of the same picture.
    // Every figure of the lesson: a compare lesson draws its columns and its chart.
    picture: (
      await page.locator('.lesson figure').evaluateAll((all) => all.map((f) => f.outerHTML))
    )
      .join('\n')
      .replace(/\bc\d+-/g, 'c-'),
  };
}

async function expectStep(page: Page, lesson: string, i: number, n: number): Promise<void> {
  await expect(progressText(page)).toHaveText(new RegExp(`Step ${i} of ${n}`));
  await expect(page).toHaveURL(new RegExp(`#/lessons/${lesson}/${i}$`));
}

test('the home page offers the first lesson, the sandbox and every lesson', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Start the first lesson' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open the sandbox' })).toBeVisible();
  const menu = page.getByRole('navigation', { name: 'Lessons' });
  for (const lesson of lessons)
    await expect(menu.getByRole('link', { name: lesson.title, exact: true })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByRole('link', { name: 'Start the first lesson' }).click();
  await expectStep(page, lessons[0].id, 1, lessons[0].steps.length);
  await page.getByRole('link', { name: 'Sandbox' }).click();
  await expect(page.getByRole('button', { name: 'Next step' })).toBeVisible();
  expect(seen.errors).toEqual([]);
  expect(seen.foreignRequests).toEqual([]);
});

for (const lesson of lessons) {
  test(`lesson ${lesson.id} plays first to last, and Back returns through the identical steps`, async ({
    page,
  }) => {
    const seen = watch(page);
    const figures = lesson.picture === 'compare' ? 2 : 1;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/#/lessons/${lesson.id}/1`);
    const n = lesson.steps.length;
    await expectStep(page, lesson.id, 1, n);
    // The narration is what a screen reader announces at each step.
    await expect(narration(page)).toHaveAttribute('aria-live', 'polite');
    const first = await snapshot(page, figures);
    /** What each step showed on the way forward (after its reveal). */
    const shown: Awaited<ReturnType<typeof snapshot>>[] = [];
    for (let i = 1; i <= n; i++) {
      await expectStep(page, lesson.id, i, n);
      if (lesson.steps[i - 1].question) {
        await expect(narration(page)).toContainText('Predict:');
        await next(page).click(); // reveal
        // A number question: "The engine shows …"; a direction question: "… went from 3 to 4".
        await expect(narration(page)).toContainText(
          lesson.steps[i - 1].question!.kind === 'number' ? 'The engine shows' : 'went from',
          { ignoreCase: true },
        );
      }
      // A highlight is named in the narration too, for those who do not see the outline, and
      // outlines something in the picture (a selector that matches nothing dims everything).
      if (lesson.steps[i - 1].highlights.length > 0) {
        await expect(narration(page)).toContainText('Highlighted:');
        await expect(page.locator('.lesson [data-highlighted]').first()).toBeVisible();
      }
      shown[i] = await snapshot(page, figures);
      if (i < n) await next(page).click();
    }
    await expect(next(page)).toBeDisabled();
    await expect(page.getByRole('heading', { name: 'What to take away' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Try it yourself in the sandbox' })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/lesson-${lesson.id}-last-1366.png` });
    // Back through every step (also across a change of scenario file) shows what Next showed.
    for (let i = n; i >= 1; i--) {
      await expectStep(page, lesson.id, i, n);
      expect(await snapshot(page, figures), `step ${i} after Back`).toEqual(shown[i]);
      if (lesson.steps[i - 1].question) await back(page).click(); // un-reveal
      if (i > 1) await back(page).click();
    }
    await expectStep(page, lesson.id, 1, n);
    await expect(back(page)).toBeDisabled();
    expect(await snapshot(page, figures)).toEqual(first);
    expect(seen.errors).toEqual([]);
  });
}

test('a deep link opens exactly that step; an unknown lesson or step says so and lists the lessons', async ({
  page,
}) => {
  const lesson = lessons[0];
  const n = lesson.steps.length;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`/#/lessons/${lesson.id}/1`);
  for (let i = 1; i < 3; i++) {
    if (lesson.steps[i - 1].question) await next(page).click();
    await next(page).click();
  }
  await expectStep(page, lesson.id, 3, n);
  const walked = await snapshot(page);
  await page.goto('/#/');
  await page.goto(`/#/lessons/${lesson.id}/3`);
  await expectStep(page, lesson.id, 3, n);
  expect(await snapshot(page)).toEqual(walked);

  await page.goto('/#/lessons/42-no-such-lesson/1');
  await expect(page.getByRole('alert')).toHaveText(/There is no lesson "42-no-such-lesson"/);
  await expect(page.getByRole('link', { name: 'Start the first lesson' })).toBeVisible();
  await page.goto(`/#/lessons/${lesson.id}/${n + 1}`);
  await expect(page.getByRole('alert')).toHaveText(
    new RegExp(`has ${n} steps, so there is no step ${n + 1}`),
  );
  await expect(page.getByRole('link', { name: 'Start the first lesson' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: lesson.title }),
  ).toBeVisible();
  await page.goto('/#/nowhere');
  await expect(page.getByRole('alert')).toHaveText(/There is no page at "\/nowhere"/);
});

test('Next animates the way to the cue unless motion is reduced', async ({ page }) => {
  const lesson = lessons[0];
  await page.goto(`/#/lessons/${lesson.id}/1`);
  await next(page).click();
  // While it animates the picture shows a moving token, and then the step lands on its cue.
  await expect(page.locator('.lesson figure')).toBeVisible();
  await expectStep(page, lesson.id, 2, lesson.steps.length);
  await expect(narration(page)).toContainText(lesson.steps[1].title);
});

test('progress is remembered and can be reset; Try it yourself opens the sandbox there', async ({
  page,
}) => {
  const lesson = lessons[0];
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`/#/lessons/${lesson.id}/2`);
  await expectStep(page, lesson.id, 2, lesson.steps.length);
  await page.getByRole('link', { name: 'All lessons' }).click();
  await expect(page.getByText(`Reached step 2 of ${lesson.steps.length}`)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: /^Continue:/ })).toBeVisible();
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await expect(page.getByText(`Reached step 2`)).toHaveCount(0);

  await page.goto(`/#/lessons/${lesson.id}/${lesson.steps.length}`);
  await page.getByRole('link', { name: 'Try it yourself in the sandbox' }).click();
  // The sandbox's own link format: the lesson's scenario, at the step the lesson stood at.
  await expect(page).toHaveURL(/#\/sandbox\?x=1\./);
  const from = page.getByRole('complementary', { name: 'From the lesson' });
  await expect(from).toContainText(lesson.title);
  await expect(from).toContainText(`Try this: ${textOf(lesson.tryIt)}`);
  const name = (JSON.parse(lesson.scenarioText) as { name: string }).name;
  await expect(page.getByRole('textbox', { name: 'Scenario JSON' })).toHaveValue(
    new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  );
  await expect(page.getByText(/^\s*Step \d+ of \d+\s*$/).first()).toHaveText(/Step (\d+) of \1/);
});

/** The text of build-time HTML, as the page shows it. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 60);
}

// Lessons whose last step plays another scenario file, or stops before the end of its run.
for (const id of ['05-duplicates', '13-triggers-and-accumulation']) {
  test(`Try it yourself at the end of ${id} opens the scenario and step the lesson stood at`, async ({
    page,
  }) => {
    const lesson = lessons.find((l) => l.id === id)!;
    const last = lesson.steps[lesson.steps.length - 1];
    const text = lesson.scenarios[last.scenarioFile];
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error(`${id}: invalid scenario`);
    const simulation = Simulation.create(parsed.scenario);
    const cue = resolveCue(simulation, last.cue);
    if (!cue.ok) throw new Error(cue.problem);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`/#/lessons/${id}/${lesson.steps.length}`);
    if (last.question) await next(page).click(); // the end shows after the reveal
    await page.getByRole('link', { name: 'Try it yourself in the sandbox' }).click();
    await expect(page.getByRole('complementary', { name: 'From the lesson' })).toContainText(
      `Try this: ${textOf(lesson.tryIt)}`,
    );
    const name = (JSON.parse(text) as { name: string }).name;
    await expect(page.getByRole('textbox', { name: 'Scenario JSON' })).toHaveValue(
      new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
    await expect(page.getByText(/^\s*Step \d+ of \d+\s*$/).first()).toHaveText(
      new RegExp(`Step ${cue.position} of ${simulation.stepCount}`),
    );
  });
}

test('lessons at 390 px wide and keyboard only', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await page.screenshot({ path: `${SCREENS}/lessons-index-390.png`, fullPage: true });
  // Keyboard only: tab to "Start the first lesson", Enter, then tab to Next and press it.
  const start = page.getByRole('link', { name: 'Start the first lesson' });
  for (let i = 0; i < 20 && !(await start.evaluate((a) => a === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expectStep(page, lessons[0].id, 1, lessons[0].steps.length);
  for (let i = 0; i < 20 && !(await next(page).evaluate((b) => b === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expectStep(page, lessons[0].id, 2, lessons[0].steps.length);
  await page.screenshot({ path: `${SCREENS}/lesson-01-step2-390.png`, fullPage: true });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  // Focus is never lost: Back turning off on the first step hands it to Next.
  await page.keyboard.press('Shift+Tab');
  await expect(back(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expectStep(page, lessons[0].id, 1, lessons[0].steps.length);
  await expect(next(page)).toBeFocused();
  // Next turning off on the last step hands it to the end's "What to take away".
  const n = lessons[0].steps.length;
  await page.goto(`/#/lessons/${lessons[0].id}/${n - 1}`);
  await next(page).focus();
  for (let i = 0; i < 2 && !(await next(page).isDisabled()); i++) {
    const before = await narration(page).innerText();
    await page.keyboard.press('Enter');
    await expect.poll(() => narration(page).innerText()).not.toBe(before);
  }
  await expectStep(page, lessons[0].id, n, n);
  await expect(page.getByRole('heading', { name: 'What to take away' })).toBeFocused();
});

test('keyboard only through a whole lesson: the chapter menu, the question box, the reveal and Try it yourself', async ({
  page,
}) => {
  const seen = watch(page);
  // Lesson 2 asks both kinds of question: a choice (step 4) and numbers (steps 5 to 7).
  const lesson = lessons.find((l) => l.id === '02-yesterday-vs-today')!;
  const n = lesson.steps.length;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  /** Tabs (or Shift+Tabs) until `target` has the focus, as a keyboard user would. */
  async function tabTo(target: ReturnType<Page['locator']>, key = 'Tab'): Promise<void> {
    for (let i = 0; i < 40 && !(await target.evaluate((e) => e === document.activeElement)); i++)
      await page.keyboard.press(key);
    await expect(target).toBeFocused();
  }
  const chapter = page
    .getByRole('navigation', { name: 'Lessons' })
    .getByRole('link', { name: lesson.title, exact: true });
  await tabTo(chapter);
  await page.keyboard.press('Enter');
  for (let i = 1; i <= n; i++) {
    await expectStep(page, lesson.id, i, n);
    const question = lesson.steps[i - 1].question;
    if (question?.kind === 'number') {
      const box = narration(page).getByRole('textbox', { name: 'Your answer' });
      await tabTo(box);
      await page.keyboard.type('3');
    } else if (question) {
      // Tab reaches the group of choices; the arrow keys choose, as in any radio group.
      await tabTo(narration(page).getByRole('radio').first());
      await page.keyboard.press('ArrowDown');
      await expect(narration(page).getByRole('radio', { checked: true })).toHaveCount(1);
    }
    if (i === n && !question) break;
    // Next is above the narration: back up to it.
    await tabTo(next(page), 'Shift+Tab');
    await page.keyboard.press('Enter');
    if (question) {
      // The reveal: the learner's own answer beside the engine's, and Next keeps the focus.
      await expect(narration(page)).toContainText(
        question.kind === 'number' ? 'You said 3' : /You predicted it|You said it/,
      );
      await expect(next(page)).toBeFocused();
      if (i < n) await page.keyboard.press('Enter');
    }
  }
  await expectStep(page, lesson.id, n, n);
  const tryIt = page.getByRole('link', { name: 'Try it yourself in the sandbox' });
  await tabTo(tryIt);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'From the lesson' })).toContainText(
    lesson.title,
  );
  expect(seen.errors).toEqual([]);
});
