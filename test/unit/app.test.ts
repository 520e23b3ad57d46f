import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import yesterdayVsToday from '../../scenarios/01-yesterday-vs-today.json?raw';
import App from '../../src/app/App.svelte';
import { plainWords } from '../../src/app/format.ts';
import { dayLabel } from '../../src/visuals/pipeline/pipeline.select.ts';
import {
  formatProblem,
  injectIntoScenario,
  parseScenarioText,
  Simulation,
  type Injection,
  type ScenarioInput,
  type SimulationView,
} from '../../src/engine/index.ts';

/** The engine's narration as the page says it: days and times in plain words (UTC here). */
const said = (description: string) => plainWords(description, 'UTC');

// jsdom has no ResizeObserver; the pipeline picture measures its width with one.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

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
  test('picking a scenario lists its queries, and shows each answer only once the run reaches it', async () => {
    const user = userEvent.setup();
    render(App);
    await pickScenario(user);

    const answers = expected.report().answers;
    expect(answers.length).toBeGreaterThan(0);
    for (const row of within(answersTable()).getAllByRole('row').slice(1)) {
      expect(row).toHaveTextContent('not asked yet');
      const [served, truth] = within(row).getAllByRole('cell');
      expect(served.textContent?.trim()).toBe('–');
      expect(truth.textContent?.trim()).toBe('–');
    }

    await user.click(screen.getByRole('button', { name: 'Go to end' }));
    const rows = within(answersTable()).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(answers.length);
    answers.forEach((answer, i) => {
      expect(within(rows[i]).getByRole('rowheader')).toHaveTextContent(dayLabel(answer.day));
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
    expect(stepCounter()).toHaveTextContent(said(expected.stepInfo(0).description));
    await user.click(screen.getByRole('button', { name: 'Next step' }));
    expect(stepCounter()).toHaveTextContent(`Step 2 of ${n}`);
    expect(stepCounter()).toHaveTextContent(said(expected.stepInfo(1).description));
    await user.click(screen.getByRole('button', { name: 'Previous step' }));
    expect(stepCounter()).toHaveTextContent(`Step 1 of ${n}`);
    expect(stepCounter()).toHaveTextContent(said(expected.stepInfo(0).description));

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
    expect(stepCounter()).toHaveTextContent(said(expected.stepInfo(0).description));
    await user.keyboard('{End}');
    expect(stepCounter()).toHaveTextContent(`Step ${n} of ${n}`);
    await user.keyboard('{Home}');
    expect(stepCounter()).toHaveTextContent(`Step 0 of ${n}`);

    await user.click(screen.getByRole('textbox', { name: 'Scenario JSON' }));
    await user.keyboard('{ArrowRight}');
    expect(stepCounter()).toHaveTextContent(`Step 0 of ${n}`);
  });
});

/** The scenario JSON in the editor, parsed. */
function editorInput(): ScenarioInput {
  const editor = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Scenario JSON' });
  return JSON.parse(editor.value) as ScenarioInput;
}

/** Moves the Timeline slider to `position` (a range input: set its value, fire input). */
async function seekTo(position: number): Promise<void> {
  await fireEvent.input(screen.getByRole('slider', { name: 'Timeline' }), {
    target: { value: String(position) },
  });
  expect(stepCounter()).toHaveTextContent(`Step ${position} of`);
}

/** Animation frames under test control: each `frame(ms)` runs one frame that much later. */
function virtualFrames(): { frame: (ms: number) => void; pending: () => number } {
  let queue: FrameRequestCallback[] = [];
  let now = 0;
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    queue.push(callback);
    return queue.length;
  });
  vi.stubGlobal('cancelAnimationFrame', () => {
    queue = [];
  });
  return {
    frame(ms: number) {
      now += ms;
      const due = queue;
      queue = [];
      for (const callback of due) callback(now);
    },
    pending: () => queue.length,
  };
}

