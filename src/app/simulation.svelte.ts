/**
 * The runes adapter between the engine and the app: holds the current simulation, subscribes to
 * the playback actor (the only subscription in the app; components never touch actors), and
 * derives everything the components show from `simulation.view(...)`. The engine runs a
 * scenario eagerly, so stepping back is just reading an earlier view.
 */
import { createActor } from 'xstate';
import {
  formatProblem,
  injectIntoScenario,
  parseScenarioText,
  Simulation,
  type DayCounts,
  type Injection,
  type Scenario,
  type ScenarioInput,
  type StepInfo,
} from '../engine/index.ts';
import { playbackMachine } from './playback/playback.machine.ts';
import { ReducedMotion } from './playback/reduced-motion.svelte.ts';
import { markAnswered, recentStepIndexes, shownDays } from './session.select.ts';

/** Where the current scenario came from: a bundled file, or text the learner ran or branched. */
export type ScenarioSource = { kind: 'bundled'; file: string } | { kind: 'custom' };

/** How many steps the "Recent steps" list shows, ending at the current one. */
export const RECENT_STEPS = 8;

/** Where a new run starts: at its beginning, or just before a simulated time (a branch). */
export type StartAt = { kind: 'start' } | { kind: 'before'; time: number };

export class SimulationSession {
  simulation = $state.raw<Simulation | null>(null);
  scenario = $state.raw<Scenario | null>(null);
  /** The validated input of the running scenario: what the sandbox edits. */
  input = $state.raw<ScenarioInput | null>(null);
  source = $state.raw<ScenarioSource | null>(null);
  /** Problems of the last text that failed to run, formatted; empty after a successful run. */
  problems = $state.raw<string[]>([]);
  /** The Scenario JSON editor's text (a branch rewrites it, so it is shareable). */
  draft = $state('');
  /** The day the learner picked in the picture (its lineage is highlighted). */
  selectedDay = $state<string | null>(null);
  /** What the last branch did, shown while the playhead is where the branch put it. */
  #branch = $state.raw<{ text: string; position: number } | null>(null);

  #actor = createActor(playbackMachine, { input: { stepCount: 0 } });
  #playback = $state.raw(this.#actor.getSnapshot());
  #motion = new ReducedMotion();

  constructor() {
    this.#actor.subscribe((snapshot) => (this.#playback = snapshot));
    this.#actor.start();
  }

  /** Stops the playback actor (the app does this when it unmounts). */
  dispose(): void {
    this.#actor.stop();
  }

