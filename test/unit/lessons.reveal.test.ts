/**
 * Every predict-then-reveal answer shown is the engine's: the player is rendered on a real
 * lesson, its scenario's events are changed, and the number the reveal shows must follow the
 * engine (a hand-typed or cached answer would stay the same and fail). The expected numbers are
 * the headless simulator's report for the same scenario text (its query answers), not the
 * player's own lookup.
 */
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioText, runScenario } from '../../src/engine/index.ts';
import { loadLessons } from '../../src/lessons/build/lessons.plugin.ts';
import type { Lesson } from '../../src/lessons/lesson.types.ts';
import LessonPlayer from '../../src/lessons/player/LessonPlayer.svelte';
import { compareKit } from '../../src/lessons/player/compare-kit.ts';
import { pipelineKit, type PictureKit } from '../../src/lessons/player/picture-kit.ts';
import { loadedKit } from './support/loaded-kit.ts';

const loaded = loadLessons('src/lessons');
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const lessons = loaded.lessons;

function lessonById(id: string): Lesson {
  const lesson = lessons.find((l) => l.id === id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  return lesson;
}

/** The 1-based number of the step whose title is `title`. */
function stepNumber(lesson: Lesson, title: string): number {
  const i = lesson.steps.findIndex((s) => s.title === title);
  if (i < 0) throw new Error(`${lesson.id} has no step "${title}"`);
  return i + 1;
}

type ScenarioInput = {
  events: { id: string; user: string; time: string; arrival?: string }[];
  [key: string]: unknown;
};

/**
 * The lesson with one scenario file's input changed by `change` (by default the main one; the
 * lesson text is untouched).
 */
function withScenario(
  lesson: Lesson,
  change: (input: ScenarioInput) => void,
  file = lesson.scenarioFile,
): Lesson {
  const input = JSON.parse(lesson.scenarios[file]) as ScenarioInput;
  change(input);
  const text = JSON.stringify(input);
  return {
    ...lesson,
    scenarios: { ...lesson.scenarios, [file]: text },
    ...(file === lesson.scenarioFile ? { scenarioText: text } : {}),
  };
}

/** The headless simulator's answer to the `k`-th query (0-based) of a scenario file. */
function reportAnswer(
  lesson: Lesson,
  k: number,
  file = lesson.scenarioFile,
): { served: number; day: string } {
  const parsed = parseScenarioText(lesson.scenarios[file]);
  if (!parsed.ok) throw new Error('invalid scenario');
  return runScenario(parsed.scenario).answers[k];
}

/** Opens the lesson at a question step, answers `typed`, presses Next and returns the reveal. */
async function reveal(
  lesson: Lesson,
  step: number,
  typed: string,
  kit: PictureKit = pipelineKit,
): Promise<string> {
  const user = userEvent.setup();
  const ready = await loadedKit(lesson, kit);
  const view = render(LessonPlayer, { lesson, next: null, step, ongo: () => {}, kit: ready });
  const narration = screen.getByRole('region', { name: 'Narration' });
  // The question box loads on demand.
  await waitFor(() => expect(narration).toHaveTextContent('Predict:'));
  const box = within(narration).queryByLabelText('Your answer');
  if (box && box.tagName === 'INPUT') await user.type(box, typed);
  await user.click(screen.getByRole('button', { name: /^Next$/ }));
  // (Next waits for the lesson's engine if it is still loading.)
  await waitFor(() => expect(narration).toHaveTextContent(/The engine shows|went from/));
  const text = narration.querySelector('.reveal')?.textContent ?? '';
  view.unmount();
  return text.replace(/\s+/g, ' ');
}

/** The number in "The engine shows <n> for …". */
function shown(revealed: string): number {
  const m = /The engine shows (-?\d+)/.exec(revealed);
  if (!m) throw new Error(`no number in: ${revealed}`);
  return Number(m[1]);
}

describe('predict-then-reveal shows the engine’s number, and it follows the scenario', () => {
  // The player loads its question box on demand; load it once here, so that the first test's
  // 1 s wait for "Predict:" does not also wait for a cold module load on a busy machine.
  beforeAll(async () => {
    await import('../../src/lessons/player/QuestionBox.svelte');
  });

  it('lesson 10: a late sign-up that arrives on time changes yesterday’s revealed answer', async () => {
    const lesson = lessonById('10-reconciliation');
    const step = stepNumber(lesson, 'The batch layer recounts');
    // The scenario's 2nd query asks for yesterday just after the batch run publishes (the cue).
    const before = reportAnswer(lesson, 1);
    const onTime = withScenario(lesson, (input) => {
      const cy = input.events.find((e) => e.id === 'e4')!;
      cy.arrival = cy.time;
    });
    const after = reportAnswer(onTime, 1);
    expect(after.served).not.toBe(before.served);

    expect(shown(await reveal(lesson, step, '0'))).toBe(before.served);
    const revealed = await reveal(onTime, step, '0');
    expect(shown(revealed)).toBe(after.served);
    expect(revealed).toContain(`You said 0: that is ${after.served} more than you said`);
  });

  it('lesson 7: one more test account changes the answer served while v2 replays', async () => {
    const lesson = lessonById('07-kappa');
    const step = stepNumber(lesson, 'Replaying');
    // The cue is 13:00, the time of the scenario's 2nd query (yesterday, still from table v1).
    const before = reportAnswer(lesson, 1);
    const more = withScenario(lesson, (input) => {
      input.events.push({
        id: 'e8',
        user: 'test-3',
        time: '2026-11-23T16:00:00Z',
        arrival: '2026-11-23T16:00:01Z',
      });
    });
    const after = reportAnswer(more, 1);
    expect(after.served).toBe(before.served + 1);

    expect(shown(await reveal(lesson, step, String(before.served)))).toBe(before.served);
    const revealed = await reveal(more, step, String(before.served));
    expect(shown(revealed)).toBe(after.served);
    expect(revealed).toContain('1 more than you said');
  });

  it('lesson 7: a direction question reveals the engine’s before and after numbers', async () => {
    const lesson = lessonById('07-kappa');
    const step = stepNumber(lesson, 'Switch over');
    // Before the switch: the 2nd query (from table v1); after it: the 3rd (from table v2).
    const more = withScenario(lesson, (input) => {
      input.events.push({
        id: 'e8',
        user: 'test-3',
        time: '2026-11-23T16:00:00Z',
        arrival: '2026-11-23T16:00:01Z',
      });
    });
    for (const version of [lesson, more]) {
      const from = reportAnswer(version, 1).served;
      const to = reportAnswer(version, 2).served;
      const revealed = await reveal(version, step, '');
      expect(revealed).toContain(`went from ${from} to ${to}`);
    }
    expect(reportAnswer(more, 1).served).not.toBe(reportAnswer(lesson, 1).served);
  });
  it('lesson 5: a step on another scenario file reveals that file’s number, and follows it', async () => {
    const lesson = lessonById('05-duplicates');
    const step = stepNumber(lesson, 'The same crash, at-most-once');
    const file = lesson.steps[step - 1].scenarioFile;
    expect(file).not.toBe(lesson.scenarioFile);
    // The cue is the file's 1st query (noon); with the crash a minute later nothing is in flight.
    const before = reportAnswer(lesson, 0, file);
    const later = withScenario(
      lesson,
      (input) => {
        const faults = input.faults as { kind: string; at?: string }[];
        faults.find((f) => f.kind === 'crash')!.at = '2026-11-23T10:02:25Z';
      },
      file,
    );
    const after = reportAnswer(later, 0, file);
    expect(after.served).toBe(before.served + 1);

    expect(shown(await reveal(lesson, step, '0'))).toBe(before.served);
    expect(shown(await reveal(later, step, '0'))).toBe(after.served);
  });

  it('lesson 9: a compare lesson reveals the named column’s number, from that architecture’s run', async () => {
    const lesson = lessonById('09-lambda-and-kappa-side-by-side');
    expect(lesson.picture).toBe('compare');
    const step = stepNumber(lesson, 'Today, after the fix');
    expect(lesson.steps[step - 1].question?.value).toMatchObject({ column: 'lambda' });
    // The cue is the end; the file's 3rd query asks Lambda (its own architecture) for today.
    const before = reportAnswer(lesson, 2);
    const noRepeat = withScenario(lesson, (input) => {
      input.events = input.events.filter((e) => e.id !== 'e10');
    });
    const after = reportAnswer(noRepeat, 2);
    expect(after.served).toBe(before.served - 1);

    expect(shown(await reveal(lesson, step, '0', compareKit))).toBe(before.served);
    const revealed = await reveal(noRepeat, step, '0', compareKit);
    expect(shown(revealed)).toBe(after.served);
    expect(revealed).toContain('in the Lambda column');
  });
});
