// @vitest-environment node
/**
 * Contract points an independent reading of MODEL.md found the engine getting wrong: the report
 * lists answers in query order; a Lambda run ignores a `deploy` fault; the batch schedule follows
 * local `at` across daylight-saving changes. Expected values are worked out by hand in comments.
 */
import { describe, expect, it } from 'vitest';
import { BatchSchedule } from '../../src/engine/batch/batch.schedule.ts';
import { parseScenario, runScenario, type Scenario } from '../../src/engine/index.ts';

function scenario(input: Record<string, unknown>): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.scenario;
}

describe('the report', () => {
  it('lists answers in query order, not time order', () => {
    // Two signups on 2026-03-10 (u1) and 2026-03-11 (u2), UTC. Query 0 at 03-11 12:00 asks
    // for "today" (served 1 by then: u2's record was processed 1 s after 09:00); query 1 at
    // 03-10 12:00 also asks "today" (u1). Pairs must match queries[i], so answers[0].day is
    // 2026-03-11 and answers[1].day 2026-03-10.
    const s = scenario({
      architecture: 'kappa',
      timeZone: 'UTC',
      events: [
        { id: 'e1', user: 'u1', time: '2026-03-10T09:00:00Z', arrival: '2026-03-10T09:00:00Z' },
        { id: 'e2', user: 'u2', time: '2026-03-11T09:00:00Z', arrival: '2026-03-11T09:00:00Z' },
      ],
      queries: [
        { at: '2026-03-11T12:00:00Z', day: 'today' },
        { at: '2026-03-10T12:00:00Z', day: 'today' },
      ],
    });
    const r = runScenario(s);
    expect(r.answers.map((a) => [a.at, a.day, a.served])).toEqual([
      ['2026-03-11T12:00:00.000Z', '2026-03-11', 1],
      ['2026-03-10T12:00:00.000Z', '2026-03-10', 1],
    ]);
  });
});

describe('a deploy fault in a Lambda scenario', () => {
  it('is ignored: same report as without it', () => {
    const base = {
      architecture: 'lambda',
      timeZone: 'UTC',
      events: [{ id: 'e1', user: 'u1', time: '2026-03-10T09:00:00Z' }],
      queries: [{ at: '2026-03-10T12:00:00Z', day: 'today' }],
    };
    const withDeploy = scenario({
      ...base,
      faults: [{ kind: 'deploy', at: '2026-03-10T10:00:00Z' }],
    });
    expect(runScenario(withDeploy)).toEqual(runScenario(scenario(base)));
  });
});

describe('the batch schedule', () => {
  const runs = (input: Record<string, unknown>, from: string, count: number): string[] => {
    const sched = new BatchSchedule(
      scenario({
        architecture: 'lambda',
        events: [],
        queries: [{ at: from, day: 'today' }],
        ...input,
      }),
    );
    const out: string[] = [];
    let t = sched.first;
    for (let k = 0; k < count; k++) {
      out.push(new Date(t).toISOString());
      t = sched.after(t);
    }
    return out;
  };

  it('runs daily at local 00:05 across New York fall-back (EDT −4 h, then EST −5 h)', () => {
    // Nov 1, 2026 is the fall-back day in America/New_York. 00:05 EDT on Oct 31 = 04:05Z,
    // Nov 1 00:05 is still EDT (the change is at 02:00) = 04:05Z, Nov 2 00:05 EST = 05:05Z.
    expect(
      runs(
        { timeZone: 'America/New_York', start: '2026-10-31T00:00:00-04:00' },
        '2026-11-03T00:00:00Z',
        4,
      ),
    ).toEqual([
      '2026-10-31T04:05:00.000Z',
      '2026-11-01T04:05:00.000Z',
      '2026-11-02T05:05:00.000Z',
      '2026-11-03T05:05:00.000Z',
    ]);
  });

  it('runs every 7 h within each local day, restarting at `at` the next day', () => {
    // 00:05, 07:05, 14:05, 21:05 (28:05 would be the next day), then 00:05 again.
    expect(
      runs(
        { timeZone: 'UTC', start: '2026-03-10T00:00:00Z', batch: { every: '7h' } },
        '2026-03-12T00:00:00Z',
        6,
      ),
    ).toEqual([
      '2026-03-10T00:05:00.000Z',
      '2026-03-10T07:05:00.000Z',
      '2026-03-10T14:05:00.000Z',
      '2026-03-10T21:05:00.000Z',
      '2026-03-11T00:05:00.000Z',
      '2026-03-11T07:05:00.000Z',
    ]);
  });

  it('runs every second day at `at` for 48 h, across spring-forward', () => {
    // New York springs forward on Mar 8, 2026: 00:05 EST on Mar 7 = 05:05Z, then 00:05 EDT on
    // Mar 9 = 04:05Z, Mar 11 = 04:05Z.
    expect(
      runs(
        {
          timeZone: 'America/New_York',
          start: '2026-03-07T00:00:00-05:00',
          batch: { every: '48h' },
        },
        '2026-03-12T00:00:00Z',
        3,
      ),
    ).toEqual(['2026-03-07T05:05:00.000Z', '2026-03-09T04:05:00.000Z', '2026-03-11T04:05:00.000Z']);
  });

  it('skips slots before a start in the middle of the day', () => {
    // every 6 h from 00:05: slots 00:05, 06:05, 12:05, 18:05; start 10:00 → first is 12:05.
    expect(
      runs(
        { timeZone: 'UTC', start: '2026-03-10T10:00:00Z', batch: { every: '6h' } },
        '2026-03-11T00:00:00Z',
        3,
      ),
    ).toEqual(['2026-03-10T12:05:00.000Z', '2026-03-10T18:05:00.000Z', '2026-03-11T00:05:00.000Z']);
  });
});
