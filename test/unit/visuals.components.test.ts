import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import duplicateScenario from '../../scenarios/04-producer-retry-duplicate.json?raw';
import crashScenario from '../../scenarios/05-at-least-once-crash.json?raw';
import kappaScenario from '../../scenarios/13-kappa-deploy-and-replay.json?raw';
import { formatProblem, parseScenarioText, Simulation } from '../../src/engine/index.ts';
import type { StepInfo } from '../../src/engine/simulation/simulation.types.ts';
import LayerTables from '../../src/visuals/LayerTables.svelte';
import Legend from '../../src/visuals/Legend.svelte';
import { legendEntries } from '../../src/visuals/legend.entries.ts';
import Pipeline from '../../src/visuals/pipeline/Pipeline.svelte';
import { laneSlots, lerp, stageLayout } from '../../src/visuals/pipeline/pipeline.layout.ts';
import { placePoint } from '../../src/visuals/pipeline/pipeline.motion.ts';
import { dayLabel } from '../../src/visuals/pipeline/pipeline.select.ts';
import { momentPath } from '../../src/visuals/timestrip/timestrip.marks.ts';
import { MOMENT_NAMES, type MomentKind } from '../../src/visuals/timestrip/timestrip.select.ts';
import TruthPanel from '../../src/visuals/TruthPanel.svelte';

function runOf(text: string): Simulation {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return Simulation.create(parsed.scenario);
}

/** The first step after `from` of a kind, and the index of the step before it. */
function nextOfKind(sim: Simulation, kind: string, from = 0): { before: number; step: StepInfo } {
  for (let i = from; i < sim.stepCount; i++) {
    if (sim.stepInfo(i).kind === kind) return { before: i - 1, step: sim.stepInfo(i) };
  }
  throw new Error(`no ${kind} step`);
}

function pipelineProps(sim: Simulation, i: number, extra: Record<string, unknown> = {}) {
  const view = sim.view(i);
  const incoming = i + 1 < sim.stepCount ? sim.stepInfo(i + 1) : null;
  return {
    view,
    incoming,
    progress: 0.5,
    displayTime: incoming ? lerp(view.time, incoming.time, 0.5) : view.time,
    reducedMotion: false,
    selectedDay: null,
    lineage: null,
    onselectday: () => {},
    ...extra,
  };
}

const crash = runOf(crashScenario);

