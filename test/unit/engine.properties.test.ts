import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KappaArchitecture } from '../../src/engine/arch/kappa/kappa.arch.ts';
import { LambdaArchitecture } from '../../src/engine/arch/lambda/lambda.arch.ts';
import { Engine } from '../../src/engine/simulation/engine.ts';
import { nextFetchPosition } from '../../src/engine/stream/stream.steps.ts';
import { runScenario, Simulation } from '../../src/engine/simulation/simulation.ts';
import type { Scenario } from '../../src/engine/scenario/scenario.types.ts';
import { buildWorld } from '../../src/engine/world/world.ts';
import { bruteCounts, bruteTruth, localDay, type BruteRecord } from './support/brute.ts';
import { scenarioArb } from './support/arbitraries.ts';

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) };

function runEngine(scenario: Scenario): Engine {
  const engine = new Engine(buildWorld(scenario));
  engine.runToEnd();
  return engine;
}

/** Every day any event of the scenario falls on, in a zone. */
function daysOf(s: Scenario): string[] {
  const days = new Set<string>();
  for (const e of s.events)
    for (const tz of [s.logic.timeZone, 'UTC']) days.add(localDay(e.time, tz));
  return [...days];
}

function servedOn(e: Engine, day: string): number {
  return e.servedOn(e.dayIndex(day, e.now)).served;
}

/** At the end: every record appended, and the jobs that serve have nothing left to process. */
function settled(e: Engine): boolean {
  if (e.appended !== e.world.recordCount) return false;
  const serving = e.arch instanceof KappaArchitecture ? e.jobs[e.arch.servingJobIndex] : e.jobs[0];
  return (
    serving.active &&
    serving.flightSize === 0 &&
    nextFetchPosition(serving, e.earliest) >= e.appended
  );
}

