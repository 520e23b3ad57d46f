/**
 * A whole run, kept so that any step can be reached again. The run is computed eagerly: every
 * step's kind, time, subject and job go into flat columns, and a copy of the engine's state is
 * kept every `interval` steps (the interval doubles when the copies would exceed a memory
 * budget). Reaching step i restores the nearest earlier copy and replays forward; the engine is
 * deterministic, so the replayed steps are the recorded ones.
 */
import type { Scenario } from '../scenario/scenario.types.ts';
import { buildWorld, type World } from '../world/world.ts';
import { Engine } from './engine.ts';
import { explainDay, lineageOf } from './explain.ts';
import type { UnifiedArchitecture } from '../arch/unified/unified.arch.ts';
import { describeStep, stepMotion, recordInfo } from './narrate.ts';
import { selectDays, selectView } from './select.ts';
import type {
  Explanation,
  Lineage,
  RecordInfo,
  Report,
  ServedDay,
  SimulationView,
  StepInfo,
  StepKind,
} from './simulation.types.ts';
import { parseDayKey } from '../time/time.logic.ts';
import { kindCode, STEP_KINDS } from './step-kinds.ts';
import type { StepFact } from './step-facts.ts';
import { headlessRunner } from '../arch/index.ts';
import { truthIndex } from './truth.index.ts';

export interface SimulationOptions {
  /** Memory budget for checkpoints, bytes (default 256 MB). */
  checkpointBudget?: number;
  /** Initial checkpoint interval in steps (default 64). */
  checkpointInterval?: number;
  /** How far before a long replay's target a copy is left (default 256; tests make it small). */
  nearCopy?: number;
  /**
   * Called every `progressEvery` steps while the run is built (a worker reports it to the page):
   * steps done, the estimated total, and records appended to the log so far.
   */
  onProgress?: (progress: BuildProgress) => void;
  progressEvery?: number;
  /**
   * Called once the world is built, before the first step: from then on the engine reads the
   * world, not the scenario's event objects (except the unified architecture's `sum`), so a
   * host can let a big run's events go before the run's states and columns fill its memory.
   */
  onWorld?: (world: World) => void;
}

/** A run's step kinds and times: step i's time is `timeBase + times[i]`. */
export interface StepTimes {
  kinds: Uint8Array;
  times: Uint32Array | Float64Array;
  timeBase: number;
}

export interface BuildProgress {
  steps: number;
  /** Estimated steps in the whole run (about three per record per job; a guess, not a bound). */
  estimatedSteps: number;
  /** Records appended to the log so far, of `records`. */
  appended: number;
  records: number;
}

/**
 * Every step's kind (as its code in `STEP_KINDS`) and time, in flat growable columns. Step i's
 * time is `base + time[i]`: whole milliseconds after the scenario's start in a `Uint32Array`
 * (half the memory of 64-bit times: 60 MB less for a 5,000,000-event run's 15 million steps),
 * until a time is not a whole number of milliseconds or is 49 days or more after the start (a
 * Kappa replay's paced reads can fall between milliseconds); then the times themselves, in a
 * `Float64Array`, with `base` 0.
 */
class Columns {
  kind: Uint8Array;
  time: Uint32Array | Float64Array;
  base: number;
  /** Whether `time` holds offsets from `base` (a `Uint32Array`). */
  offsets = true;
  length = 0;

  /**
   * Sized from the run's estimate, so that a big run rarely copies its columns to grow.
   * `released`: empty columns that stand for ones handed over (reading them is a mistake).
   */
  constructor(
    capacity: number,
    base: number,
    readonly released = false,
  ) {
    const n = released ? 0 : Math.max(1024, Math.ceil(capacity));
    this.kind = new Uint8Array(n);
    this.time = new Uint32Array(n);
    this.base = base;
  }

  push(kind: number, time: number): void {
    if (this.length === this.kind.length) this.grow();
    const i = this.length++;
    this.kind[i] = kind;
    let column = this.time;
    if (this.offsets) {
      const offset = time - this.base;
      if (Number.isInteger(offset) && offset >= 0 && offset <= 0xffffffff) {
        column[i] = offset;
        return;
      }
      column = this.widen();
    }
    column[i] = time;
  }

  /** From offsets to the times themselves (exact: the offsets are whole milliseconds). */
  private widen(): Float64Array {
    const time = new Float64Array(this.kind.length);
    for (let k = 0; k < this.length - 1; k++) time[k] = this.base + this.time[k];
    this.time = time;
    this.base = 0;
    this.offsets = false;
    return time;
  }

  private grow(): void {
    const n = Math.ceil(this.kind.length * 1.5);
    const kind = new Uint8Array(n);
    kind.set(this.kind);
    const time = this.offsets ? new Uint32Array(n) : new Float64Array(n);
    time.set(this.time);
    Object.assign(this, { kind, time });
  }
}

/**
 * A first guess at the checkpoint interval: 64 steps, or more when the run is so large that
 * copies every 64 steps would overflow the budget (about three steps per record per job, plus a
 * replay's two per record for each deploy; the state grows as it runs, so aim at a quarter).
 */