describe('Pipeline', () => {
  test('the picture has an accessible name summarising the state', () => {
    const i = Math.floor(crash.stepCount / 2);
    render(Pipeline, pipelineProps(crash, i));
    const figure = screen.getByRole('figure', { name: /Lambda pipeline/ });
    expect(figure).toHaveAccessibleName(
      expect.stringContaining(`${crash.view(i).log.appended} records`),
    );
    expect(screen.getByRole('group', { name: 'Pipeline picture' })).toBeInTheDocument();
  });

  test('selecting a served number calls onselectday with its day (click and keyboard)', async () => {
    const user = userEvent.setup();
    const onselectday = vi.fn();
    const i = crash.stepCount - 1;
    const day = crash.view(i).days.at(-1)!;
    render(Pipeline, pipelineProps(crash, i, { onselectday }));
    const button = screen.getByRole('button', {
      name: `Served ${day.served} on ${dayLabel(day.day)}: trace its records`,
    });
    await user.click(button);
    expect(onselectday).toHaveBeenLastCalledWith(day.day);
    button.focus();
    await user.keyboard('{Enter}');
    expect(onselectday).toHaveBeenCalledTimes(2);
  });

  test('a selected day shows its lineage caption and rings', () => {
    const sim = runOf(duplicateScenario);
    const i = sim.stepCount - 1;
    const day = sim.view(i).days[0].day;
    const lineage = sim.lineage(i, day);
    if (lineage.kind !== 'lambda') throw new Error('a Lambda scenario');
    const { container } = render(Pipeline, pipelineProps(sim, i, { selectedDay: day, lineage }));
    expect(screen.getByRole('status')).toHaveTextContent(
      `${lineage.batch.length} from the batch view + ${lineage.speed.length} from the speed view`,
    );
    expect(screen.getByRole('button', { name: new RegExp(`on ${dayLabel(day)}`) })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(container.querySelectorAll('.record path[stroke-width="3"]').length).toBeGreaterThan(0);
  });

  test('reduced motion places the moving token at its destination', () => {
    const { before, step } = nextOfKind(crash, 'record.fetched');
    const props = pipelineProps(crash, before, { reducedMotion: true, progress: 0.3 });
    const { container } = render(Pipeline, props);
    const layout = stageLayout({
      architecture: 'lambda',
      partitions: props.view.log.partitions,
      jobs: ['speed'],
      narrow: false,
      days: 3,
    });
    const slots = laneSlots(props.view.log.recent, layout.lanes, props.view.log.endOffsets);
    const to = placePoint(layout, slots, step.motion!.to, step.record ?? null);
    const token = container.querySelector('[data-token="incoming"]')!;
    expect(Number(token.getAttribute('data-x'))).toBeCloseTo(to.x);
    expect(Number(token.getAttribute('data-y'))).toBeCloseTo(to.y);
  });

  test('without reduced motion the token is still on its way', () => {
    const { before, step } = nextOfKind(crash, 'record.fetched');
    const props = pipelineProps(crash, before, { progress: 0.3 });
    const { container } = render(Pipeline, props);
    const token = container.querySelector('[data-token="incoming"]')!;
    const layout = stageLayout({
      architecture: 'lambda',
      partitions: 1,
      jobs: ['speed'],
      narrow: false,
      days: Math.max(1, props.view.days.length),
    });
    const slots = laneSlots(props.view.log.recent, layout.lanes, props.view.log.endOffsets);
    const to = placePoint(layout, slots, step.motion!.to, step.record ?? null);
    expect(Number(token.getAttribute('data-x'))).not.toBeCloseTo(to.x);
  });

  test('Kappa shows each job and the table the serving layer reads', () => {
    const sim = runOf(kappaScenario);
    const i = sim.stepCount - 1;
    render(Pipeline, pipelineProps(sim, i));
    expect(
      screen.getByRole('figure', { name: /Kappa pipeline.*Serving reads table v2/ }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Job v1 · stopped/)).toBeInTheDocument();
  });
});

describe('Legend', () => {
  test('lists every mark by name', async () => {
    render(Legend, { open: true });
    const list = screen.getByRole('list');
    await within(list).findByText('Record');
    const names = [
      'Record',
      'Duplicate copy',
      'Counted again',
      'Late or out of order',
      'Lost',
      'Deleted',
      'In flight',
      'Committed marker',
      'Cut-off marker',
      'Crashed job',
      'Count axis',
      'Batch run (time strip)',
      'Batch view published (time strip)',
      'Crash (time strip)',
      'Downtime (time strip)',
      'Deploy (time strip)',
      'Catch-up (time strip)',
      'Switch-over (time strip)',
      'Query (time strip)',
    ];
    for (const name of names) expect(within(list).getByText(name)).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem')).toHaveLength(legendEntries.length);
    expect(screen.getByText('Legend').tagName).toBe('SUMMARY');
  });

  test('explains every kind of mark the time strip draws, with the shape it draws', () => {
    const drawn = Object.keys(MOMENT_NAMES).filter((k) => k !== 'recovery') as MomentKind[];
    for (const kind of drawn) {
      const entry = legendEntries.find(
        (e) => e.kind === 'path' && e.d === momentPath(kind, 12, 12),
      );
      expect(entry, `a legend entry drawn like the strip's ${kind} mark`).toBeDefined();
    }
  });
});

describe('LayerTables', () => {
  test('captions every table and shows the engine numbers', () => {
    const i = crash.stepCount - 1;
    const view = crash.view(i);
    render(LayerTables, { view });
    expect(screen.getByRole('table', { name: /Event log/ })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Batch layer' })).toBeInTheDocument();
    const speed = screen.getByRole('table', { name: 'Speed layer (job speed)' });
    expect(
      within(speed).getByRole('row', { name: `Committed #${view.jobs[0].committed}` }),
    ).toBeInTheDocument();
    const serving = screen.getByRole('table', { name: /Serving layer/ });
    for (const day of view.days) {
      expect(
        within(serving).getByRole('row', {
          name: new RegExp(`^${dayLabel(day.day)} ${day.served} .* ${day.truth}$`),
        }),
      ).toBeInTheDocument();
    }
  });
});

describe('TruthPanel', () => {
  test('lists the reasons a served number differs from the truth, with signed counts', () => {
    const sim = runOf(duplicateScenario);
    const explanations = Array.from({ length: sim.stepCount }, (_, i) =>
      sim.view(i).days.map((d) => sim.explain(i, d.day)),
    ).find((list) => list.some((e) => e.reasons.length > 0));
    expect(explanations).toBeDefined();
    render(TruthPanel, { explanations: explanations! });
    const differing = explanations!.find((e) => e.reasons.length > 0)!;
    const reasons = screen.getByRole('list', { name: `Why ${dayLabel(differing.day)} differs` });
    expect(within(reasons).getAllByRole('listitem')).toHaveLength(differing.reasons.length);
    expect(reasons).toHaveTextContent(differing.reasons[0].text);
  });
});
