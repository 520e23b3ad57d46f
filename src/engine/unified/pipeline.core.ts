/**
 * The unified (Dataflow-style) pipeline's own state and work, without a clock or a schedule of
 * its own: whoever drives it (the headless `UnifiedEngine` in `pipeline.ts`, or the browser's
 * shared engine through `arch/unified/`) appends records, crashes and recovers it, answers
 * queries, and asks it what it can do next (`offer`) and to do it (`perform`). One code path for
 * a bounded run (the watermark reaches "end" at the scenario's end) and an unbounded one.
 * Rules: MODEL.md "Contract: unified" and docs/engine.md "Unified".
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { Scenario } from '../scenario/scenario.types.ts';
import type { World } from '../world/world.ts';
import { PipelineState } from './pipeline.state.ts';
import { advanceWatermark, nextWatermarkTime, watermarkDue } from './pipeline.watermark.ts';
import { expire, fire, process } from './pipeline.work.ts';
import { UnifiedTruth } from './truth.ts';
import { pipelineMachine } from './unified.machine.ts';
import { FATE, U, type Pane } from './unified.types.ts';
import { Windowing } from './window.logic.ts';

export type PipelineSnapshot = SnapshotFrom<typeof pipelineMachine>;

export interface SinkEntry {
  value: number;
  panes: number;
  /** The window's accumulated value when its last pane fired (what a correct sink holds). */
  last: number;
  /** Records processed (input position) when its last pane fired: the window's records before
   * it are in that pane. Panes are checkpointed at once, so a crash never rolls back below it. */
  position: number;
}

/** Offers one possible occurrence: time, kind (a `U` code), subject, same-kind tie-break. */
export type Consider = (t: number, kind: number, subject: number, tie: number) => void;

export class UnifiedPipeline {
  readonly world: World;
  readonly scenario: Scenario;
  readonly windowing: Windowing;
  /** Per record index: the earliest event time of records from it on (perfect watermark). */
  readonly suffixMin: Float64Array;
  now: number;
  appended = 0;
  state: PipelineState;
  machine: PipelineSnapshot;
  watermark = -Infinity;
  /** The input position when the watermark was last stepped. */
  watermarkPosition = 0;
  /** [processing time, watermark] at each change, for a stepped line. */
  watermarkLine: [number, number][] = [];
  /** Per partition: arrival of its latest record in the log (scenario start before any). */
  lastAppend: Float64Array;
  idle: Uint8Array;
  /** Periodic checkpoint due at this tick (Infinity: nothing changed since the last one). */
  nextCheckpointAt = Infinity;
  /** A checkpoint is due now: a pane fired, or the watermark passed a window's end or horizon. */
  checkpointNow = false;
  checkpoints = 0;
  /** The sink (outside the pipeline: never rolled back): per window start. */
  sink = new Map<number, SinkEntry>();
  panes: Pane[] = [];
  /** Per record: its fate when last processed, an index into `FATES` of unified.view.ts. */
  recordFate: Uint8Array;
  truth: UnifiedTruth;

  constructor(world: World, copy?: UnifiedPipeline) {
    this.world = world;
    this.scenario = world.scenario;
    const s = this.scenario;
    if (copy) {
      this.windowing = copy.windowing;
      this.suffixMin = copy.suffixMin;
      this.now = copy.now;
      this.appended = copy.appended;
      this.state = copy.state.clone();
      this.machine = copy.machine;
      this.watermark = copy.watermark;
      this.watermarkPosition = copy.watermarkPosition;
      this.watermarkLine = copy.watermarkLine.slice();
      this.lastAppend = copy.lastAppend.slice();
      this.idle = copy.idle.slice();
      this.nextCheckpointAt = copy.nextCheckpointAt;
      this.checkpointNow = copy.checkpointNow;
      this.checkpoints = copy.checkpoints;
      this.sink = new Map([...copy.sink].map(([k, e]) => [k, { ...e }]));
      this.panes = copy.panes.slice();
      this.recordFate = copy.recordFate.slice();
      this.truth = copy.truth;
      return;
    }
    this.windowing = new Windowing(s.unified.window, s.timeZone);
    const n = world.recordCount;
    this.suffixMin = new Float64Array(n + 1).fill(Infinity);
    for (let i = n - 1; i >= 0; i--) {
      this.suffixMin[i] = Math.min(this.suffixMin[i + 1], world.eventTime[world.recEvent[i]]);
    }
    this.now = s.start;
    this.state = new PipelineState(world.users.length, world.eventCount, s.log.partitions);
    this.machine = initialTransition(pipelineMachine)[0];
    this.lastAppend = new Float64Array(s.log.partitions).fill(s.start);
    this.idle = new Uint8Array(s.log.partitions);
    this.truth = new UnifiedTruth(world, this.windowing);
    this.recordFate = new Uint8Array(n);
  }

  clonePipeline(): UnifiedPipeline {
    return new UnifiedPipeline(this.world, this);
  }

  get running(): boolean {
    return this.machine.value !== 'crashed';
  }

