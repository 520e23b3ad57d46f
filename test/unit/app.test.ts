import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import yesterdayVsToday from '../../scenarios/01-yesterday-vs-today.json?raw';
import App from '../../src/app/App.svelte';
import { formatProblem, parseScenarioText, Simulation } from '../../src/engine/index.ts';

/** The same run the app makes, computed here so that the test knows every number to expect. */
function runOf(text: string): Simulation {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return Simulation.create(parsed.scenario);
}

const expected = runOf(yesterdayVsToday);
const scenarioName = (JSON.parse(yesterdayVsToday) as { name: string }).name;

function answersTable(): HTMLElement {
  return screen.getByRole('table', { name: 'Answers' });
}

function stepCounter(): HTMLElement {
  return screen.getByRole('status', { name: 'Current step' });
}

/** Picks another bundled scenario first when there is one, so that picking really changes the run. */
async function pickScenario(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  const picker = screen.getByRole('combobox', { name: 'Scenario' });
  const others = within(picker)
    .getAllByRole('option')
    .filter(
      (option) => option.textContent !== scenarioName && !(option as HTMLOptionElement).disabled,
    );
  if (others.length > 0) await user.selectOptions(picker, others[others.length - 1]);
  await user.selectOptions(picker, scenarioName);
  expect(picker).toHaveDisplayValue(scenarioName);
}

describe('App', () => {
  test('picking a scenario shows its answers, one row per query', async () => {
    const user = userEvent.setup();
    render(App);
    await pickScenario(user);

    const answers = expected.report().answers;
    expect(answers.length).toBeGreaterThan(0);
    const rows = within(answersTable()).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(answers.length);
    answers.forEach((answer, i) => {
      expect(within(rows[i]).getByRole('rowheader')).toHaveTextContent(answer.day);
      const [served, truth, , check] = within(rows[i]).getAllByRole('cell');
      expect(served).toHaveTextContent(new RegExp(`^${answer.served}$`));
      expect(truth).toHaveTextContent(new RegExp(`^${answer.truth}$`));
      const mark = answer.served === answer.truth ? 'matches truth' : 'differs from truth';
      expect(check).toHaveTextContent(mark);
    });
  });

  test('Next step and Previous step move the counter and the narration', async () => {
    const user = userEvent.setup();
    render(App);
    await pickScenario(user);
    const n = expected.stepCount;

    expect(stepCounter()).toHaveTextContent(`Step 0 of ${n}`);
    await user.click(screen.getByRole('button', { name: 'Next step' }));
    expect(stepCounter()).toHaveTextContent(`Step 1 of ${n}`);
    expect(stepCounter()).toHaveTextContent(expected.stepInfo(0).description);
    await user.click(screen.getByRole('button', { name: 'Next step' }));
    expect(stepCounter()).toHaveTextContent(`Step 2 of ${n}`);
    expect(stepCounter()).toHaveTextContent(expected.stepInfo(1).description);
    await user.click(screen.getByRole('button', { name: 'Previous step' }));
    expect(stepCounter()).toHaveTextContent(`Step 1 of ${n}`);
    expect(stepCounter()).toHaveTextContent(expected.stepInfo(0).description);

    await user.click(screen.getByRole('button', { name: 'Go to end' }));
    expect(stepCounter()).toHaveTextContent(`Step ${n} of ${n}`);
    expect(screen.getByRole('slider', { name: 'Timeline' })).toHaveValue(String(n));
    await user.click(screen.getByRole('button', { name: 'Restart' }));
    expect(stepCounter()).toHaveTextContent(`Step 0 of ${n}`);
  });

  test('invalid scenario JSON shows every problem and keeps the current run', async () => {
    const user = userEvent.setup();
    render(App);
    await pickScenario(user);
    await user.click(screen.getByRole('button', { name: 'Next step' }));
    await user.click(screen.getByRole('button', { name: 'Next step' }));
    const answersBefore = answersTable().textContent;
    const daysBefore = screen.getByRole('table', { name: 'Per day at this step' }).textContent;

    const invalid = JSON.stringify({
      architecture: 'lambda',
      events: [{ id: 'e1', user: 'u1', time: 'yesterday' }],
      queries: [{ at: '2026-11-24T10:00:00Z', day: 'someday' }],
    });
    const parsed = parseScenarioText(invalid);
    if (parsed.ok) throw new Error('the invalid scenario was accepted');
    const editor = screen.getByRole('textbox', { name: 'Scenario JSON' });
    await user.clear(editor);
    await user.click(editor);
    await user.paste(invalid);
    await user.click(screen.getByRole('button', { name: 'Run scenario' }));

    const alert = screen.getByRole('alert');
    const listed = within(alert).getAllByRole('listitem');
    expect(listed.map((li) => li.textContent)).toEqual(parsed.problems.map(formatProblem));
    expect(answersTable().textContent).toBe(answersBefore);
    expect(screen.getByRole('table', { name: 'Per day at this step' }).textContent).toBe(
      daysBefore,
    );
    expect(stepCounter()).toHaveTextContent(`Step 2 of ${expected.stepCount}`);

    // Still steppable after the refusal.
    await user.click(screen.getByRole('button', { name: 'Next step' }));
    expect(stepCounter()).toHaveTextContent(`Step 3 of ${expected.stepCount}`);

    // Text that is not JSON at all is refused the same way.
    await user.clear(editor);
    await user.paste('{ not json');
    await user.click(screen.getByRole('button', { name: 'Run scenario' }));
    expect(within(screen.getByRole('alert')).getAllByRole('listitem').length).toBeGreaterThan(0);
    expect(answersTable().textContent).toBe(answersBefore);
  });

  test('the arrow, Home and End keys step through the run, but not while typing', async () => {
    const user = userEvent.setup();
    render(App);
    await pickScenario(user);
    const n = expected.stepCount;
    (document.activeElement as HTMLElement | null)?.blur();

    await user.keyboard('{ArrowRight}');
    expect(stepCounter()).toHaveTextContent(`Step 1 of ${n}`);
    await user.keyboard('{ArrowRight}');
    expect(stepCounter()).toHaveTextContent(`Step 2 of ${n}`);
    await user.keyboard('{ArrowLeft}');
    expect(stepCounter()).toHaveTextContent(`Step 1 of ${n}`);
    expect(stepCounter()).toHaveTextContent(expected.stepInfo(0).description);
    await user.keyboard('{End}');
    expect(stepCounter()).toHaveTextContent(`Step ${n} of ${n}`);
    await user.keyboard('{Home}');
    expect(stepCounter()).toHaveTextContent(`Step 0 of ${n}`);

    await user.click(screen.getByRole('textbox', { name: 'Scenario JSON' }));
    await user.keyboard('{ArrowRight}');
    expect(stepCounter()).toHaveTextContent(`Step 0 of ${n}`);
  });
});
