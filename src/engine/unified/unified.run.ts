/**
 * Running a unified scenario: headless (`runUnified`, the `simulate` command's report with
 * `panes` and `dropped` after `answers`) and seekable (`UnifiedRun`: every step's kind, time and
 * subject in flat columns, a copy of the state every `interval` steps, any step reached again by
 * replaying from the nearest copy; the engine is deterministic, so replayed steps are the same).
 */
import type { Scenario } from '../scenario/scenario.types.ts';
import type { Report } from '../simulation/simulation.types.ts';
import { isoTime } from '../time/time.logic.ts';
import { buildWorld, type World } from '../world/world.ts';
import { UnifiedEngine } from './pipeline.ts';
import { unifiedView, type UnifiedView } from './unified.view.ts';
import {
  UNIFIED_KIND_NAMES,
  type Pane,
  type PaneReport,
  type UnifiedStepKind,
} from './unified.types.ts';

export function paneReport(p: Pane): PaneReport {
  return {
    window: [isoTime(p.start), isoTime(p.end)],
    at: isoTime(p.at),
    timing: p.timing,
    index: p.index,
    value: p.value,
    ...(p.retracts !== null ? { retracts: p.retracts } : {}),
  };
}

function reportOf(scenario: Scenario, engine: UnifiedEngine, steps: number): Report {
  return {
    name: scenario.name,
    architecture: scenario.architecture,
    steps,
    answers: engine.answers,
    panes: engine.panes.map(paneReport),
    dropped: engine.state.dropped,
  };
}

/** Runs a unified scenario to its end, keeping nothing but the report. */
export function runUnified(scenario: Scenario): Report {
  const engine = new UnifiedEngine(buildWorld(scenario));
  let steps = 0;
  while (engine.step()) steps++;
  return reportOf(scenario, engine, steps);
}

export interface UnifiedStep {
  index: number;
  kind: UnifiedStepKind;
  time: number;
  /** Record index, window start, partition, fault or query index, by kind (−1: none). */
  subject: number;
}

/** A whole unified run, kept so that any step can be reached again (back and forward). */
export class UnifiedRun {
  readonly world: World;
  private kinds: number[] = [];
  private times: number[] = [];
  private subjects: number[] = [];
  /** The watermark after each step. */
  private watermarks: number[] = [];
  private readonly snapshots: UnifiedEngine[] = [];
  private readonly final: UnifiedEngine;
  private cursor: UnifiedEngine;

  private constructor(
    readonly scenario: Scenario,
    private readonly interval: number,
  ) {
    this.world = buildWorld(scenario);
    const engine = new UnifiedEngine(this.world);
    this.snapshots.push(engine.clone());
    while (engine.step()) {
      this.kinds.push(engine.lastKind);
      this.times.push(engine.lastTime);
      this.subjects.push(engine.lastSubject);
      this.watermarks.push(engine.watermark);
      if (this.kinds.length % interval === 0) this.snapshots.push(engine.clone());
    }
    this.final = engine;
    this.cursor = this.snapshots[0].clone();
  }

  static create(scenario: Scenario, interval = 64): UnifiedRun {
    return new UnifiedRun(scenario, interval);
  }

  get stepCount(): number {
    return this.kinds.length;
  }

  step(i: number): UnifiedStep {
    if (!Number.isInteger(i) || i < 0 || i >= this.stepCount) throw new RangeError(`no step ${i}`);
    return {
      index: i,
      kind: UNIFIED_KIND_NAMES[this.kinds[i]],
      time: this.times[i],
      subject: this.subjects[i],
    };
  }

  /** The engine state after `count` steps (read it, never keep or change it). */
  stateAfter(count: number): UnifiedEngine {
    if (!Number.isInteger(count) || count < 0 || count > this.stepCount) {
      throw new RangeError(`no state after ${count} steps`);
    }
    if (count === this.stepCount) return this.final;
    const k = Math.floor(count / this.interval);
    if (!(this.cursor.executed <= count && this.cursor.executed >= k * this.interval)) {
      this.cursor = this.snapshots[k].clone();
    }
    while (this.cursor.executed < count) this.cursor.step();
    return this.cursor;
  }

  /** What the picture reads after step i (i = −1: before the first step). */
  view(i: number): UnifiedView {
    const line: [number, number][] = [];
    let last = -Infinity;
    for (let k = 0; k <= i; k++) {
      if (this.watermarks[k] !== last) line.push([this.times[k], this.watermarks[k]]);
      last = this.watermarks[k];
    }
    return unifiedView(this.stateAfter(i + 1), line);
  }

  report(): Report {
    return reportOf(this.scenario, this.final, this.stepCount);
  }
}
