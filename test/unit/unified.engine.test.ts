// @vitest-environment node
/**
 * The unified pipeline's machines, and its rules on small scenarios worked out BY HAND from
 * MODEL.md ("Contract: unified") and docs/engine.md ("Unified").
 */
import { initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseScenario } from '../../src/engine/index.ts';
import { pipelineMachine, windowMachine } from '../../src/engine/unified/unified.machine.ts';
import { UnifiedRun } from '../../src/engine/unified/unified.run.ts';

describe('the pipeline machine', () => {
  it('running → crashed → recovering → running, remembering where it was', () => {
    let s = initialTransition(pipelineMachine)[0];
    expect(s.value).toBe('running');
    s = transition(pipelineMachine, s, { type: 'pipeline.crashed', processedBefore: 7 })[0];
    expect(s.value).toBe('crashed');
    expect(s.context).toEqual({ crashes: 1, highWater: 7 });
    // Records are not "caught up" while down; recovering only once back.
    expect(transition(pipelineMachine, s, { type: 'pipeline.caught-up' })[0].value).toBe('crashed');
    s = transition(pipelineMachine, s, { type: 'pipeline.recovered' })[0];
    expect(s.value).toBe('recovering');
    // A second crash while recovering keeps the highest position reached.
    s = transition(pipelineMachine, s, { type: 'pipeline.crashed', processedBefore: 5 })[0];
    expect(s.context).toEqual({ crashes: 2, highWater: 7 });
    s = transition(pipelineMachine, s, { type: 'pipeline.recovered' })[0];
    s = transition(pipelineMachine, s, { type: 'pipeline.caught-up' })[0];
    expect(s.value).toBe('running');
    expect(s.context.highWater).toBe(0);
  });
});

describe('the window machine', () => {
  it('open → fired (watermark passed its end) → expired (passed the horizon)', () => {
    let w = initialTransition(windowMachine, { late: false })[0];
    expect(w.value).toBe('open');
    w = transition(windowMachine, w, { type: 'pane.fired' })[0];
    expect([w.value, w.context.panes]).toEqual(['open', 1]);
    w = transition(windowMachine, w, { type: 'watermark.passed-end' })[0];
    w = transition(windowMachine, w, { type: 'pane.fired' })[0];
    expect([w.value, w.context.panes]).toEqual(['fired', 2]);
    w = transition(windowMachine, w, { type: 'watermark.passed-horizon' })[0];
    expect(w.value).toBe('expired');
    expect(w.status).toBe('done');
  });

  it('a window first seen after the watermark passed its end starts fired', () => {
    const w = initialTransition(windowMachine, { late: true })[0];
    expect([w.value, w.context.panes]).toEqual(['fired', 0]);
  });
});

const at = (hhmmss: string) => `2026-11-22T${hhmmss}Z`;
function runOf(extra: Record<string, unknown>, unified: Record<string, unknown>) {
  const parsed = parseScenario({
    architecture: 'unified',
    start: at('10:00:00'),
    end: at('10:30:00'),
    ...extra,
    unified: { window: 'day', aggregate: 'count', ...unified },
  });
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return UnifiedRun.create(parsed.scenario);
}
const steps = (r: UnifiedRun) =>
  Array.from({ length: r.stepCount }, (_, i) => r.step(i)).map(
    (s) => `${new Date(s.time).toISOString().slice(11, 19)} ${s.kind}`,
  );

