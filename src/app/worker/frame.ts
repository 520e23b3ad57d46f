/**
 * Everything the page shows about one position of a run, computed from a `Simulation` in one go:
 * the worker answers each position with a `Frame`, so a big run never needs the engine on the
 * main thread. Pure (no DOM): the same function runs in the worker and in tests.
 */
import type { Simulation } from '../../engine/index.ts';
import type {
  DayCounts,
  Explanation,
  Lineage,
  SimulationView,
  StepInfo,
} from '../../engine/index.ts';
import { recentStepIndexes, shownDays } from '../session.select.ts';

export interface FrameRequest {
  /** Steps done (0 = before the first step). */
  position: number;
  playing: boolean;
  selectedDay: string | null;
  /** How many recent steps to narrate, ending at the current one. */
  recent: number;
}

export interface Frame {
  position: number;
  view: SimulationView;
  currentStep: StepInfo | null;
  incoming: StepInfo | null;
  handOff: DayCounts | null;
  recentSteps: StepInfo[];
  lineage: Lineage | null;
  explanations: Explanation[];
}

/** Per day, the speed-layer counts a batch publish drops (now minus after, where positive). */
export function handOffCounts(now: DayCounts, after: DayCounts): DayCounts {
  const out: DayCounts = {};
  for (const [day, n] of Object.entries(now)) {
    const dropped = n - (after[day] ?? 0);
    if (dropped > 0) out[day] = dropped;
  }
  return out;
}

/**
 * Computed in the order that replays least: the recent steps first (ascending, from the nearest
 * checkpoint up to the current step), then everything at the current step, then the next one.
 * Any other order restores a checkpoint twice (a big run replays up to its checkpoint interval,
 * half a million steps, each time).
 */
export function computeFrame(simulation: Simulation, request: FrameRequest): Frame {
  const position = Math.min(simulation.stepCount, Math.max(0, request.position));
  const recentSteps = recentStepIndexes(position, request.recent).map((i) =>
    simulation.stepInfo(i),
  );
  const currentStep =
    position > 0 ? (recentSteps.at(-1) ?? simulation.stepInfo(position - 1)) : null;
  const view = simulation.view(position - 1);
  const day = request.selectedDay;
  const lineage =
    day && view.days.some((d) => d.day === day) ? simulation.lineage(position - 1, day) : null;
  const explanations = shownDays(view.days, day).map((d) => simulation.explain(position - 1, d));
  const incoming =
    request.playing && position < simulation.stepCount ? simulation.stepInfo(position) : null;
  const handOff =
    incoming?.kind === 'batch.published'
      ? handOffCounts(view.jobs[0]?.counts ?? {}, simulation.view(position).jobs[0]?.counts ?? {})
      : null;
  return { position, view, currentStep, incoming, handOff, recentSteps, lineage, explanations };
}