  /** The occurrences the pipeline itself can perform next (not appends, crashes or queries). */
  offer(consider: Consider): void {
    const w = this.world;
    const now = this.now;
    const wm = this.scenario.unified.watermark;
    if (wm.kind === 'heuristic' && wm.idleAfter !== null) {
      for (let p = 0; p < this.idle.length; p++) {
        if (!this.idle[p])
          consider(Math.max(now, this.lastAppend[p] + wm.idleAfter), U.PartitionIdle, p, p);
      }
    }
    if (!this.running) return;
    const st = this.state;
    if (st.position < this.appended) {
      const arrival = w.recArrival[st.position];
      consider(arrival > now ? arrival : now, U.RecordProcessed, st.position, 0);
    }
    if (this.machine.value === 'recovering' && st.position >= this.machine.context.highWater) {
      consider(now, U.PipelineCaughtUp, -1, 0);
    }
    if (watermarkDue(this, now)) consider(now, U.WatermarkAdvanced, -1, 0);
    else {
      const t = nextWatermarkTime(this);
      if (t !== Infinity) consider(t, U.WatermarkAdvanced, -1, 0);
    }
    this.offerWindows(consider);
    if (this.checkpointNow) consider(now, U.StateCheckpointed, -1, 0);
    else if (this.nextCheckpointAt !== Infinity) {
      consider(Math.max(now, this.nextCheckpointAt), U.StateCheckpointed, -1, 0);
    }
  }

  private offerWindows(consider: Consider): void {
    const u = this.scenario.unified;
    const now = this.now;
    for (const win of this.state.windows.values()) {
      const state = win.machine.value;
      if (this.watermark >= win.end + u.allowedLateness) {
        consider(now, U.WindowExpired, win.start, win.start);
      }
      if (state === 'open' && this.watermark >= win.end) {
        // On time: a pane when the watermark passes the end (even if empty), else just the change.
        consider(now, U.PaneFired, win.start, win.start);
        continue;
      }
      if (win.pending === 0) continue;
      const trigger = this.watermark >= win.end ? u.triggers.late : u.triggers.early;
      if (trigger?.kind === 'per-element') consider(now, U.PaneFired, win.start, win.start);
      else if (win.timer !== Infinity)
        consider(Math.max(now, win.timer), U.PaneFired, win.start, win.start);
    }
  }

  /** Performs one occurrence it offered, at `now`; returns the kind done (a drop for a record). */
  perform(kind: number, subject: number): number {
    switch (kind) {
      case U.RecordProcessed: {
        const r = this.state.position;
        const fate = process(this);
        this.recordFate[r] = fate;
        this.changed();
        return fate === FATE.dropped ? U.RecordDropped : kind;
      }
      case U.PipelineCaughtUp:
        this.machine = transition(pipelineMachine, this.machine, { type: 'pipeline.caught-up' })[0];
        break;
      case U.PartitionIdle:
        this.idle[subject] = 1;
        break;
      case U.WatermarkAdvanced:
        advanceWatermark(this);
        break;
      case U.PaneFired:
        fire(this, subject);
        break;
      case U.WindowExpired:
        expire(this, subject);
        break;
      case U.StateCheckpointed:
        this.state.checkpoint();
        this.checkpoints++;
        this.checkpointNow = false;
        this.nextCheckpointAt = Infinity;
        break;
      default:
        throw new Error(`the pipeline performs no step of kind ${kind}`);
    }
    return kind;
  }

  /** Something changed since the last checkpoint: a periodic checkpoint falls due. */
  private changed(): void {
    if (this.nextCheckpointAt === Infinity) {
      const every = this.scenario.unified.checkpointEvery;
      this.nextCheckpointAt = Math.floor(this.now / every) * every + every;
    }
  }

  /** The next record reached the log (at `now`): its partition is active again. */
  append(): void {
    const p = this.world.recPartition[this.appended];
    this.lastAppend[p] = this.now;
    this.idle[p] = 0;
    this.appended++;
  }

  /**
   * A crash (exactly-once): the state rolls back to the last checkpoint; the sink and the panes
   * already emitted stay. False when the pipeline was already down (nothing changes).
   */
  crash(): boolean {
    if (!this.running) return false;
    this.machine = transition(pipelineMachine, this.machine, {
      type: 'pipeline.crashed',
      processedBefore: this.state.position,
    })[0];
    const before = this.state.position;
    this.state.rollBack();
    // Processed again after the recovery: back to waiting in the log.
    this.recordFate.fill(FATE.inLog, this.state.position, before);
    this.checkpointNow = false;
    this.nextCheckpointAt = Infinity;
    return true;
  }

  recover(): void {
    this.machine = transition(pipelineMachine, this.machine, { type: 'pipeline.recovered' })[0];
  }

  /** What the sink holds for a local day (windows starting that day) and how many panes. */
  servedOn(day: number): { served: number; panes: number } {
    let served = 0;
    let panes = 0;
    for (const [start, entry] of this.sink) {
      if (this.windowing.dayOf(start) !== day) continue;
      served += entry.value;
      panes += entry.panes;
    }
    return { served, panes };
  }
}
