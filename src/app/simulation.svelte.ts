/**
 * The runes adapter between the engine and the app: holds the current simulation and the step
 * position, and derives everything the components show from `simulation.view(...)`. The engine
 * runs a scenario eagerly, so stepping back is just reading an earlier view.
 */
import { formatProblem, parseScenarioText, Simulation } from '../engine/index.ts';
import type { Scenario } from '../engine/scenario/scenario.types.ts';
import type { StepInfo } from '../engine/simulation/simulation.types.ts';
import { markAnswered, recentStepIndexes } from './session.select.ts';

/** Where the current scenario came from: a bundled file, or text the learner ran. */
export type ScenarioSource = { kind: 'bundled'; file: string } | { kind: 'custom' };

/** How many steps the "Recent steps" list shows, ending at the current one. */
export const RECENT_STEPS = 8;

export class SimulationSession {
  simulation = $state.raw<Simulation | null>(null);
  scenario = $state.raw<Scenario | null>(null);
  source = $state.raw<ScenarioSource | null>(null);
  /** Problems of the last text that failed to run, formatted; empty after a successful run. */
  problems = $state.raw<string[]>([]);
  /** 0 = before the first step; p = steps 0..p-1 are done, so the view is `view(p - 1)`. */
  position = $state(0);

  readonly stepCount = $derived(this.simulation?.stepCount ?? 0);
  readonly view = $derived(this.simulation?.view(this.position - 1) ?? null);
  readonly currentStep = $derived<StepInfo | null>(
    this.simulation && this.position > 0 ? this.simulation.stepInfo(this.position - 1) : null,
  );
  readonly report = $derived(this.simulation?.report() ?? null);
  readonly answerRows = $derived(
    this.report && this.view ? markAnswered(this.report.answers, this.view.answers) : [],
  );
  readonly recentSteps = $derived.by(() => {
    const simulation = this.simulation;
    if (!simulation) return [];
    return recentStepIndexes(this.position, RECENT_STEPS).map((i) => simulation.stepInfo(i));
  });
  readonly atStart = $derived(this.position <= 0);
  readonly atEnd = $derived(this.position >= this.stepCount);

  /**
   * Parses and runs a scenario. On any problem the current simulation stays exactly as it was
   * (same run, same step) and the problems are kept for the page to show.
   */
  run(text: string, source: ScenarioSource): boolean {
    const parsed = parseScenarioText(text);
    if (!parsed.ok) {
      this.problems = parsed.problems.map((p) => formatProblem(p));
      return false;
    }
    let simulation: Simulation;
    try {
      simulation = Simulation.create(parsed.scenario);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.problems = [`The scenario is valid but could not be run: ${reason}`];
      return false;
    }
    this.simulation = simulation;
    this.scenario = parsed.scenario;
    this.source = source;
    this.problems = [];
    this.position = 0;
    return true;
  }

  seek(position: number): void {
    if (!Number.isFinite(position)) return;
    this.position = Math.min(this.stepCount, Math.max(0, Math.round(position)));
  }

  next(): void {
    this.seek(this.position + 1);
  }

  previous(): void {
    this.seek(this.position - 1);
  }

  restart(): void {
    this.seek(0);
  }

  end(): void {
    this.seek(this.stepCount);
  }
}
