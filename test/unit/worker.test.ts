/**
 * The simulation worker's host and the page's side of a run in the worker: the host answers
 * with the same engine results as a run built on the page, and the page never queues frame
 * requests (only the latest wanted position is asked next).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, Simulation } from '../../src/engine/index.ts';
import { computeFrame, type Frame } from '../../src/app/worker/frame.ts';
import { createHost } from '../../src/app/worker/host.ts';
import type { FromWorker, ToWorker } from '../../src/app/worker/protocol.ts';
import { RemoteRun } from '../../src/app/worker/remote-run.ts';
import { buildsInWorker, PAGE_BUILD_LIMIT } from '../../src/app/worker/run-size.ts';
import { momentSteps } from '../../src/visuals/timestrip/timestrip.select.ts';
import { jumpBy } from '../../src/engine/simulation/navigate.ts';

const text = readFileSync('scenarios/01-yesterday-vs-today.json', 'utf8');

function simulationOf(source: string): Simulation {
  const parsed = parseScenarioText(source);
  if (!parsed.ok) throw new Error('invalid');
  return Simulation.create(parsed.scenario);
}

describe('the worker host', () => {
  it('builds a run with progress, then answers frames equal to the engine’s own', () => {
    const posted: FromWorker[] = [];
    const handle = createHost((m) => posted.push(m), 8);
    handle({ type: 'build', id: 7, text });
    const local = simulationOf(text);
    const progress = posted.filter((m) => m.type === 'progress');
    expect(progress.length).toBe(Math.floor(local.stepCount / 8));
    expect(progress.map((m) => m.steps)).toEqual(progress.map((_, k) => 8 * (k + 1)));
    const built = posted.find((m) => m.type === 'built');
    if (built?.type !== 'built') throw new Error('not built');
    expect(built.stepCount).toBe(local.stepCount);
    expect(built.report).toEqual(local.report());
    expect(built.scenario.events).toEqual([]);
    expect(built.momentSteps).toEqual(momentSteps(local));
    expect(built.momentSteps.length).toBeGreaterThan(0);
    expect(built.eventCount).toBe(local.scenario.events.length);
    // Whole milliseconds within 49 days: sent as offsets from the first step, half the bytes.
    expect(built.times).toBeInstanceOf(Uint32Array);
    expect(Array.from(built.times, (t) => built.timeBase + t)).toEqual(
      Array.from({ length: local.stepCount }, (_, i) => local.timeOf(i)),
    );

    const p = Math.floor(local.stepCount / 2);
    handle({
      type: 'frame',
      id: 7,
      seq: 1,
      position: p,
      playing: true,
      selectedDay: null,
      recent: 3,
    });
    const frame = posted.at(-1);
    if (frame?.type !== 'frame') throw new Error('no frame');
    expect(frame.frame.view).toEqual(local.view(p - 1));
    expect(frame.frame.currentStep).toEqual(local.stepInfo(p - 1));
    expect(frame.frame.incoming).toEqual(local.stepInfo(p));
    expect(frame.frame.recentSteps).toEqual([p - 3, p - 2, p - 1].map((i) => local.stepInfo(i)));
    const days = frame.frame.view.days.map((d) => d.day);
    expect(frame.frame.explanations).toEqual(days.map((d) => local.explain(p - 1, d)));
  });

  it('answers every bundled scenario’s frames as the page would, its event objects let go', () => {
    for (const file of readdirSync('scenarios').filter((f) => f.endsWith('.json'))) {
      const source = readFileSync(`scenarios/${file}`, 'utf8');
      const local = simulationOf(source);
      const posted: FromWorker[] = [];
      const handle = createHost((m) => posted.push(m));
      handle({ type: 'build', id: 1, text: source });
      const built = posted.find((m) => m.type === 'built');
      if (built?.type !== 'built') throw new Error(`${file} not built`);
      expect(built.eventCount, file).toBe(local.scenario.events.length);
      const n = local.stepCount;
      const days = local.view(n - 1).days.map((d) => d.day);
      const positions = [0, 1, Math.floor(n / 3), Math.floor(n / 2), n - 1, n];
      positions.forEach((position, k) => {
        const request = {
          position,
          playing: k % 2 === 0,
          selectedDay: days.length > 0 ? days[k % days.length] : null,
          recent: 4,
        };
        handle({ type: 'frame', id: 1, seq: k, ...request });
        const frame = posted.at(-1);
        if (frame?.type !== 'frame') throw new Error(`${file}: no frame at ${position}`);
        expect(frame.frame, `${file} at ${position}`).toEqual(computeFrame(local, request));
      });
    }
  });

  it('answers a generated run’s frames as the page would, with explicit events among them', () => {
    // Explicit users and ids that look like generated ones ("user-2", "g07"), a retry of a
    // generated event, a day selected: the frames name every event and user as the page does,
    // from the host's compact names and without its event objects or step columns.
    const source = JSON.stringify({
      name: 'Generated with explicit events',
      seed: 9,
      architecture: 'lambda',
      start: '2026-11-22T00:00:00Z',
      end: '2026-11-23T02:00:00Z',
      events: [
        { id: 'g07', user: 'user-2', time: '2026-11-22T01:00:00Z' },
        { id: 'e1', user: 'ann', time: '2026-11-22T02:00:00Z' },
      ],
      generate: {
        count: 300,
        from: '2026-11-22T00:00:00Z',
        to: '2026-11-23T00:00:00Z',
        repeatFraction: 0.3,
        testFraction: 0.2,
        lateFraction: 0.1,
      },
      logic: { excludeUserPrefix: 'test-' },
      faults: [{ kind: 'producer-retry', event: 'g5' }],
    });
    const local = simulationOf(source);
    const posted: FromWorker[] = [];
    const handle = createHost((m) => posted.push(m));
    handle({ type: 'build', id: 2, text: source });
    const built = posted.find((m) => m.type === 'built');
    if (built?.type !== 'built') throw new Error('not built');
    expect(Array.from(built.kinds)).toEqual(Array.from(local.recordedSteps.kinds));
    const n = local.stepCount;
    for (const [k, position] of [1, 7, 200, Math.floor(n / 2), n - 1, n].entries()) {
      const request = { position, playing: k % 2 === 1, selectedDay: '2026-11-22', recent: 6 };
      handle({ type: 'frame', id: 2, seq: k, ...request });
      const frame = posted.at(-1);
      if (frame?.type !== 'frame') throw new Error(`no frame at ${position}`);
      expect(frame.frame, `at ${position}`).toEqual(computeFrame(local, request));
    }
    // Every record's id and user, as the compact names give them, are its event's.
    const { events } = local.scenario;
    for (let r = 0; r < local.world.recordCount; r++) {
      const e = events[local.world.recEvent[r]];
      expect(local.record(r), `record ${r}`).toMatchObject({ id: e.id, user: e.user });
    }
    expect(events.map((e) => e.user)).toContain('user-2');
  });

  it('reports the problems of an invalid scenario and builds nothing', () => {
    const posted: FromWorker[] = [];
    createHost((m) => posted.push(m))({ type: 'build', id: 1, text: '{"name": 3}' });
    expect(posted).toHaveLength(1);
    expect(posted[0].type).toBe('problems');
    if (posted[0].type === 'problems') expect(posted[0].problems.join('\n')).toMatch(/name/);
  });
});

describe('which runs go to the worker', () => {
  it('counts explicit and generated events', () => {
    const scenario = (events: number, generated: number) =>
      JSON.stringify({ events: Array(events).fill({}), generate: { count: generated } });
    expect(buildsInWorker(scenario(10, PAGE_BUILD_LIMIT - 10))).toBe(false);
    expect(buildsInWorker(scenario(10, PAGE_BUILD_LIMIT - 9))).toBe(true);
    expect(buildsInWorker('not json')).toBe(false); // the page reports the syntax error
    expect(buildsInWorker(text)).toBe(false);
  });
});

describe('a run in the worker, seen from the page', () => {
  const simulation = simulationOf(text);
  const columns = simulation.stepColumns();
  function remote() {
    const sent: ToWorker[] = [];
    const shown: Frame[] = [];
    const worker = { postMessage: (m: ToWorker) => sent.push(m), terminate() {} } as never;
    const run = new RemoteRun(worker, 3, simulation.stepCount, simulation.report(), columns, (f) =>
      shown.push(f),
    );
    const answer = () => {
      const m = sent.at(-1);
      if (m?.type !== 'frame') throw new Error('no request');
      run.receive({ type: 'frame', id: 3, seq: m.seq, frame: computeFrame(simulation, m) });
    };
    return { run, sent, shown, answer };
  }
  const at = (position: number) => ({ position, playing: false, selectedDay: null, recent: 8 });

  it('asks one frame at a time, and then only the latest position wanted', () => {
    const { run, sent, shown, answer } = remote();
    run.request(at(5));
    run.request(at(6));
    run.request(at(7));
    expect(sent.map((m) => m.type === 'frame' && m.position)).toEqual([5]);
    answer();
    expect(shown.map((f) => f.position)).toEqual([5]);
    expect(sent.map((m) => m.type === 'frame' && m.position)).toEqual([5, 7]);
    answer();
    expect(shown.map((f) => f.position)).toEqual([5, 7]);
  });

  it('answers a recent position from its cache at once', () => {
    const { run, sent, shown, answer } = remote();
    run.request(at(5));
    answer();
    run.request(at(9));
    answer();
    run.request(at(5));
    expect(sent).toHaveLength(2);
    expect(shown.map((f) => f.position)).toEqual([5, 9, 5]);
    expect(shown[2].view).toEqual(simulation.view(4));
  });

  it('places times and kinds from its columns, as the engine does', () => {
    const { run } = remote();
    const t = simulation.timeOf(Math.floor(simulation.stepCount / 3));
    expect(run.stepsBefore(t)).toBe(simulation.stepsBefore(t));
    expect(run.kindOf(4)).toBe(simulation.kindOf(4));
  });

  it('reads the times as offsets (as the worker sends them) as the engine’s own', () => {
    const compact = simulation.stepColumns();
    expect(compact.times).toBeInstanceOf(Uint32Array);
    const worker = { postMessage() {}, terminate() {} } as never;
    const run = new RemoteRun(
      worker,
      3,
      simulation.stepCount,
      simulation.report(),
      compact,
      () => {},
    );
    for (const i of [0, 1, Math.floor(simulation.stepCount / 3), simulation.stepCount - 1]) {
      const t = simulation.timeOf(i);
      expect(run.timeOf(i)).toBe(t);
      expect(run.stepsBefore(t)).toBe(simulation.stepsBefore(t));
      expect(run.stepsBefore(t + 1)).toBe(simulation.stepsBefore(t + 1));
    }
    const day = 86_400_000;
    const p = Math.floor(simulation.stepCount / 2);
    expect(jumpBy(run.recordedSteps, p, day)).toBe(jumpBy(simulation.recordedSteps, p, day));
    expect(jumpBy(run.recordedSteps, p, -day / 24)).toBe(
      jumpBy(simulation.recordedSteps, p, -day / 24),
    );
  });
});