  /** 0 = before the first step; p = steps 0..p-1 are done, so the view is `view(p - 1)`. */
  readonly position = $derived(this.#playback.context.position);
  readonly playing = $derived(this.#playback.matches('playing'));
  /** Steps per second. */
  readonly rate = $derived(this.#playback.context.rate);
  get reducedMotion(): boolean {
    return this.#motion.current;
  }
  /** How far the next step has got; always 0 when paused or when motion is reduced. */
  readonly progress = $derived(
    this.playing && !this.reducedMotion ? this.#playback.context.progress : 0,
  );

  readonly stepCount = $derived(this.simulation?.stepCount ?? 0);
  readonly view = $derived(this.simulation?.view(this.position - 1) ?? null);
  readonly currentStep = $derived<StepInfo | null>(
    this.simulation && this.position > 0 ? this.simulation.stepInfo(this.position - 1) : null,
  );
  /** The step on its way while playing (what the picture animates), else null. */
  readonly incoming = $derived<StepInfo | null>(
    this.simulation && this.playing && this.position < this.stepCount
      ? this.simulation.stepInfo(this.position)
      : null,
  );
  /**
   * While the next step publishes a batch view: per day, the speed-layer counts the hand-off is
   * about to drop (so the picture can fade them out while the served answer stays level).
   */
  readonly handOff = $derived.by<DayCounts | null>(() => {
    const simulation = this.simulation;
    if (!simulation || !this.view || this.incoming?.kind !== 'batch.published') return null;
    const now = this.view.jobs[0]?.counts ?? {};
    const after = simulation.view(this.position).jobs[0]?.counts ?? {};
    const out: DayCounts = {};
    for (const [day, n] of Object.entries(now)) {
      const dropped = n - (after[day] ?? 0);
      if (dropped > 0) out[day] = dropped;
    }
    return out;
  });
  /** Simulated time shown by the picture: between the last step done and the next one. */
  readonly displayTime = $derived.by(() => {
    const simulation = this.simulation;
    if (!simulation || !this.view) return 0;
    if (!this.incoming) return this.view.time;
    const from = this.view.time;
    return from + (simulation.timeOf(this.position) - from) * this.progress;
  });
  readonly branchNote = $derived(
    this.#branch && this.#branch.position === this.position ? this.#branch.text : null,
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
  readonly lineage = $derived(
    this.simulation && this.selectedDay && this.view?.days.some((d) => d.day === this.selectedDay)
      ? this.simulation.lineage(this.position - 1, this.selectedDay)
      : null,
  );
  /** Why each shown day's served number differs from truth (all days, or the latest few). */
  readonly explanations = $derived.by(() => {
    const simulation = this.simulation;
    if (!simulation || !this.view) return [];
    return shownDays(this.view.days, this.selectedDay).map((day) =>
      simulation.explain(this.position - 1, day),
    );
  });
  readonly atStart = $derived(this.position <= 0);
  readonly atEnd = $derived(this.position >= this.stepCount);

  /**
   * Parses and runs a scenario. On any problem the current simulation stays exactly as it was
   * (same run, same step) and the problems are kept for the page to show.
   */
  run(text: string, source: ScenarioSource, startAt: StartAt = { kind: 'start' }): boolean {
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
    this.input = parsed.input;
    this.source = source;
    this.problems = [];
    this.#branch = null;
    const position = startAt.kind === 'start' ? 0 : simulation.stepsBefore(startAt.time);
    this.#actor.send({ type: 'run.loaded', stepCount: simulation.stepCount, position });
    return true;
  }

  /**
   * Runs an edited copy of the current input from the simulated moment on screen (a fork: the
   * old future is dropped). `exact` keeps every step already done at that moment; otherwise the
   * run resumes just before it, so that what was injected there is the next step.
   */
  branch(input: ScenarioInput, note: string, exact: boolean): boolean {
    const time = this.view?.time;
    if (time === undefined) return false;
    const text = JSON.stringify(input, null, 2);
    const startAt: StartAt =
      exact && this.position === 0
        ? { kind: 'start' }
        : { kind: 'before', time: exact ? time + 1 : time };
    if (!this.run(text, { kind: 'custom' }, startAt)) return false;
    this.draft = text;
    this.#branch = { text: `Branched: ${note}`, position: this.position };
    return true;
  }

  /** Adds a signup or a fault at the current simulated moment and runs from there. */
  inject(injection: Injection, note: string): boolean {
    const input = this.input;
    const time = this.view?.time;
    if (!input || time === undefined) return false;
    let next: ScenarioInput;
    try {
      next = injectIntoScenario(input, injection, time);
    } catch (error) {
      this.problems = [error instanceof Error ? error.message : String(error)];
      return false;
    }
    return this.branch(next, note, false);
  }

  selectDay(day: string | null): void {
    this.selectedDay = day;
  }

  play(): void {
    this.#actor.send({ type: 'play' });
  }
  pause(): void {
    this.#actor.send({ type: 'pause' });
  }
  toggle(): void {
    this.#actor.send({ type: 'toggle' });
  }
  /** `dt`: wall-clock ms since the previous frame. */
  tick(dt: number): void {
    this.#actor.send({ type: 'tick', dt });
  }
  setRate(rate: number): void {
    this.#actor.send({ type: 'speed.set', rate });
  }
  seek(position: number): void {
    this.#actor.send({ type: 'seek', position });
  }
  next(): void {
    this.#actor.send({ type: 'step.next' });
  }
  previous(): void {
    this.#actor.send({ type: 'step.previous' });
  }
  restart(): void {
    this.#actor.send({ type: 'restart' });
  }
  end(): void {
    this.#actor.send({ type: 'end' });
  }
}
