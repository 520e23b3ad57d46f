import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import crashScenario from '../../scenarios/05-at-least-once-crash.json?raw';
import kappaScenario from '../../scenarios/13-kappa-deploy-and-replay.json?raw';
import { formatProblem, parseScenarioText, Simulation } from '../../src/engine/index.ts';
import { HOUR } from '../../src/engine/time/time.logic.ts';
import TimeStrip from '../../src/visuals/timestrip/TimeStrip.svelte';
import { stripLayout } from '../../src/visuals/timestrip/timestrip.layout.ts';
import {
  downtimes,
  moments,
  momentSteps,
  nextMoment,
  positionAt,
  type Moment,
} from '../../src/visuals/timestrip/timestrip.select.ts';

function runOf(text: string): Simulation {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return Simulation.create(parsed.scenario);
}

const crash = runOf(crashScenario);
const kappa = runOf(kappaScenario);

describe('the moments of a run', () => {
  test('moments() finds every crash, batch run and query the engine steps through', () => {
    const found = moments(crash);
    for (const [kind, stepKind] of [
      ['crash', 'job.crashed'],
      ['batch-run', 'batch.started'],
      ['query', 'query.answered'],
    ] as const) {
      const steps = Array.from({ length: crash.stepCount }, (_, i) => i).filter(
        (i) => crash.kindOf(i) === stepKind,
      );
      expect(steps.length, stepKind).toBeGreaterThan(0);
      expect(found.filter((m) => m.kind === kind).map((m) => m.step)).toEqual(steps);
    }
  });

  test('moments() over the recorded columns or found in a worker equals one kindOf per step', () => {
    for (const run of [crash, kappa]) {
      const perStep = {
        stepCount: run.stepCount,
        kindOf: (i: number) => run.kindOf(i),
        timeOf: (i: number) => run.timeOf(i),
      };
      const walked = moments(perStep);
      expect(walked.length).toBeGreaterThan(0);
      expect(moments(run)).toEqual(walked);
      // Another code scheme (as a worker's or the unified run's): codes shifted by 100.
      const { kinds, times, length } = run.recordedSteps;
      const shifted = {
        ...perStep,
        recordedSteps: { kinds: kinds.map((k) => k + 100), times, length },
      };
      expect(moments(shifted)).toEqual(walked);
      // Found elsewhere (a worker's run brings them along).
      const steps = momentSteps(run);
      expect(Array.from(steps)).toEqual(walked.map((m) => m.step));
      expect(moments({ ...perStep, momentSteps: steps })).toEqual(walked);
    }
  });

  test('Kappa runs mark the deploy, the catch-up and the switch-over', () => {
    const kinds = new Set(moments(kappa).map((m) => m.kind));
    expect(kinds).toEqual(new Set(['deploy', 'catch-up', 'switch-over', 'query']));
  });

  test('nextMoment() is the first moment after the position, or the last before it', () => {
    const all: Moment[] = [
      { kind: 'crash', step: 4, time: 40 },
      { kind: 'query', step: 9, time: 90 },
      { kind: 'crash', step: 12, time: 120 },
    ];
    const copy = structuredClone(all);
    expect(nextMoment(all, 'crash', 0)?.step).toBe(4);
    expect(nextMoment(all, 'crash', 5)?.step).toBe(12);
    expect(nextMoment(all, ['crash', 'query'], 5)?.step).toBe(9);
    expect(nextMoment(all, 'crash', 13)).toBeNull();
    expect(nextMoment(all, 'crash', 13, -1)?.step).toBe(4);
    expect(nextMoment(all, 'crash', 14, -1)?.step).toBe(12);
    expect(nextMoment(all, 'crash', 5, -1)).toBeNull();
    expect(all).toEqual(copy);
  });

  test('positionAt() has done every step at or before the time', () => {
    for (const i of [0, 5, crash.stepCount - 1]) {
      const position = positionAt(crash, crash.timeOf(i));
      expect(crash.timeOf(position - 1)).toBeLessThanOrEqual(crash.timeOf(i));
      if (position < crash.stepCount)
        expect(crash.timeOf(position)).toBeGreaterThan(crash.timeOf(i));
    }
    expect(positionAt(crash, crash.timeOf(0) - 1)).toBe(0);
  });

  test('downtimes() spans each crash to its recovery, or to the end', () => {
    const all: Moment[] = [
      { kind: 'crash', step: 1, time: 10 },
      { kind: 'recovery', step: 2, time: 30 },
      { kind: 'crash', step: 3, time: 50 },
    ];
    expect(downtimes(all, 99)).toEqual([
      { from: 10, to: 30 },
      { from: 50, to: 99 },
    ]);
  });
});

describe('the strip layout', () => {
  test('day boundaries fall on local midnight in the scenario’s zone, ticks on whole local hours', () => {
    const start = Date.UTC(2026, 10, 22, 0, 0);
    const end = Date.UTC(2026, 10, 24, 12, 0);
    const layout = stripLayout({
      start,
      end,
      width: 1000,
      timeZone: 'America/New_York',
      moments: [],
      downtimes: [],
    });
    // New York midnight is 05:00 UTC in November.
    expect(layout.days.map((d) => d.label)).toEqual([
      'Sat 21 Nov',
      'Sun 22 Nov',
      'Mon 23 Nov',
      'Tue 24 Nov',
    ]);
    expect(layout.time(layout.days[1].x)).toBeCloseTo(Date.UTC(2026, 10, 22, 5, 0), -4);
    expect(layout.ticks.length).toBeGreaterThan(0);
    for (const t of layout.ticks) expect(t.label).toMatch(/^\d\d:00$/);
    const xs = layout.ticks.map((t) => t.x);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(56);
  });

  test('a day that starts too near the end for its name keeps its line but not its name', () => {
    const layout = stripLayout({
      start: Date.UTC(2026, 10, 22, 0, 0),
      end: Date.UTC(2026, 10, 25, 1, 0),
      width: 1000,
      timeZone: 'UTC',
      moments: [],
      downtimes: [],
    });
    expect(layout.days.map((d) => [d.label, d.labelled])).toEqual([
      ['Sun 22 Nov', true],
      ['Mon 23 Nov', true],
      ['Tue 24 Nov', true],
      ['Wed 25 Nov', false],
    ]);
  });
});

describe('TimeStrip', () => {
  const props = (onseek: (p: number) => void, position = 0) => ({
    source: crash,
    start: crash.scenario.start,
    end: crash.scenario.end,
    timeZone: crash.scenario.timeZone,
    position,
    time: position === 0 ? crash.scenario.start : crash.timeOf(position - 1),
    valueText: 'now',
    onseek,
  });

  test('Next crash seeks to the step after the first crash', async () => {
    const onseek = vi.fn();
    render(TimeStrip, props(onseek));
    await userEvent.click(screen.getByRole('button', { name: /Next crash/ }));
    const first = moments(crash).find((m) => m.kind === 'crash')!;
    expect(onseek).toHaveBeenCalledWith(first.step + 1);
  });

  test('arrow keys on the strip seek an hour by simulated time', async () => {
    const onseek = vi.fn();
    const at = 10;
    render(TimeStrip, props(onseek, at));
    screen.getByRole('slider', { name: 'Time strip' }).focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(onseek).toHaveBeenCalledWith(positionAt(crash, crash.timeOf(at - 1) + HOUR));
  });
});
