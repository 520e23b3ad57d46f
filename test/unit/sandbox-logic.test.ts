import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, Simulation } from '../../src/engine/index.ts';
import {
  delayLabel,
  duplicateOf,
  eventChoices,
  RETRY_AFTER_MS,
} from '../../src/app/sandbox/sandbox.logic.ts';
import { sharedSteps } from '../../src/app/simulation.svelte.ts';
import { injectIntoScenario } from '../../src/engine/index.ts';

function scenario(file: string) {
  const parsed = parseScenarioText(readFileSync(`scenarios/${file}`, 'utf8'));
  if (!parsed.ok) throw new Error(file);
  return parsed;
}

describe('eventChoices', () => {
  const { scenario: s } = scenario('05-at-least-once-crash.json');
  const byArrival = [...s.events].sort((a, b) => a.arrival - b.arrival);

  it('offers the events still to come soonest first (the next one first), then the latest arrived', () => {
    const at = byArrival[1].arrival;
    const choices = eventChoices(s, at, 2);
    expect(choices.map((c) => [c.id, c.upcoming])).toEqual([
      [byArrival[2].id, true],
      [byArrival[3].id, true],
      [byArrival[1].id, false],
      [byArrival[0].id, false],
    ]);
  });

  it('offers only arrived events once every event has arrived, and does not change the scenario', () => {
    const before = JSON.stringify(s.events);
    const choices = eventChoices(s, byArrival[byArrival.length - 1].arrival, 8);
    expect(choices.every((c) => !c.upcoming)).toBe(true);
    expect(choices).toHaveLength(Math.min(8, s.events.length));
    expect(JSON.stringify(s.events)).toBe(before);
  });

  it('a duplicate of an event still to come arrives 3 s after it; of an arrived one, now', () => {
    const [next] = eventChoices(s, byArrival[0].arrival, 1);
    expect(duplicateOf(next)).toEqual({ kind: 'duplicate', event: next.id, after: RETRY_AFTER_MS });
    expect(duplicateOf({ ...next, upcoming: false })).toEqual({
      kind: 'duplicate',
      event: next.id,
    });
  });
});

describe('delayLabel', () => {
  it.each([
    [15 * 60_000, '15 minutes'],
    [3_600_000, '1 hour'],
    [3 * 3_600_000, '3 hours'],
    [24 * 3_600_000, '1 day'],
    [48 * 3_600_000, '2 days'],
  ])('%d ms reads "%s"', (ms, label) => expect(delayLabel(ms)).toBe(label));
});

describe('sharedSteps', () => {
  it('counts the first steps two runs share, up to the limit', () => {
    const { scenario: s, input } = scenario('05-at-least-once-crash.json');
    const run = Simulation.create(s);
    const at = run.timeOf(9);
    const crashed = parseScenarioText(
      JSON.stringify(injectIntoScenario(input, { kind: 'crash' }, at + 1)),
    );
    if (!crashed.ok) throw new Error('crash');
    const other = Simulation.create(crashed.scenario);
    expect(sharedSteps(run, run, 12)).toBe(12);
    const shared = sharedSteps(run, other, run.stepCount);
    expect(shared).toBeGreaterThanOrEqual(10);
    expect(other.kindOf(shared)).toBe('job.crashed');
  });
});
