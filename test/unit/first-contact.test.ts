/**
 * Issue 7 (audit): first contact and what a screen reader hears in the Lambda and Kappa sandbox.
 * Every bundled Lambda or Kappa scenario has a "watch for…" line, shown when it is picked; the
 * narration is a polite live region while paused and silent while playing; the sliders' readouts
 * are not live regions; a refused Scenario JSON is marked invalid, linked to its message, and the
 * focus moves to the message; a run that succeeds says so beside the button.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import App from '../../src/app/App.svelte';
import { bundledScenarios } from '../../src/app/bundled-scenarios.ts';

// jsdom has no ResizeObserver; the pipeline picture measures its width with one.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

const narration = () => screen.getByRole('status', { name: 'Current step' });

/** Renders the page on the first bundled scenario (a test before may have left another). */
async function start(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  render(App);
  const first = bundledScenarios[0];
  await user.selectOptions(screen.getByRole('combobox', { name: 'Scenario' }), first.name);
  expect(narration()).toHaveTextContent(/^\s*Step 0 of/);
}

describe('first contact (issue 7)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const pipelines = bundledScenarios.filter(
    ({ text }) => !/"architecture"\s*:\s*"unified"/.test(text),
  );

  test('every bundled scenario (unified ones too) has a "watch for…" line; a Lambda or Kappa one is shown when picked', async () => {
    expect(pipelines.length).toBeGreaterThan(15);
    expect(bundledScenarios.length).toBeGreaterThan(pipelines.length + 10);
    expect(
      bundledScenarios.filter(({ watchFor }) => watchFor.trim() === '').map((s) => s.file),
    ).toEqual([]);
    const user = userEvent.setup();
    render(App);
    const picker = screen.getByRole('combobox', { name: 'Scenario' });
    for (const scenario of [pipelines[1], pipelines[12]]) {
      await user.selectOptions(picker, scenario.name);
      expect(within(narration()).getByText('Watch for:').parentElement).toHaveTextContent(
        `Watch for: ${scenario.watchFor}`,
      );
    }
  });

  test('the narration is a polite live region while paused, silent while playing; the readouts are not live', async () => {
    vi.stubGlobal('requestAnimationFrame', () => 1); // frames never come: playing stays at step 0
    vi.stubGlobal('cancelAnimationFrame', () => {});
    const user = userEvent.setup();
    await start(user);
    expect(narration()).toHaveAttribute('aria-live', 'polite');
    await user.click(screen.getByRole('button', { name: 'Play' }));
    expect(narration()).toHaveAttribute('aria-live', 'off');
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(narration()).toHaveAttribute('aria-live', 'polite');
    for (const name of ['Timeline', 'Speed']) {
      const readout = screen.getByRole('slider', { name }).nextElementSibling as HTMLElement;
      expect(readout.textContent).toMatch(/\d/);
      expect(
        readout.closest('[aria-live]:not([aria-live="off"]), [role=status], [role=alert]'),
        `the ${name} readout is inside a live region`,
      ).toBeNull();
    }
  });

  test('refused Scenario JSON: the box is invalid and linked to the message, which takes the focus; a good run says so by the button', async () => {
    const user = userEvent.setup();
    await start(user);
    const editor = screen.getByRole('textbox', { name: 'Scenario JSON' });
    const good = (editor as HTMLTextAreaElement).value;
    expect(editor).not.toHaveAttribute('aria-invalid', 'true');
    await fireEvent.input(editor, {
      target: { value: '{ "architecture": "lambda", "events": 3 }' },
    });
    await user.click(screen.getByRole('button', { name: 'Run scenario' }));
    const alert = await screen.findByRole('alert');
    expect(editor).toHaveAttribute('aria-invalid', 'true');
    expect(editor.getAttribute('aria-describedby')).toBe(alert.id);
    expect(alert).toHaveTextContent(/events/);
    await vi.waitFor(() => expect(document.activeElement).toBe(alert));
    expect(screen.queryByText(/^Ran:/)).toBeNull();

    await fireEvent.input(editor, { target: { value: good } });
    await user.click(screen.getByRole('button', { name: 'Run scenario' }));
    expect(editor).toHaveAttribute('aria-invalid', 'false');
    expect(editor).not.toHaveAttribute('aria-describedby');
    const ran = await screen.findByText(/^Ran: the picture now shows this scenario\.$/);
    expect(ran).toHaveAttribute('role', 'status');
    expect(ran.parentElement).toContainElement(
      screen.getByRole('button', { name: 'Run scenario' }),
    );
  });
});