describe('engine properties', () => {
  it('the same scenario gives the same steps and the same report', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const a = Simulation.create(s);
        const b = Simulation.create(structuredClone(s));
        expect(b.stepCount).toBe(a.stepCount);
        for (let i = 0; i < a.stepCount; i++) {
          expect(b.kindOf(i)).toBe(a.kindOf(i));
          expect(b.timeOf(i)).toBe(a.timeOf(i));
        }
        expect(JSON.stringify(runScenario(s))).toBe(JSON.stringify(a.report()));
      }),
      RUNS,
    );
  });

  it('truth equals a separately written brute-force count, at every query and at any step', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.nat(), (s, pick) => {
        const sim = Simulation.create(s);
        for (const a of sim.report().answers) {
          expect(a.truth).toBe(bruteTruth(s.events, s.logic, a.day, Date.parse(a.at)));
        }
        const i = sim.stepCount ? pick % sim.stepCount : -1;
        const view = sim.view(i);
        for (const d of view.days)
          expect(d.truth).toBe(bruteTruth(s.events, s.logic, d.day, view.time));
        for (const day of daysOf(s)) {
          const shown = view.days.find((d) => d.day === day)?.truth ?? 0;
          expect(shown).toBe(bruteTruth(s.events, s.logic, day, view.time));
        }
      }),
      RUNS,
    );
  });

  it('exactly-once with dedup by event id serves truth once every record is processed', () => {
    const shape = {
      delivery: 'exactly-once',
      dedup: 'event-id',
      counting: 'per-record',
      uniqueUsers: true,
      sameLogic: true,
      retention: false,
      handoff: 'cut-off',
    } as const;
    fc.assert(
      fc.property(scenarioArb(shape), (s) => {
        const e = runEngine(s);
        fc.pre(settled(e) && (e.arch.kind !== 'lambda' || e.jobs[0].skippedCovered === 0));
        for (const day of daysOf(s))
          expect(servedOn(e, day)).toBe(bruteTruth(s.events, s.logic, day, e.now));
      }),
      RUNS,
    );
  });

  it('exactly-once without dedup counts every log record exactly once, retry copies included', () => {
    const shape = {
      delivery: 'exactly-once',
      dedup: 'none',
      counting: 'per-record',
      sameLogic: true,
      retention: false,
      handoff: 'cut-off',
    } as const;
    fc.assert(
      fc.property(scenarioArb(shape), (s) => {
        const e = runEngine(s);
        fc.pre(settled(e));
        const records: BruteRecord[] = [];
        const w = e.world;
        for (let g = 0; g < w.recordCount; g++) {
          const ev = w.recEvent[g];
          records.push({
            id: s.events[ev].id,
            user: w.users.get(w.eventUser[ev]),
            time: w.eventTime[ev],
          });
        }
        const expected = bruteCounts(records, s.logic, 'none');
        for (const day of daysOf(s)) expect(servedOn(e, day)).toBe(expected.get(day) ?? 0);
      }),
      RUNS,
    );
  });

  it('at-least-once never undercounts and at-most-once never overcounts (per-record logic)', () => {
    for (const delivery of ['at-least-once', 'at-most-once'] as const) {
      fc.assert(
        fc.property(
          scenarioArb({
            delivery,
            counting: 'per-record',
            retention: false,
            handoff: 'cut-off',
          }),
          (s) => {
            const withCrashes = runEngine(s);
            // Only the streaming jobs' crashes go: batch runs (and so cut-offs) stay the same.
            const faults = s.faults
              .filter((f) => f.kind !== 'crash' || f.job === 'batch')
              .map((f, index) => ({ ...f, index }));
            const withoutCrashes = runEngine({ ...s, faults });
            fc.pre(settled(withCrashes) && settled(withoutCrashes));
            for (const day of daysOf(s)) {
              const a = servedOn(withCrashes, day);
              const b = servedOn(withoutCrashes, day);
              if (delivery === 'at-least-once') expect(a).toBeGreaterThanOrEqual(b);
              else expect(a).toBeLessThanOrEqual(b);
            }
          },
        ),
        RUNS,
      );
    }
  });

  it('after a batch run that covers day D, Lambda serves truth for D', () => {
    let coveredDays = 0;
    fc.assert(
      fc.property(scenarioArb({ architecture: 'lambda', retention: false }), (raw) => {
        // The batch logic is truth's; per-record logic only matches truth with dedup by event id.
        const dedup = raw.logic.counting === 'per-record' ? 'event-id' : raw.dedup;
        // The right hand-off: the wrong ones (clear-all, clear-none) are meant to miss truth.
        const batch = { ...raw.batch, logic: raw.logic, handoff: 'cut-off' as const };
        const s = { ...raw, dedup, batch } as Scenario;
        const e = runEngine(s);
        const view = (e.arch as LambdaArchitecture).batch.published;
        fc.pre(view !== null);
        const w = e.world;
        for (const day of daysOf(s)) {
          // Every record of an event at or before day D (in truth's zone or the speed layer's,
          // which may drift) is before the published cut-off.
          let coveredDay = true;
          for (let g = view!.cutOff; g < w.recordCount; g++) {
            const t = w.eventTime[w.recEvent[g]];
            if (localDay(t, s.logic.timeZone) <= day || localDay(t, s.speed.logic.timeZone) <= day)
              coveredDay = false;
          }
          if (!coveredDay) continue;
          coveredDays++;
          expect(servedOn(e, day)).toBe(bruteTruth(s.events, s.logic, day, e.now));
        }
      }),
      RUNS,
    );
    // The property must have checked something: many generated runs cover some day.
    expect(coveredDays).toBeGreaterThan(RUNS.numRuns / 10);
  });

  it('Kappa after a switch-over serves what a from-scratch run of the new logic over the retained log gives', () => {
    let checked = 0;
    fc.assert(
      fc.property(scenarioArb({ architecture: 'kappa' }), (s) => {
        const sim = Simulation.create(s);
        let deployEarliest = 0;
        for (let i = 0; i < sim.stepCount; i++) {
          if (sim.kindOf(i) === 'deploy.started') deployEarliest = sim.view(i).log.earliest;
          if (sim.kindOf(i) !== 'serving.switched') continue;
          const view = sim.view(i);
          const job = view.jobs.find((j) => j.name === view.servingTable)!;
          if (job.lostToRetention !== deployEarliest) continue;
          const records: BruteRecord[] = [];
          for (let g = deployEarliest; g < view.log.appended; g++) records.push(sim.record(g));
          const expected = bruteCounts(
            records,
            {
              counting: job.counting,
              timeZone: job.timeZone,
              excludeUserPrefix: job.excludeUserPrefix,
            },
            job.dedup,
          );
          const served = Object.fromEntries(
            view.days.filter((d) => d.served !== 0).map((d) => [d.day, d.served]),
          );
          expect(served).toEqual(Object.fromEntries([...expected].filter(([, n]) => n !== 0)));
          checked++;
        }
      }),
      RUNS,
    );
    expect(checked).toBeGreaterThan(10);
  });

  it('going back a step and forward again gives the identical state, whatever the checkpoint spacing', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.nat(), fc.integer({ min: 1, max: 9 }), (s, pick, interval) => {
        const sparse = Simulation.create(s, { checkpointInterval: 1_000_000 });
        const dense = Simulation.create(s, { checkpointInterval: interval });
        fc.pre(sparse.stepCount > 0);
        const i = pick % sparse.stepCount;
        const first = dense.view(i);
        dense.view(Math.min(i + 1, dense.stepCount - 1));
        expect(dense.view(i)).toEqual(first);
        expect(dense.view(i - 1)).toEqual(sparse.view(i - 1));
        expect(dense.view(i)).toEqual(sparse.view(i));
        expect(dense.stepInfo(i)).toEqual(sparse.stepInfo(i));
      }),
      RUNS,
    );
  });

  it('seeking anywhere, back and forth, past the copies long replays leave, equals stepping', () => {
    fc.assert(
      fc.property(
        scenarioArb(),
        fc.array(fc.nat(), { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 1, max: 6 }),
        (s, picks, nearCopy) => {
          const sparse = Simulation.create(s, { checkpointInterval: 1_000_000, nearCopy });
          const every = Simulation.create(s, { checkpointInterval: 1 });
          fc.pre(sparse.stepCount > 1);
          for (const pick of picks) {
            const i = pick % sparse.stepCount;
            for (const j of [i, i - 1, Math.max(0, i - nearCopy - 1)]) {
              expect(sparse.view(j)).toEqual(every.view(j));
              if (j >= 0) expect(sparse.stepInfo(j)).toEqual(every.stepInfo(j));
            }
          }
        },
      ),
      RUNS,
    );
  });

  it('counts are never negative and served parts add up', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.nat(), (s, pick) => {
        const sim = Simulation.create(s);
        fc.pre(sim.stepCount > 0);
        const view = sim.view(pick % sim.stepCount);
        for (const d of view.days) {
          expect(d.served).toBeGreaterThanOrEqual(0);
          if ('batch' in d.parts) expect(d.parts.batch + d.parts.speed).toBe(d.served);
        }
        for (const j of view.jobs)
          for (const n of Object.values(j.counts)) expect(n).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });
});
