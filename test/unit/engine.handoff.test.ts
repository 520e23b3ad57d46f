/**
 * The Lambda hand-off (`batch.handoff`), worked by hand on four sign-ups (MODEL.md, Lambda):
 *
 *   e1 u1 23 Nov 09:00 · e2 u2 23 Nov 20:00        arrive before the 00:05 cut-off
 *   e3 u3 23 Nov 23:59 (arrives 24 Nov 00:20, late) · e4 u4 24 Nov 00:30   arrive during the run
 *
 * The batch run starts on 24 Nov at 00:05 (cut-off: e1, e2) and publishes at 00:45. The speed layer counts
 * per record. Just before the publish it holds all four: 23 Nov = 3, 24 Nov = 1.
 *   cut-off    (right)  drops e1, e2:   23 Nov = batch 2 + speed 1 = 3,  24 Nov = 1  (= truth)
 *   clear-all  (wrong)  drops all four: 23 Nov = batch 2 + speed 0 = 2,  24 Nov = 0  (dips)
 *   clear-none (wrong)  drops nothing:  23 Nov = batch 2 + speed 3 = 5,  24 Nov = 1  (jumps)
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario, Simulation } from '../../src/engine/index.ts';
import type { Handoff, ScenarioInput } from '../../src/engine/index.ts';

const input = (handoff?: Handoff): ScenarioInput => ({
  architecture: 'lambda',
  timeZone: 'UTC',
  start: '2026-11-23T00:00:00Z',
  end: '2026-11-24T02:00:00Z',
  events: [
    { id: 'e1', user: 'u1', time: '2026-11-23T09:00:00Z', arrival: '2026-11-23T09:00:00Z' },
    { id: 'e2', user: 'u2', time: '2026-11-23T20:00:00Z', arrival: '2026-11-23T20:00:00Z' },
    { id: 'e3', user: 'u3', time: '2026-11-23T23:59:00Z', arrival: '2026-11-24T00:20:00Z' },
    { id: 'e4', user: 'u4', time: '2026-11-24T00:30:00Z', arrival: '2026-11-24T00:30:00Z' },
  ],
  ...(handoff ? { batch: { handoff } } : {}),
  queries: [
    { at: '2026-11-24T00:44:00Z', day: 'yesterday' },
    { at: '2026-11-24T00:46:00Z', day: 'yesterday' },
    { at: '2026-11-24T00:46:00Z', day: 'today' },
  ],
});

function run(handoff?: Handoff) {
  const parsed = parseScenario(input(handoff));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return { scenario: parsed.scenario, report: runScenario(parsed.scenario) };
}

const answers = (handoff?: Handoff) =>
  run(handoff).report.answers.map((a) => [a.served, a.truth, a.parts]);

describe('the Lambda hand-off when a batch view is published', () => {
  it('defaults to the right hand-off, the cut-off: the answer stays equal to truth', () => {
    expect(run().scenario.batch.handoff).toBe('cut-off');
    expect(answers()).toEqual([
      [3, 3, { batch: 0, speed: 3 }],
      [3, 3, { batch: 2, speed: 1 }],
      [1, 1, { batch: 0, speed: 1 }],
    ]);
    expect(answers('cut-off')).toEqual(answers());
  });

  it('clear-all drops the records that arrived during the run: the answer dips', () => {
    expect(answers('clear-all')).toEqual([
      [3, 3, { batch: 0, speed: 3 }],
      [2, 3, { batch: 2, speed: 0 }],
      [0, 1, { batch: 0, speed: 0 }],
    ]);
  });

  it('clear-none keeps what the batch view now covers: the answer jumps', () => {
    expect(answers('clear-none')).toEqual([
      [3, 3, { batch: 0, speed: 3 }],
      [5, 3, { batch: 2, speed: 3 }],
      [1, 1, { batch: 0, speed: 1 }],
    ]);
  });

  it('the publish step says what each hand-off did, and the explanation names it', () => {
    const words = (handoff: Handoff) => {
      const sim = Simulation.create(run(handoff).scenario);
      // The 2nd publish (the 1st, on 23 Nov at 00:45, published an empty view).
      for (let i = sim.stepCount - 1; i >= 0; i--)
        if (sim.kindOf(i) === 'batch.published')
          return { text: sim.stepInfo(i).description, why: sim.explain(i, '2026-11-23') };
      throw new Error('no publish');
    };
    const right = words('cut-off');
    expect(right.text).toContain('drops its state for the 2 records before that cut-off');
    expect(right.why.reasons).toEqual([]);

    const all = words('clear-all');
    expect(all.text).toContain('Wrong hand-off (clear-all)');
    expect(all.text).toContain('the 2 records that arrived during the run');
    expect(all.why.reasons.map((r) => [r.kind, r.count, r.records])).toEqual([
      ['hand-off', -1, [2]],
    ]);

    const none = words('clear-none');
    expect(none.text).toContain('Wrong hand-off (clear-none)');
    expect(none.text).toContain('the 2 records before the cut-off');
    expect(none.why.reasons.map((r) => [r.kind, r.count, r.records])).toEqual([
      ['hand-off', 2, [0, 1]],
    ]);
  });

  it('refuses an unknown hand-off, and a wrong one outside Lambda, saying where', () => {
    const bad = parseScenario({ ...input(), batch: { handoff: 'clear' as Handoff } });
    expect(bad.ok ? [] : bad.problems.map((p) => [p.path, p.message])).toEqual([
      ['batch.handoff', 'expected one of "cut-off", "clear-all", "clear-none", got "clear"'],
    ]);
    const kappa = parseScenario({ ...input('clear-none'), architecture: 'kappa' });
    expect(kappa.ok ? [] : kappa.problems.map((p) => p.message)).toEqual([
      '"clear-none" is a Lambda hand-off (between the batch and speed layers); a kappa scenario has none',
    ]);
  });
});
