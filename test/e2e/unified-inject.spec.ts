/**
 * Injections in the unified sandbox, as for the other architectures (issue 10): Add signup,
 * Duplicate, Delay event and Crash each branch the run at the moment on screen (the Scenario JSON
 * gains what was injected, the playhead stays, the run after it changes and is the engine's), and
 * Deploy new logic says why it does not apply.
 */
import { expect, test, type Page } from '@playwright/test';
import type { UnifiedView } from '../../src/engine/unified/unified.view.ts';
import {
  button,
  counter,
  isDisabled,
  scenarioJson,
  simulate,
  timeline,
  watch,
} from './support/pipeline-page.ts';

const FIG_2_11 = '/#/sandbox?s=28-streaming-systems-fig-2-11-early-late-heuristic&step=0';
const results = (page: Page) => page.getByRole('table', { name: 'Results at the sink' });

/** The engine's unified view at the end of this scenario text's run. */
function unifiedEnd(text: string): UnifiedView {
  const sim = simulate(text);
  const view = sim.view(sim.stepCount - 1);
  if (view.architecture !== 'unified') throw new Error('not a unified run');
  return view.unified;
}

/** What the engine's run of this scenario text ends with: the panes and the sink per window. */
function endOf(text: string): string {
  const u = unifiedEnd(text);
  return JSON.stringify({ panes: u.panes.length, sink: u.sink });
}

test('Add signup, Duplicate, Delay event and Crash branch a unified run at the moment on screen', async ({
  page,
}) => {
  test.slow(); // four re-runs on a small shared machine
  const seen = watch(page);
  const injected: [
    string,
    (before: Record<string, unknown[]>, after: Record<string, unknown[]>) => unknown,
  ][] = [
    ['Add signup', (b, a) => a.events.length - b.events.length],
    [
      'Duplicate',
      (_, a) => a.faults?.find((f) => (f as { kind: string }).kind === 'producer-retry'),
    ],
    ['Delay event', (_, a) => a.faults?.find((f) => (f as { kind: string }).kind === 'delay')],
    [
      'Crash',
      (_, a) => a.faults?.find((f) => (f as { kind: string; job?: string }).job === 'stream'),
    ],
  ];
  for (const [name, added] of injected) {
    await page.goto(FIG_2_11);
    await expect(counter(page)).toHaveText(/^Step 0 of/);
    const text = await scenarioJson(page).inputValue();
    const n = simulate(text).stepCount;
    const at = Math.round(n / 3); // some events still to come, no pane fired for every window
    await timeline(page).fill(String(at));
    await expect(counter(page)).toHaveText(`Step ${at} of ${n}`);
    const control = button(page, name);
    expect(await isDisabled(control), `${name} can apply at step ${at}`).toBe(false);
    await control.click();
    await expect(scenarioJson(page)).not.toHaveValue(text);
    const afterText = await scenarioJson(page).inputValue();
    const [before, after] = [JSON.parse(text), JSON.parse(afterText)];
    expect(added(before, after), `${name}: the scenario gains what was injected`).toBeTruthy();
    const branched = simulate(afterText);
    await expect(counter(page)).toHaveText(`Step ${at} of ${branched.stepCount}`);
    // The run after the injection is the engine's run of the branched scenario, and differs.
    expect(endOf(afterText), `${name} changes how the run ends`).not.toBe(endOf(text));
    await button(page, 'Go to end').click();
    await expect(counter(page)).toHaveText(`Step ${branched.stepCount} of ${branched.stepCount}`);
    const u = unifiedEnd(afterText);
    // Each row's "Sink holds" is what the engine's sink holds for that window.
    const holds = await results(page)
      .locator('tbody tr[data-window]')
      .evaluateAll((rows) =>
        rows
          .map((r) => [r.getAttribute('data-window'), r.querySelectorAll('td')[1]?.textContent])
          .map(([w, t]) => `${w} ${(t ?? '').trim().split(/\s/)[0]}`)
          .filter((row) => !row.endsWith('—')),
      );
    expect(holds, `${name}: the sink column is the engine's`).toEqual(
      u.sink.map((s) => `${s.start} ${s.value}`),
    );
  }
  await page.goto(FIG_2_11);
  await expect(button(page, 'Deploy new logic')).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByText('Kappa only: the unified pipeline has one logic.')).toBeVisible();
  expect(seen.errors).toEqual([]);
});
