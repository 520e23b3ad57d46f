// @vitest-environment node
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  injectIntoScenario,
  parseScenario,
  parseScenarioText,
  Simulation,
} from '../../src/engine/index.ts';
import type { Injection, ScenarioInput } from '../../src/engine/index.ts';
import { scenarioArb } from './support/arbitraries.ts';

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) };

function scenarioFile(name: string): ScenarioInput {
  const parsed = parseScenarioText(
    readFileSync(new URL(`../../scenarios/${name}`, import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error(name);
  return parsed.input;
}

function run(input: ScenarioInput): Simulation {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return Simulation.create(parsed.scenario);
}

describe('lineage and explanations', () => {
  it('lineage has exactly one record per unit served, split like the parts', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.nat(), (s, pick) => {
        const sim = Simulation.create(s);
        fc.pre(sim.stepCount > 0);
        const i = pick % sim.stepCount;
        for (const d of sim.view(i).days) {
          const l = sim.lineage(i, d.day);
          if (l.kind === 'lambda' && 'batch' in d.parts) {
            expect(l.batch.length).toBe(d.parts.batch);
            expect(l.speed.length).toBe(d.parts.speed);
          } else if (l.kind === 'kappa' && 'table' in d.parts) {
            expect(l.table).toBe(d.parts.table);
            expect(l.tableRecords.length).toBe(d.served);
          } else {
            expect.unreachable(`lineage ${l.kind} with parts ${JSON.stringify(d.parts)}`);
          }
        }
      }),
      RUNS,
    );
  });

  it("an explanation's reasons add up to served − truth, and there are none when they agree", () => {
    fc.assert(
      fc.property(scenarioArb(), fc.nat(), (s, pick) => {
        const sim = Simulation.create(s);
        fc.pre(sim.stepCount > 0);
        const i = pick % sim.stepCount;
        for (const d of sim.view(i).days) {
          const x = sim.explain(i, d.day);
          expect([x.served, x.truth]).toEqual([d.served, d.truth]);
          expect(x.reasons.reduce((sum, r) => sum + r.count, 0)).toBe(d.served - d.truth);
          for (const r of x.reasons) expect(r.text.length).toBeGreaterThan(20);
        }
      }),
      RUNS,
    );
  });

  it('names the duplicate, the redelivery and the repeat signup in the at-least-once crash scenario', () => {
    const sim = run(scenarioFile('01-yesterday-vs-today.json'));
    const last = sim.stepCount - 1;
    const today = sim.explain(last, '2026-11-24');
    expect(today.served - today.truth).toBe(3);
    const kinds = Object.fromEntries(today.reasons.map((r) => [r.kind, r.count]));
    expect(kinds).toEqual({ duplicate: 1, redelivered: 2 });
  });

  it('names records lost to retention in a Kappa replay', () => {
    const sim = run(scenarioFile('14-kappa-retention-limits-replay.json'));
    const view = sim.view(sim.stepCount - 1);
    const reasons = view.days.flatMap((d) => sim.explain(sim.stepCount - 1, d.day).reasons);
    expect(reasons.some((r) => r.kind === 'retention' && r.count < 0)).toBe(true);
  });
});

describe('sandbox injections branch the run', () => {
  const base = scenarioFile('05-at-least-once-crash.json');
  const kappa = scenarioFile('13-kappa-deploy-and-replay.json');

  function branch(input: ScenarioInput, injection: Injection, atStep: number) {
    const before = run(input);
    const at = before.timeOf(atStep);
    const after = run(injectIntoScenario(input, injection, at));
    const keep = before.stepsBefore(at);
    return { before, after, at, keep };
  }

  const cases: [string, ScenarioInput, (sim: Simulation) => Injection, string][] = [
    ['add signup', base, () => ({ kind: 'add-signup' }), 'record.appended'],
    [
      'duplicate',
      base,
      (sim) => ({ kind: 'duplicate', event: sim.stepInfo(3).record!.id }),
      'record.appended',
    ],
    ['crash', base, () => ({ kind: 'crash' }), 'job.crashed'],
    [
      'deploy',
      kappa,
      () => ({ kind: 'deploy', logic: { counting: 'distinct-users' } }),
      'deploy.started',
    ],
  ];

  for (const [what, input, make, kind] of cases) {
    it(`${what}: the steps before the moment are unchanged and the injected step comes next`, () => {
      const probe = run(input);
      const atStep = Math.floor(probe.stepCount / 2);
      const { before, after, at, keep } = branch(input, make(probe), atStep);
      for (let i = 0; i < keep; i++) {
        expect(after.kindOf(i)).toBe(before.kindOf(i));
        expect(after.timeOf(i)).toBe(before.timeOf(i));
      }
      expect(after.stepsBefore(at)).toBe(keep);
      const future = Array.from({ length: after.stepCount - keep }, (_, k) =>
        after.stepInfo(keep + k),
      );
      expect(future.some((s) => s.kind === kind)).toBe(true);
    });
  }

  it('delay: the delayed event arrives later in the branch', () => {
    const sim = run(base);
    const last = sim.stepInfo(sim.stepCount - 1);
    const lastAppend = [...Array(sim.stepCount).keys()]
      .reverse()
      .find((i) => sim.kindOf(i) === 'record.appended')!;
    const event = sim.stepInfo(lastAppend).record!;
    const branched = run(
      injectIntoScenario(base, { kind: 'delay', event: event.id, by: 3_600_000 }, sim.timeOf(0)),
    );
    const moved = [...Array(branched.stepCount).keys()]
      .map((i) => branched.stepInfo(i))
      .find((s) => s.kind === 'record.appended' && s.record?.id === event.id)!;
    expect(moved.time).toBe(event.arrival + 3_600_000);
    expect(last).toBeDefined();
  });

  it('refuses a deploy in a Lambda scenario and does not touch its input', () => {
    const copy = structuredClone(base);
    expect(() =>
      injectIntoScenario(base, { kind: 'deploy' }, Date.parse('2026-11-24T00:00:00Z')),
    ).toThrow(/Kappa/);
    expect(base).toEqual(copy);
  });
});