describe('exactly-once: a crash rolls back to the last checkpoint and replays', () => {
  // r1 10:00:10, r2 10:00:20 → periodic checkpoint at the 10:01:00 tick (position 2; the early
  // timer 10:00:10 + 5m = 10:05:10 is part of the window's state). r3 10:01:30 is processed, then
  // the crash at 10:01:45 rolls back to 10:01:00: r3 is processed again at the recovery,
  // (the perfect watermark is stepped after each record: min(next record's time, now)),
  // 10:03:45. The early pane at 10:05:10 counts 3, not 4; the query at 10:30 serves 3 = truth.
  it('records after the checkpoint are processed again and count once', () => {
    const r = runOf(
      {
        events: [
          { id: 'r1', user: 'a', time: at('10:00:10'), arrival: at('10:00:10') },
          { id: 'r2', user: 'b', time: at('10:00:20'), arrival: at('10:00:20') },
          { id: 'r3', user: 'c', time: at('10:01:30'), arrival: at('10:01:30') },
        ],
        faults: [{ kind: 'crash', job: 'stream', at: at('10:01:45'), downFor: '2m' }],
        queries: [{ at: at('10:30:00'), day: 'today' }],
      },
      {
        watermark: { kind: 'perfect' },
        triggers: { early: { kind: 'processing-time', delay: '5m' } },
      },
    );
    expect(steps(r)).toEqual([
      '10:00:10 record.appended',
      '10:00:10 record.processed',
      '10:00:10 watermark.advanced',
      '10:00:20 record.appended',
      '10:00:20 record.processed',
      '10:00:20 watermark.advanced',
      '10:01:00 state.checkpointed',
      '10:01:30 record.appended',
      '10:01:30 record.processed',
      '10:01:30 watermark.advanced',
      '10:01:45 pipeline.crashed',
      '10:03:45 pipeline.recovered',
      '10:03:45 record.processed',
      '10:03:45 pipeline.caught-up',
      '10:04:00 state.checkpointed',
      '10:05:10 pane.fired',
      '10:05:10 state.checkpointed',
      '10:30:00 query.answered',
    ]);
    const report = r.report();
    expect(report.panes).toEqual([
      {
        window: ['2026-11-22T00:00:00.000Z', '2026-11-23T00:00:00.000Z'],
        at: '2026-11-22T10:05:10.000Z',
        timing: 'early',
        index: 0,
        value: 3,
      },
    ]);
    expect(report.answers[0]).toMatchObject({ served: 3, truth: 3, parts: { panes: 1 } });
    // While down, the state is the checkpoint's: two records processed.
    const down = r.stateAfter(11);
    expect(down.machine.value).toBe('crashed');
    expect(down.state.position).toBe(2);
  });

  // r1 10:00:10 → early timer 10:01:10: pane 0 = 1, checkpointed with it. r2 10:01:20, crash
  // 10:01:30: back to the pane's checkpoint (r1 counted, pane 0 emitted). Recovery 10:03:30: r2
  // again, timer 10:04:30: pane 1 = 1 (discarding). Pane 0 is never emitted twice.
  it('a pane is checkpointed with the state that made it: never emitted twice', () => {
    const r = runOf(
      {
        events: [
          { id: 'r1', user: 'a', time: at('10:00:10'), arrival: at('10:00:10') },
          { id: 'r2', user: 'b', time: at('10:01:20'), arrival: at('10:01:20') },
        ],
        faults: [{ kind: 'crash', job: 'stream', at: at('10:01:30'), downFor: '2m' }],
        queries: [{ at: at('10:30:00'), day: 'today' }],
      },
      {
        watermark: { kind: 'perfect' },
        triggers: { early: { kind: 'processing-time', delay: '1m' } },
      },
    );
    const report = r.report();
    expect(report.panes?.map((p) => [p.at.slice(11, 19), p.index, p.value])).toEqual([
      ['10:01:10', 0, 1],
      ['10:04:30', 1, 1],
    ]);
    expect(report.answers[0]).toMatchObject({ served: 2, truth: 2 });
  });
});