function initialInterval(world: World, stateBytes: number, budget: number): number {
  const steps = estimateSteps(world);
  const copies = Math.max(8, Math.floor(budget / 4 / Math.max(stateBytes, 1)));
  return Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(1, steps / copies))));
}

/** About three steps per record per job, plus a replay's two per record for each deploy. */
function estimateSteps(world: World): number {
  const s = world.scenario;
  const deploys =
    s.architecture === 'kappa' ? s.faults.filter((f) => f.kind === 'deploy').length : 0;
  return world.recordCount * (3 + 2 * deploys) + s.queries.length;
}

export class Simulation {
  readonly world: World;
  readonly scenario: Scenario;
  private columns: Columns;
  /** Steps in the run (the columns' length, kept when they are handed over). */
  private readonly steps: number;
  /** checkpoints[k] is the state after k × interval steps. */
  private checkpoints: Engine[] = [];
  private interval: number;
  private cursor: Engine;
  private final: Engine;
  /** A copy left by the last long replay, `nearCopy` steps before where it went. */
  private near: Engine | null = null;
  private readonly nearCopy: number;

  private constructor(scenario: Scenario, options: SimulationOptions) {
    this.scenario = scenario;
    this.nearCopy = Math.max(1, options.nearCopy ?? 256);
    this.world = buildWorld(scenario);
    options.onWorld?.(this.world);
    const budget = options.checkpointBudget ?? 256 * 1024 * 1024;
    const engine = new Engine(this.world);
    // Every copy of the state reads one shared array to tell a user's first event (the one that
    // explanations index anyway) rather than holding its own `seenUser`.
    engine.truth.shareFirstKept(truthIndex(this.world, engine.truth.table).firstAt);
    this.interval = options.checkpointInterval ?? initialInterval(this.world, engine.bytes, budget);
    this.checkpoints.push(engine.clone());
    const estimatedSteps = estimateSteps(this.world);
    this.columns = new Columns(estimatedSteps * 1.05 + 64, scenario.start);
    const cols = this.columns;
    const onProgress = options.onProgress;
    const every = Math.max(1, options.progressEvery ?? 65_536);
    let appended = 0;
    let sinceCheckpoint = 0;
    while (engine.step()) {
      const kind = engine.last!.kind;
      cols.push(kindCode(kind), engine.lastTime);
      if (kind === 'record.appended') appended++;
      if (onProgress && cols.length % every === 0) {
        const records = this.world.recordCount;
        onProgress({ steps: cols.length, estimatedSteps, appended, records });
      }
      if (++sinceCheckpoint === this.interval) {
        sinceCheckpoint = 0;
        this.checkpoints.push(engine.clone());
        if (this.checkpoints.length * engine.bytes > budget && this.checkpoints.length > 8) {
          this.checkpoints = this.checkpoints.filter((_, k) => k % 2 === 0);
          this.interval *= 2;
          sinceCheckpoint = cols.length - (this.checkpoints.length - 1) * this.interval;
        }
      }
    }
    this.final = engine;
    this.steps = cols.length;
    this.cursor = this.checkpoints[0].clone();
  }

  /** Runs a scenario to its end and keeps what is needed to revisit every step. */
  static create(scenario: Scenario, options: SimulationOptions = {}): Simulation {
    return new Simulation(scenario, options);
  }

  get stepCount(): number {
    return this.steps;
  }

  /** The engine state after `count` steps (a private copy the caller must not keep). */
  private stateAfter(count: number): Engine {
    if (count < 0 || count > this.stepCount) throw new RangeError(`no step ${count - 1}`);
    if (count === this.stepCount) return this.final;
    const k = Math.min(Math.floor(count / this.interval), this.checkpoints.length - 1);
    let from = this.checkpoints[k];
    const near = this.near;
    if (near && near.executed <= count && near.executed > from.executed) from = near;
    if (!(this.cursor.executed <= count && this.cursor.executed >= from.executed)) {
      this.cursor = from.clone();
    }
    // A long replay leaves a copy shortly before its target: stepping back from there (Previous
    // step, the recent steps' narration) then replays a few hundred steps, not the interval.
    if (count - this.cursor.executed > 2 * this.nearCopy) {
      while (this.cursor.executed < count - this.nearCopy) this.cursor.step();
      this.near = this.cursor.clone();
    }
    while (this.cursor.executed < count) this.cursor.step();
    return this.cursor;
  }

  /**
   * Everything about step i (0-based): kind, time, narration, motion. Read from the fact step i
   * left and the state just after it: no clone, and no replay when the cursor is already there.
   */
  stepInfo(i: number): StepInfo {
    const after = this.stateAfter(this.checkedStep(i) + 1);
    const fact = after.last!;
    const jobIndex = 'job' in fact ? fact.job : undefined;
    const job =
      jobIndex === undefined ? undefined : jobIndex >= 0 ? after.jobs[jobIndex]?.name : 'batch';
    const record = 'record' in fact ? recordInfo(this.world, fact.record) : undefined;
    const motion = stepMotion(after, after.jobs, fact);
    // The fact's kind and the state's time are what the columns recorded for step i (the host
    // hands the columns to the page and keeps none).
    return {
      index: i,
      kind: fact.kind,
      time: after.lastTime,
      ...(job !== undefined ? { job } : {}),
      ...(record ? { record } : {}),
      description: describeStep(after, after.arch, fact),
      ...(motion ? { motion } : {}),
    };
  }