describe('App playback', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  test('Play becomes Pause while playing, and Space toggles it', async () => {
    const user = userEvent.setup();
    virtualFrames();
    render(App);
    await pickScenario(user);
    await user.click(screen.getByRole('button', { name: 'Play' }));
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Play' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();

    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard(' ');
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
    await user.keyboard(' ');
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();
  });

  test('playing moves one step per 1/rate seconds of animation frames, then stops at the end', async () => {
    const user = userEvent.setup();
    const frames = virtualFrames();
    render(App);
    await pickScenario(user);
    const n = expected.stepCount;
    await user.click(screen.getByRole('button', { name: 'Play' }));
    frames.frame(0); // the first frame only starts the clock
    for (let k = 0; k < 20; k++) frames.frame(50); // 1 s at the default 1 step/s: one step
    await tick();
    expect(stepCounter()).toHaveTextContent(`Step 1 of ${n}`);
    for (let k = 0; k < 80; k++) frames.frame(50); // four more seconds: four more steps
    await tick();
    expect(stepCounter()).toHaveTextContent(`Step 5 of ${n}`);
    expect(stepCounter()).toHaveTextContent(said(expected.stepInfo(4).description));

    await user.click(screen.getByRole('button', { name: 'Previous step' }));
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();
    expect(stepCounter()).toHaveTextContent(`Step 4 of ${n}`);
    expect(frames.pending()).toBe(0);

    await seekTo(n - 1);
    await user.click(screen.getByRole('button', { name: 'Play' }));
    frames.frame(0);
    for (let k = 0; k < 30; k++) frames.frame(50);
    await tick();
    expect(stepCounter()).toHaveTextContent(`Step ${n} of ${n}`);
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();
  });

  test('the Speed slider sets the rate, shown as text and as its value text', async () => {
    const user = userEvent.setup();
    render(App);
    await pickScenario(user);
    const speed = screen.getByRole('slider', { name: 'Speed' });
    expect(speed).toHaveAttribute('aria-valuetext', '1 step/s');
    await fireEvent.input(speed, { target: { value: '3' } });
    expect(speed).toHaveAttribute('aria-valuetext', '8 steps/s');
    expect(screen.getByText('8 steps/s')).toBeInTheDocument();
    await fireEvent.input(speed, { target: { value: '-2' } });
    expect(speed).toHaveAttribute('aria-valuetext', '0.25 steps/s');

    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('+');
    expect(speed).toHaveAttribute('aria-valuetext', '0.5 steps/s');
    await user.keyboard('-');
    expect(speed).toHaveAttribute('aria-valuetext', '0.25 steps/s');
  });
});