describe('watermarks', () => {
  // Two partitions, only "a" signs up: the heuristic watermark is the minimum over partitions,
  // and the other partition has seen nothing, so the watermark stays at −∞. With idleAfter 10m,
  // the empty partition (no arrival since the start, 10:00) stops counting at 10:10: the
  // watermark becomes a's 10:05 − 0s. At 10:15 a's partition is idle too: with every partition
  // idle the watermark stays where it is.
  it('a partition that has seen nothing holds the watermark back, unless idle', () => {
    const events = [{ id: 'r1', user: 'a', time: at('10:05:00'), arrival: at('10:05:00') }];
    const held = runOf(
      { events, log: { partitions: 2 } },
      { watermark: { kind: 'heuristic', bound: '0s' } },
    );
    expect(held.stateAfter(held.stepCount).watermark).toBe(-Infinity);
    const idle = runOf(
      { events, log: { partitions: 2 } },
      { watermark: { kind: 'heuristic', bound: '0s', idleAfter: '10m' } },
    );
    expect(steps(idle).filter((s) => s.endsWith('partition.idle'))).toEqual([
      '10:10:00 partition.idle',
      '10:15:00 partition.idle',
    ]);
    expect(idle.stateAfter(idle.stepCount).watermark).toBe(Date.parse(at('10:05:00')));
  });

  // distinct-users, per-element early panes, discarding: u's signup at 10:20 arrives first and
  // counts on 11-22 (pane 1). An earlier signup of u (11-21 23:50) arrives at 10:25; the perfect
  // watermark waited for it at 23:50, so it is not late. u moves to 11-21: 11-21 gets +1 and,
  // the watermark then passing its end (nothing else pending: min(∞, 10:25)), its on-time pane
  // carries 1; 11-22 gets −1, an early pane of −1. At the end (bounded) 11-22's on-time pane is 0.
  it('a user moved to an earlier window leaves the later one (a negative discarding pane)', () => {
    const parsed = parseScenario({
      architecture: 'unified',
      start: '2026-11-21T23:00:00Z',
      end: '2026-11-22T11:00:00Z',
      events: [
        { id: 'late', user: 'u', time: at('10:20:00'), arrival: at('10:20:00') },
        { id: 'early', user: 'u', time: '2026-11-21T23:50:00Z', arrival: at('10:25:00') },
      ],
      unified: {
        watermark: { kind: 'perfect' },
        triggers: { early: { kind: 'per-element' } },
        bounded: true,
      },
    });
    if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
    const r = UnifiedRun.create(parsed.scenario);
    expect(r.report().panes?.map((p) => [p.window[0].slice(0, 10), p.timing, p.value])).toEqual([
      ['2026-11-22', 'early', 1],
      ['2026-11-21', 'on-time', 1],
      ['2026-11-22', 'early', -1],
      ['2026-11-22', 'on-time', 0],
    ]);
  });
});

describe('the view the picture reads', () => {
  // Fig. 2-12 (allowed lateness 2m, the extra 6, the heuristic schedule): at the end the 6 was
  // late but kept, the 9 dropped; the watermark stepped 12:02, 12:04, 12:06, 12:08 at 12:06:00,
  // 12:07:30, 12:07:40, 12:09:30; the windows up to 12:06 are past their horizon (end + 2m ≤
  // 12:08) and expired, with their sums kept in the sink; [12:06, 12:08) (horizon 12:10) has fired.
  it('records with their fate, the stepped watermark, windows and the sink', async () => {
    const { readFileSync } = await import('node:fs');
    const parsed = parseScenario(
      JSON.parse(
        readFileSync(
          new URL(
            '../../scenarios/29-streaming-systems-fig-2-12-allowed-lateness.json',
            import.meta.url,
          ),
          'utf8',
        ),
      ),
    );
    if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
    const r = UnifiedRun.create(parsed.scenario);
    const v = r.view(r.stepCount - 1);
    const fate = (event: string) => v.records.find((x) => x.event === event)?.fate;
    expect([fate('s10'), fate('s7'), fate('s1')]).toEqual(['late', 'dropped', 'on-time']);
    const t = (hhmmss: string) => Date.parse(`2026-01-10T${hhmmss}Z`);
    expect(v.watermarkLine).toEqual([
      [t('12:06:00'), t('12:02:00')],
      [t('12:07:30'), t('12:04:00')],
      [t('12:07:40'), t('12:06:00')],
      [t('12:09:30'), t('12:08:00')],
    ]);
    expect(v.windows.map((w) => [w.start, w.state, w.horizon])).toEqual([
      [t('12:00:00'), 'expired', t('12:04:00')],
      [t('12:02:00'), 'expired', t('12:06:00')],
      [t('12:04:00'), 'expired', t('12:08:00')],
      [t('12:06:00'), 'fired', t('12:10:00')],
    ]);
    expect(v.sink.map((s) => s.value)).toEqual([11, 18, 4, 12]);
    expect(v.dropped).toBe(1);
    // Before anything: every record still to come.
    expect(r.view(-1).records.every((x) => x.fate === 'not-arrived')).toBe(true);
  });
});
