// @vitest-environment node
/**
 * Properties of the unified pipeline (issue 10), on random scenarios read by the real parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnifiedEngine } from '../../src/engine/unified/pipeline.ts';
import { UnifiedRun } from '../../src/engine/unified/unified.run.ts';
import { buildWorld } from '../../src/engine/world/world.ts';
import {
  build,
  crashesArb,
  eventsArb,
  triggerArb,
  truthByWindow,
  windowArb,
  type Built,
} from './support/unified-arbitraries.ts';

const RUNS = { numRuns: 120 };

function run(b: Built): UnifiedEngine {
  const engine = new UnifiedEngine(buildWorld(b.scenario));
  while (engine.step()) {
    /* to the end */
  }
  return engine;
}

const sinkOf = (e: UnifiedEngine) => new Map([...e.sink].map(([w, v]) => [w, v.value]));
const nonZero = (m: Map<number, number>) =>
  [...m].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
const windowOf = (e: UnifiedEngine) => (t: number) => e.windowing.of(t).start;

describe('unified pipeline properties', () => {
  it('perfect watermark, lateness covering the data: each window ends at the truth, crashes or not', () => {
    fc.assert(
      fc.property(
        eventsArb,
        windowArb,
        fc.constantFrom('distinct-users', 'count', 'sum'),
        fc.constantFrom('discarding', 'accumulating', 'retracting'),
        triggerArb,
        fc.constantFrom({ kind: 'per-element' as const }, null),
        crashesArb,
        fc.integer({ min: 1, max: 3 }),
        (events, window, aggregate, accumulation, early, late, crashes, partitions) => {
          const b = build(
            events,
            {
              window,
              aggregate,
              accumulation,
              watermark: { kind: 'perfect' },
              allowedLateness: '30d',
              triggers: { early, onTime: true, late: late ?? { kind: 'per-element' } },
              bounded: true,
            },
            { crashes, partitions },
          );
          const e = run(b);
          const truth = truthByWindow(b.scenario, windowOf(e));
          expect(nonZero(sinkOf(e))).toEqual(nonZero(truth));
          // Day windows: the last pane of each day (on time or late) carries the truth itself.
          if (window === 'day' && accumulation !== 'discarding') {
            const last = new Map<number, number>();
            for (const p of e.panes) last.set(p.start, p.value);
            for (const [w, v] of last) {
              expect(['on-time', 'late']).toContain(
                [...e.panes].reverse().find((p) => p.start === w)?.timing,
              );
              expect(v).toBe(truth.get(w) ?? 0);
            }
          }
          // Exactly-once: a pane index is never emitted twice for a window.
          const ids = e.panes.map((p) => `${p.start}/${p.index}`);
          expect(new Set(ids).size).toBe(ids.length);
        },
      ),
      RUNS,
    );
  });

  it('lateness 0: served + dropped = truth (count, and sum of unit values)', () => {
    fc.assert(
      fc.property(
        eventsArb,
        windowArb,
        fc.constantFrom('count', 'sum'),
        fc.constantFrom('discarding', 'accumulating', 'retracting'),
        triggerArb,
        fc.constantFrom('0s', '30m', '3h'),
        crashesArb,
        fc.integer({ min: 1, max: 3 }),
        (events, window, aggregate, accumulation, early, bound, crashes, partitions) => {
          const b = build(
            events,
            {
              window,
              aggregate,
              accumulation,
              watermark: { kind: 'heuristic', bound },
              triggers: { early, onTime: true, late: null },
              bounded: true,
            },
            { crashes, partitions, unitValues: true },
          );
          const e = run(b);
          const served = [...e.sink.values()].reduce((a, s) => a + s.value, 0);
          expect(served + e.state.dropped).toBe(events.length);
        },
      ),
      RUNS,
    );
  });

  it('retracting with the correct sink never double counts; add-all overcounts by the earlier panes', () => {
    fc.assert(
      fc.property(
        eventsArb,
        windowArb,
        fc.constantFrom('distinct-users', 'count', 'sum'),
        triggerArb,
        triggerArb,
        crashesArb,
        (events, window, aggregate, early, late, crashes) => {
          const settings = {
            window,
            aggregate,
            watermark: { kind: 'heuristic' as const, bound: '1h' },
            allowedLateness: '6h',
            triggers: { early, onTime: true, late },
            bounded: true,
          };
          // At every step, the correct sink holds each window's latest pane (never more).
          const retracting = UnifiedRun.create(
            build(events, { ...settings, accumulation: 'retracting' }, { crashes }).scenario,
          );
          for (let i = 0; i <= retracting.stepCount; i++) {
            const e = retracting.stateAfter(i);
            const latest = new Map<number, number>();
            for (const p of e.panes) {
              if (p.index > 0) expect(p.retracts).toBe(latest.get(p.start));
              latest.set(p.start, p.value);
            }
            expect(sinkOf(e)).toEqual(latest);
          }
          const accumulating = run(
            build(events, { ...settings, accumulation: 'accumulating' }, { crashes }),
          );
          const addAll = run(
            build(
              events,
              { ...settings, accumulation: 'accumulating', sink: 'add-all' },
              { crashes },
            ),
          );
          expect(addAll.panes).toEqual(accumulating.panes);
          const earlier = new Map<number, number>();
          const seen = new Map<number, number>();
          for (const p of accumulating.panes) {
            if (seen.has(p.start))
              earlier.set(p.start, (earlier.get(p.start) ?? 0) + seen.get(p.start)!);
            seen.set(p.start, p.value);
          }
          for (const [w, v] of sinkOf(addAll)) {
            expect(v - (sinkOf(accumulating).get(w) ?? 0)).toBe(earlier.get(w) ?? 0);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a bounded run over history and an unbounded run over the live log end with the same answers', () => {
    fc.assert(
      fc.property(
        eventsArb,
        windowArb,
        fc.constantFrom('distinct-users', 'count', 'sum'),
        fc.constantFrom('discarding', 'accumulating', 'retracting'),
        triggerArb,
        (events, window, aggregate, accumulation, early) => {
          const live = run(
            build(events, {
              window,
              aggregate,
              accumulation,
              watermark: { kind: 'perfect' },
              allowedLateness: '30d',
              triggers: { early, onTime: true, late: { kind: 'per-element' } },
            }),
          );
          const history = run(
            build(
              events,
              { window, aggregate, accumulation, watermark: { kind: 'heuristic' }, bounded: true },
              { allAtStart: true },
            ),
          );
          expect(nonZero(sinkOf(live))).toEqual(nonZero(sinkOf(history)));
        },
      ),
      RUNS,
    );
  });

  it('a step back and forward again is identical to the run', () => {
    const fingerprint = (e: UnifiedEngine) =>
      JSON.stringify({
        now: e.now,
        wm: e.watermark,
        machine: e.machine.value,
        position: e.state.position,
        dropped: e.state.dropped,
        windows: [...e.state.windows.values()].map((w) => ({ ...w, machine: w.machine.value })),
        sink: [...e.sink],
        panes: e.panes,
        answers: e.answers,
      });
    fc.assert(
      fc.property(eventsArb, triggerArb, crashesArb, fc.nat(), (events, early, crashes, pick) => {
        const b = build(
          events,
          { window: '6h', aggregate: 'sum', triggers: { early, onTime: true, late: null } },
          { crashes },
        );
        const sim = UnifiedRun.create(b.scenario, 8);
        fc.pre(sim.stepCount > 1);
        const i = 1 + (pick % sim.stepCount);
        const fresh = new UnifiedEngine(buildWorld(b.scenario));
        for (let k = 0; k < i; k++) fresh.step();
        const forward = fingerprint(sim.stateAfter(i));
        expect(forward).toBe(fingerprint(fresh));
        sim.stateAfter(i - 1);
        expect(fingerprint(sim.stateAfter(i))).toBe(forward);
      }),
      RUNS,
    );
  });
});