describe('App sandbox', () => {
  /**
   * What the app should do: inject 1 ms after the current view's time, run, and keep the
   * playhead on the same step (the steps up to it are unchanged).
   */
  function branched(text: string, position: number, injection: Injection) {
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error('bad scenario');
    const original = Simulation.create(parsed.scenario);
    const at = original.view(position - 1).time;
    const input = injectIntoScenario(parsed.input, injection, at + 1);
    const run = runOf(JSON.stringify(input));
    for (let j = 0; j < position; j++) expect(run.kindOf(j)).toBe(original.kindOf(j));
    return { input, position, steps: run.stepCount };
  }

  /** The next event to reach the log after the view's time (what Duplicate and Delay default to). */
  function nextEvent(view: SimulationView) {
    const waiting = expected.scenario.events.filter((e) => e.arrival > view.time);
    return waiting.reduce((a, b) => (b.arrival < a.arrival ? b : a));
  }

  const injections: [string, (view: SimulationView) => Injection][] = [
    ['Add signup', () => ({ kind: 'add-signup' })],
    ['Duplicate', (view) => ({ kind: 'duplicate', event: nextEvent(view).id, after: 3000 })],
    ['Delay event', (view) => ({ kind: 'delay', event: nextEvent(view).id, by: 3 * 3600 * 1000 })],
    ['Crash', () => ({ kind: 'crash' })],
  ];

  test.each(injections)(
    '%s branches the run at the current moment and rewrites the scenario JSON',
    async (name, injectionAt) => {
      const user = userEvent.setup();
      render(App);
      await pickScenario(user);
      await seekTo(20);
      const want = branched(yesterdayVsToday, 20, injectionAt(expected.view(19)));

      await user.click(screen.getByRole('button', { name }));
      expect(editorInput()).toEqual(want.input);
      expect(stepCounter()).toHaveTextContent(`Step ${want.position} of ${want.steps}`);
      expect(stepCounter()).toHaveTextContent(/Branched: /);
      expect(screen.getByRole('combobox', { name: 'Scenario' })).toHaveValue('custom');
      expect(screen.queryByRole('alert')).toBeNull();

      // The injected thing is what happens next; moving on clears the note.
      await user.click(screen.getByRole('button', { name: 'Next step' }));
      expect(stepCounter()).not.toHaveTextContent(/Branched: /);
    },
  );

  test('Delay event is disabled, with its reason, once every event has arrived', async () => {
    const user = userEvent.setup();
    render(App);
    await pickScenario(user);
    await user.click(screen.getByRole('button', { name: 'Go to end' }));
    const delay = screen.getByRole('button', { name: 'Delay event' });
    expect(delay).toHaveAttribute('aria-disabled', 'true');
    expect(delay).toHaveAccessibleDescription('Every event has already arrived.');
    const before = editorInput();
    await user.click(delay);
    expect(editorInput()).toEqual(before);
  });

  test('Deploy new logic is Kappa only; switching the architecture re-runs at the same time', async () => {
    const user = userEvent.setup();
    render(App);
    await pickScenario(user);
    const deploy = screen.getByRole('button', { name: 'Deploy new logic' });
    expect(deploy).toHaveAttribute('aria-disabled', 'true');
    expect(deploy).toHaveAccessibleDescription(/Kappa only/);

    await seekTo(20);
    const time = expected.view(19).time;
    await user.selectOptions(screen.getByRole('combobox', { name: 'Architecture' }), 'kappa');
    const input = editorInput();
    expect(input.architecture).toBe('kappa');
    expect(input.faults?.filter((f) => f.kind === 'crash').map((f) => f.job)).toEqual(['stream']);
    const kappa = runOf(JSON.stringify(input));
    const position = kappa.stepsBefore(time + 1);
    expect(stepCounter()).toHaveTextContent(`Step ${position} of ${kappa.stepCount}`);
    expect(screen.getByRole('combobox', { name: 'Stream counting' })).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Batch counting' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Deploy new logic' }));
    expect(editorInput().faults?.at(-1)).toMatchObject({
      kind: 'deploy',
      logic: { counting: 'distinct-users' },
    });
    expect(stepCounter()).toHaveTextContent(/Branched: new logic/);
  });

  test('delivery, dedup and job logic edit the scenario JSON and re-run it', async () => {
    const user = userEvent.setup();
    render(App);
    await pickScenario(user);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Delivery' }), 'exactly-once');
    expect(editorInput().delivery).toBe('exactly-once');
    expect(stepCounter()).toHaveTextContent('Branched: delivery is now exactly-once.');
    await user.click(screen.getByRole('checkbox', { name: 'Dedup by event id' }));
    expect(editorInput().dedup).toBe('event-id');
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Speed counting' }),
      'distinct-users',
    );
    expect(editorInput().speed?.logic?.counting).toBe('distinct-users');
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Speed layer time zone' }),
      'America/New_York',
    );
    expect(editorInput().speed?.logic?.timeZone).toBe('America/New_York');
    await user.click(
      screen.getByRole('checkbox', { name: 'Exclude test accounts in the speed job' }),
    );
    expect(editorInput().speed?.logic?.excludeUserPrefix).toBe('test-');
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Batch counting' }),
      'per-record',
    );
    expect(editorInput().batch?.logic?.counting).toBe('per-record');

    // The run on screen is the edited scenario's.
    const run = runOf(JSON.stringify(editorInput()));
    await user.click(screen.getByRole('button', { name: 'Go to end' }));
    expect(stepCounter()).toHaveTextContent(`Step ${run.stepCount} of ${run.stepCount}`);
  });
});
