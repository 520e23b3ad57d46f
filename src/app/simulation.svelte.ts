/**
 * The runes adapter between the engine and the app: holds the current simulation, subscribes to
 * the playback actor (the only subscription in the app; components never touch actors), and
 * derives everything the components show from `simulation.view(...)`. The engine runs a
 * scenario eagerly, so stepping back is just reading an earlier view.
 *
 * Small runs are built here, on the page. Big ones (more than `PAGE_BUILD_LIMIT` events) are
 * built in the simulation worker, with progress and a Cancel, while the previous run stays on
 * screen; their views then arrive from the worker as frames (the nearest one shows until the
 * exact one is there).
 */
import { formatProblem } from '../engine/scenario/scenario.checks.ts';
import type { ParseResult, Scenario, ScenarioInput } from '../engine/scenario/scenario.types.ts';
import { Simulation } from '../engine/simulation/simulation.ts';
import type { DayCounts, Injection, StepInfo } from '../engine/simulation/simulation.types.ts';
import { Playback } from './playback/playback.svelte.ts';
import { ReducedMotion } from './playback/reduced-motion.svelte.ts';
import { markAnswered, recentStepIndexes, shownDays } from './session.select.ts';
import type { BuildProgress } from '../engine/simulation/simulation.ts';
import { handOffCounts, type Frame } from './worker/frame.ts';
import type { RemoteRun, RunHandle } from './worker/remote-run.ts';
import { buildsInWorker } from './worker/run-size.ts';
import { jumpBy, moment, type Moment } from '../engine/simulation/navigate.ts';

/**
 * How a session reads scenario text. The sandbox passes the full reader (`parseScenarioText`,
 * with the structural validator) and the injector; a lesson passes the reader for its
 * build-validated files (`parseTrustedScenarioText`), so a lesson page never loads the validator.
 */
export interface ScenarioReader {
  parse(text: string): ParseResult;
  /** Adds a signup or a fault to an input at a time (the sandbox's inject buttons). */
  inject?(input: ScenarioInput, injection: Injection, at: number): ScenarioInput;
}

/** Where the current scenario came from: a bundled file, or text the learner ran or branched. */
export type ScenarioSource = { kind: 'bundled'; file: string } | { kind: 'custom' };

/** How many steps the "Recent steps" list shows, ending at the current one. */
export const RECENT_STEPS = 8;

/**
 * Where a new run starts: at its beginning, just before a simulated time (a branch), or at a
 * position of the run it replaces, as long as the steps up to there are the same (an injection).
 */
export type StartAt =
  | { kind: 'start' }
  | { kind: 'before'; time: number }
  | { kind: 'keep'; position: number; previous: RunHandle };

/** How many first steps two runs share (same kind at the same time), up to `limit`. */
export function sharedSteps(a: RunHandle, b: RunHandle, limit: number): number {
  const end = Math.min(limit, a.stepCount, b.stepCount);
  let i = 0;
  while (i < end && a.kindOf(i) === b.kindOf(i) && a.timeOf(i) === b.timeOf(i)) i++;
  return i;
}

/** A run being built in the worker: how far it has got, and since when (page clock, ms). */
export interface BuildStatus extends BuildProgress {
  startedAt: number;
  elapsed: number;
}

export class SimulationSession extends Playback {
  /** The run on screen: built on the page (`Simulation`) or in the worker (`RemoteRun`). */
  simulation = $state.raw<RunHandle | null>(null);
  /** Events in the running scenario. */
  eventCount = $state.raw(0);
  /** The run being built in the worker, if any (the previous run stays on screen meanwhile). */
  building = $state.raw<BuildStatus | null>(null);
  #local = $state.raw<Simulation | null>(null);
  #remote: RemoteRun | null = null;
  /** The latest frame from the worker (a big run), possibly for another position. */
  #frame = $state.raw<Frame | null>(null);
  #build: { cancel(): void } | null = null;
  /**
   * Narration of recently shown steps (a local run): while playing, each new position needs one
   * new step's narration, not the whole "Recent steps" list again (each costs an engine copy).
   */
  // A plain cache of engine results, deliberately not reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #infos = new Map<number, StepInfo>();
  /** Set when the worker could not start: every run is then built on the page. */
  #workerless = false;
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

  #motion = new ReducedMotion();

  readonly #reader: ScenarioReader;

  constructor(reader: ScenarioReader) {
    super();
    this.#reader = reader;
  }

  protected override playbackChanged(): void {
    this.#wantFrame();
  }

  /** Stops the playback actor and any worker (the app does this when it unmounts). */
  override dispose(): void {
    super.dispose();
    this.#build?.cancel();
    this.#remote?.dispose();
  }