  /** The typed fact of step i (what it did). */
  factOf(i: number): StepFact {
    return this.stateAfter(this.checkedStep(i) + 1).last!;
  }

  private checkedStep(i: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.stepCount) throw new RangeError(`no step ${i}`);
    return i;
  }

  /** The state after step i (i = −1: before the first step), as the visuals read it. */
  view(i: number): SimulationView {
    return selectView(this.stateAfter(i + 1), i);
  }

  /**
   * Served and truth of every day after step i: the same as `view(i).days`, without selecting
   * the rest of the view (what a chart of answers over time reads at every step).
   */
  days(i: number): ServedDay[] {
    return selectDays(this.stateAfter(i + 1));
  }

  /** The records behind the served number of `day` (`YYYY-MM-DD`) after step i. */
  lineage(i: number, day: string): Lineage {
    return lineageOf(this.stateAfter(i + 1), this.dayIndex(day));
  }

  /** Why served differs from truth for `day` after step i (reasons add up to the difference). */
  explain(i: number, day: string): Explanation {
    return explainDay(this.stateAfter(i + 1), this.dayIndex(day));
  }

  /**
   * A unified run's window (by its start) after step i: its sink value, the truth of its events,
   * and why they differ (as `explain`); null for another architecture, or before the unified
   * explanations are installed (`installUnifiedReasons`, loaded on demand).
   */
  explainWindow(i: number, start: number): Omit<Explanation, 'day'> | null {
    const e = this.stateAfter(i + 1);
    return e.arch.kind === 'unified'
      ? (e.arch as UnifiedArchitecture).explainWindow(e, start)
      : null;
  }

  /** How many steps happen strictly before simulated time t (the position to branch at). */
  stepsBefore(t: number): number {
    const { time, base } = this.kept();
    const offset = t - base;
    let lo = 0;
    let hi = this.stepCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (time[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private dayIndex(day: string): number {
    const n = parseDayKey(day);
    if (n === null) throw new RangeError(`not a day: ${day}`);
    return n - this.world.dayBase;
  }

  record(index: number): RecordInfo {
    return recordInfo(this.world, index);
  }

  /** Kind of step i without replaying anything. */
  kindOf(i: number): StepKind {
    return STEP_KINDS[this.kept().kind[i]];
  }

  timeOf(i: number): number {
    const columns = this.kept();
    return columns.base + columns.time[i];
  }

  report(): Report {
    return {
      name: this.scenario.name,
      architecture: this.scenario.architecture,
      steps: this.stepCount,
      answers: this.final.answersInQueryOrder(),
      ...this.final.arch.report?.(),
    };
  }

  /**
   * Copies of the step-kind and step-time columns (what the page needs to place steps on a time
   * line and to navigate without asking a worker). Step i's time is `timeBase + times[i]`.
   */
  stepColumns(): StepTimes {
    const { kinds, times, timeBase } = this.recordedSteps;
    return { kinds: kinds.slice(), times: times.slice(), timeBase };
  }

  /**
   * Hands the step-kind and step-time columns over (views on their buffers, no copy: a worker
   * transfers them to the page) and keeps none. Afterwards views, narration, lineage and
   * explanations still answer; `kindOf`, `timeOf`, `stepsBefore` and the columns do not.
   */
  releaseStepColumns(): StepTimes {
    const { kinds, times, timeBase } = this.recordedSteps;
    this.columns = new Columns(0, 0, true);
    return { kinds, times, timeBase };
  }

  private kept(): Columns {
    if (this.columns.released) throw new Error('the step columns were handed over');
    return this.columns;
  }

  /**
   * The step kinds and times as they are recorded (views, not copies: do not modify). Step i's
   * time is `timeBase + times[i]` (`timeOf(i)`).
   */
  get recordedSteps(): StepTimes & { length: number } {
    const n = this.stepCount;
    const columns = this.kept();
    return {
      kinds: columns.kind.subarray(0, n),
      times: columns.time.subarray(0, n),
      timeBase: columns.base,
      length: n,
    };
  }

  /** Number of checkpoints and their interval (for benchmarks). */
  get checkpointStats(): { count: number; interval: number } {
    return { count: this.checkpoints.length, interval: this.interval };
  }
}

/** Runs a scenario headless, keeping nothing but the answers (the `simulate` command). */
export function runScenario(scenario: Scenario): Report {
  const own = headlessRunner(scenario); // the unified pipeline's own run
  if (own) return own(scenario);
  const engine = new Engine(buildWorld(scenario));
  engine.facts = false; // nothing reads them: the report is the answers
  let steps = 0;
  while (engine.step()) steps++;
  return {
    name: scenario.name,
    architecture: scenario.architecture,
    steps,
    answers: engine.answersInQueryOrder(),
  };
}