  /** Asks the worker for the frame at the current position (big runs only). */
  #wantFrame(): void {
    const remote = this.#remote;
    if (!remote) return;
    remote.request({
      position: this.position,
      playing: this.playing,
      selectedDay: this.selectedDay,
      recent: RECENT_STEPS,
    });
  }

  // `position` (from Playback): p = steps 0..p-1 are done, so the view is `view(p - 1)`.
  get reducedMotion(): boolean {
    return this.#motion.current;
  }
  /** How far the next step has got; always 0 when paused or when motion is reduced. */
  readonly progress = $derived(this.playing && !this.reducedMotion ? this.stepProgress : 0);

  readonly view = $derived(
    this.#local ? this.#local.view(this.position - 1) : (this.#frame?.view ?? null),
  );
  /** True while a big run's exact frame for this position is still on its way. */
  readonly pending = $derived(
    this.#local === null && this.#frame !== null && this.#frame.position !== this.position,
  );
  #stepInfo(local: Simulation, i: number): StepInfo {
    const known = this.#infos.get(i);
    if (known) return known;
    const info = local.stepInfo(i);
    this.#infos.set(i, info);
    if (this.#infos.size > 4 * RECENT_STEPS) {
      this.#infos.delete(this.#infos.keys().next().value as number);
    }
    return info;
  }
  readonly currentStep = $derived.by<StepInfo | null>(() => {
    const local = this.#local;
    if (!local) return this.#frame?.currentStep ?? null;
    return this.position > 0 ? this.#stepInfo(local, this.position - 1) : null;
  });
  /** The step on its way while playing (what the picture animates), else null. */
  readonly incoming = $derived.by<StepInfo | null>(() => {
    if (!this.playing) return null;
    const local = this.#local;
    if (!local) return this.#frame?.incoming ?? null;
    return this.position < this.stepCount ? this.#stepInfo(local, this.position) : null;
  });
  /**
   * While the next step publishes a batch view: per day, the speed-layer counts the hand-off is
   * about to drop (so the picture can fade them out while the served answer stays level).
   */
  readonly handOff = $derived.by<DayCounts | null>(() => {
    const local = this.#local;
    if (!local) return this.playing ? (this.#frame?.handOff ?? null) : null;
    if (!this.view || this.incoming?.kind !== 'batch.published') return null;
    return handOffCounts(
      this.view.jobs[0]?.counts ?? {},
      local.view(this.position).jobs[0]?.counts ?? {},
    );
  });
  /** Simulated time shown by the picture: between the last step done and the next one. */
  readonly displayTime = $derived.by(() => {
    const simulation = this.simulation;
    if (!simulation || !this.view) return 0;
    if (!this.incoming) return this.view.time;
    const from = this.view.time;
    return from + (simulation.timeOf(this.position) - from) * this.progress;
  });
  /** What the last branch did, wherever the playhead is (the narration keeps room for it). */
  readonly branchText = $derived(this.#branch?.text ?? null);
  readonly branchNote = $derived(
    this.#branch && this.#branch.position === this.position ? this.#branch.text : null,
  );
  readonly report = $derived(this.simulation?.report() ?? null);
  readonly answerRows = $derived(
    this.report && this.view ? markAnswered(this.report.answers, this.view.answers) : [],
  );
  readonly recentSteps = $derived.by(() => {
    const local = this.#local;
    if (!local) return this.#frame?.recentSteps ?? [];
    return recentStepIndexes(this.position, RECENT_STEPS).map((i) => this.#stepInfo(local, i));
  });
  readonly lineage = $derived.by(() => {
    const local = this.#local;
    if (!local) return this.#frame?.lineage ?? null;
    return this.selectedDay && this.view?.days.some((d) => d.day === this.selectedDay)
      ? local.lineage(this.position - 1, this.selectedDay)
      : null;
  });
  /** Why each shown day's served number differs from truth (all days, or the latest few). */
  readonly explanations = $derived.by(() => {
    const local = this.#local;
    if (!local) return this.#frame?.explanations ?? [];
    if (!this.view) return [];
    return shownDays(this.view.days, this.selectedDay).map((day) =>
      local.explain(this.position - 1, day),
    );
  });

  /**
   * Parses and runs a scenario. On any problem the current simulation stays exactly as it was
   * (same run, same step) and the problems are kept for the page to show.
   */
  run(
    text: string,
    source: ScenarioSource,
    startAt: StartAt = { kind: 'start' },
    onLoaded?: () => void,
  ): boolean {
    this.cancelBuild();
    if (!this.#workerless && typeof Worker !== 'undefined' && buildsInWorker(text)) {
      this.#buildInWorker(text, source, startAt, onLoaded);
      return true;
    }
    const parsed = this.#reader.parse(text);
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
    this.#remote?.dispose();
    this.#remote = null;
    this.#frame = null;
    this.#local = simulation;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.#infos = new Map();
    this.#install(simulation, parsed.scenario, parsed.input, source, startAt);
    this.eventCount = parsed.scenario.events.length;
    onLoaded?.();
    return true;
  }

  #install(
    simulation: RunHandle,
    scenario: Scenario,
    input: ScenarioInput,
    source: ScenarioSource,
    startAt: StartAt,
  ): void {
    this.simulation = simulation;
    this.scenario = scenario;
    this.input = input;
    this.source = source;
    this.problems = [];
    this.#branch = null;
    const position =
      startAt.kind === 'start'
        ? 0
        : startAt.kind === 'before'
          ? simulation.stepsBefore(startAt.time)
          : sharedSteps(startAt.previous, simulation, startAt.position);
    this.loadSteps(simulation.stepCount, position);
  }

  #buildInWorker(
    text: string,
    source: ScenarioSource,
    startAt: StartAt,
    onLoaded?: () => void,
  ): void {
    const startedAt = performance.now();
    this.building = {
      steps: 0,
      estimatedSteps: 0,
      appended: 0,
      records: 0,
      startedAt,
      elapsed: 0,
    };
    // The worker client loads with the first run too big for the page (lessons never need it).
    let started: { cancel(): void } | null = null;
    let cancelled = false;
    const build = {
      cancel: () => {
        cancelled = true;
        started?.cancel();
      },
    };
    this.#build = build;
    void import('./worker/build-client.ts').then(
      ({ startBuild }) => {
        if (cancelled || this.#build !== build) return;
        started = startBuild(text, {
          progress: (progress) => {
            if (this.#build !== build) return;
            this.building = { ...progress, startedAt, elapsed: performance.now() - startedAt };
          },
          problems: (problems) => {
            if (this.#build !== build) return;
            this.#build = null;
            this.building = null;
            this.problems = problems;
          },
          built: (run, built) => {
            if (this.#build !== build) return run.dispose();
            this.#build = null;
            this.building = null;
            this.#remote?.dispose();
            this.#local = null;
            this.#frame = null;
            this.#remote = run;
            this.#install(run, built.scenario, built.input, source, startAt);
            this.eventCount = built.eventCount;
            onLoaded?.();
            this.#wantFrame();
          },
          frame: (frame) => {
            if (this.#remote) this.#frame = frame;
          },
          unavailable: () => {
            if (this.#build !== build) return;
            this.#workerless = true;
            this.#build = null;
            this.building = null;
            this.run(text, source, startAt, onLoaded);
          },
        });
      },
      () => {
        // The client could not load (offline, a moved build): build on the page instead.
        if (cancelled || this.#build !== build) return;
        this.#workerless = true;
        this.#build = null;
        this.building = null;
        this.run(text, source, startAt, onLoaded);
      },
    );
  }

  /** Stops building a run in the worker; the run on screen stays as it was. */
  cancelBuild(): void {
    this.#build?.cancel();
    this.#build = null;
    this.building = null;
  }

  /**
   * Runs an edited copy of the current input from the simulated moment on screen (a fork: the
   * old future is dropped). `exact` keeps every step already done at that moment; otherwise the
   * run resumes just before it. `keep` holds the playhead on the step on screen (the steps up
   * to it are unchanged), so that what was injected just after it is next.
   */
  branch(input: ScenarioInput, note: string, exact: boolean | 'keep'): boolean {
    const time = this.view?.time;
    const previous = this.simulation;
    if (time === undefined || !previous) return false;
    const text = JSON.stringify(input, null, 2);
    const startAt: StartAt =
      exact === 'keep'
        ? { kind: 'keep', position: this.position, previous }
        : exact && this.position === 0
          ? { kind: 'start' }
          : { kind: 'before', time: exact ? time + 1 : time };
    const note_ = `Branched: ${note}`;
    const loaded = () => (this.#branch = { text: note_, position: this.position });
    if (!this.run(text, { kind: 'custom' }, startAt, loaded)) return false;
    this.draft = text;
    return true;
  }

  /**
   * Adds a signup or a fault just after the step on screen (1 ms after its simulated time, so
   * that it follows every step already seen) and runs from there, keeping the playhead on that
   * step: the injected step comes next (after any other steps of the same millisecond).
   */
  inject(injection: Injection, note: string): boolean {
    const input = this.input;
    const time = this.view?.time;
    const into = this.#reader.inject;
    if (!input || time === undefined || !into) return false;
    let next: ScenarioInput;
    try {
      next = into(input, injection, time + 1);
    } catch (error) {
      this.problems = [error instanceof Error ? error.message : String(error)];
      return false;
    }
    return this.branch(next, note, 'keep');
  }

  selectDay(day: string | null): void {
    this.selectedDay = day;
    this.#wantFrame();
  }

  /** Moves by `ms` of simulated time (an hour, a day; negative: back). */
  jumpBy(ms: number): void {
    if (!this.simulation) return;
    this.seek(jumpBy(this.simulation.recordedSteps, this.position, ms));
  }
  /** Moves to just after the next (or previous) batch run, crash, deploy or query, if any. */
  jumpTo(which: Moment, direction: 1 | -1): boolean {
    if (!this.simulation) return false;
    const target = moment(this.simulation.recordedSteps, this.position, which, direction);
    if (target === null) return false;
    this.seek(target);
    return true;
  }
}
