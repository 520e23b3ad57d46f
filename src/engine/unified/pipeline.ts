/**
 * The unified (Dataflow-style) pipeline as a deterministic step engine: `step()` performs exactly
 * one thing that happens next in simulated time (a record appended or processed, a partition
 * going idle, the watermark advancing, a pane firing, a window expiring, a checkpoint, a crash or
 * recovery, a query answered). The same code runs a bounded run (`unified.bounded`: the
 * watermark reaches "end" at the scenario's end) and an unbounded one. Rules: MODEL.md
 * "Contract: unified" and docs/engine.md "Unified".
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { WATERMARK_END, type Fault, type Scenario } from '../scenario/scenario.types.ts';
import { dayKey, isoTime, resolveDay } from '../time/time.logic.ts';
import type { World } from '../world/world.ts';
import { newWindow, PipelineState, type WindowState } from './pipeline.state.ts';
import { UnifiedTruth } from './truth.ts';
import { pipelineMachine, windowMachine } from './unified.machine.ts';
import { U, type Pane, type PaneTiming } from './unified.types.ts';
import { alignUp, Windowing } from './window.logic.ts';

/** Record fates, as indices into `FATES` (unified.view.ts). */
const FATE = { inLog: 0, onTime: 1, late: 2, dropped: 3, skipped: 4 } as const;

type PipelineSnapshot = SnapshotFrom<typeof pipelineMachine>;

export interface UnifiedAnswer {
  at: string;
  day: string;
  served: number;
  truth: number;
  parts: { panes: number };
}

interface SinkEntry {
  value: number;
  panes: number;
}

export class UnifiedEngine {
  readonly world: World;
  readonly scenario: Scenario;
  readonly windowing: Windowing;
  private readonly crashes: Fault[];
  private readonly queries: number[];
  /** Per record index: the earliest event time of records from it on (perfect watermark). */
  private readonly suffixMin: Float64Array;
  now: number;
  executed = 0;
  appended = 0;
  state: PipelineState;
  machine: PipelineSnapshot;
  watermark = -Infinity;
  /** The input position when the watermark was last stepped. */
  watermarkPosition = 0;
  /** Per partition: arrival of its latest record in the log (scenario start before any). */
  lastAppend: Float64Array;
  idle: Uint8Array;
  crashPosition = 0;
  recoverAt = Infinity;
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
  queryPosition = 0;
  answers: UnifiedAnswer[] = [];
  truth: UnifiedTruth;
  lastKind = -1;
  lastTime = 0;
  lastSubject = -1;

  constructor(world: World, copy?: UnifiedEngine) {
    this.world = world;
    this.scenario = world.scenario;
    const s = this.scenario;
    if (copy) {
      this.windowing = copy.windowing;
      this.crashes = copy.crashes;
      this.queries = copy.queries;
      this.suffixMin = copy.suffixMin;
      this.now = copy.now;
      this.executed = copy.executed;
      this.appended = copy.appended;
      this.state = copy.state.clone();
      this.machine = copy.machine;
      this.watermark = copy.watermark;
      this.watermarkPosition = copy.watermarkPosition;
      this.lastAppend = copy.lastAppend.slice();
      this.idle = copy.idle.slice();
      this.crashPosition = copy.crashPosition;
      this.recoverAt = copy.recoverAt;
      this.nextCheckpointAt = copy.nextCheckpointAt;
      this.checkpointNow = copy.checkpointNow;
      this.checkpoints = copy.checkpoints;
      this.sink = new Map([...copy.sink].map(([k, e]) => [k, { ...e }]));
      this.panes = copy.panes.slice();
      this.recordFate = copy.recordFate.slice();
      this.queryPosition = copy.queryPosition;
      this.answers = copy.answers.slice();
      this.truth = copy.truth;
      this.lastKind = copy.lastKind;
      this.lastTime = copy.lastTime;
      this.lastSubject = copy.lastSubject;
      return;
    }
    this.windowing = new Windowing(s.unified.window, s.timeZone);
    const at = (f: Fault): number => (f.kind === 'crash' ? f.at : 0);
    this.crashes = s.faults.filter((f) => f.kind === 'crash');
    this.crashes.sort((a, b) => at(a) - at(b) || a.index - b.index);
    this.queries = s.queries.map((q) => q.index);
    this.queries.sort((a, b) => s.queries[a].at - s.queries[b].at || a - b);
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

  clone(): UnifiedEngine {
    return new UnifiedEngine(this.world, this);
  }

  get running(): boolean {
    return this.machine.value !== 'crashed';
  }

  // ---- the watermark ------------------------------------------------------------------------

  /** What the watermark would be at time t from the pipeline's current state (never below it). */
  candidate(t: number): number {
    const s = this.scenario;
    if (s.unified.bounded && t >= s.end) return WATERMARK_END;
    const w = s.unified.watermark;
    let c = -Infinity;
    if (w.kind === 'heuristic') {
      let min = Infinity;
      for (let p = 0; p < this.idle.length; p++) {
        if (!this.idle[p]) min = Math.min(min, this.state.maxSeen[p] - w.bound);
      }
      c = min === Infinity ? -Infinity : min;
    } else if (w.kind === 'perfect') {
      c = Math.min(this.suffixMin[this.state.position], t);
    } else {
      for (const [at, mark] of w.points) if (at <= t) c = Math.max(c, mark);
    }
    return Math.max(c, this.watermark);
  }

  /**
   * Whether the watermark is stepped now. The perfect watermark follows processing time between
   * records, so it is stepped only after a record was processed or when it reaches a window's
   * end or lateness horizon; the others whenever their value rises.
   */
  private watermarkDue(t: number): boolean {
    const c = this.candidate(t);
    if (c <= this.watermark) return false;
    if (this.scenario.unified.watermark.kind !== 'perfect' || c === WATERMARK_END) return true;
    if (this.state.position !== this.watermarkPosition) return true;
    const lateness = this.scenario.unified.allowedLateness;
    for (const win of this.state.windows.values()) {
      for (const b of [win.end, win.end + lateness]) if (b > this.watermark && b <= c) return true;
    }
    return false;
  }

  /** The next processing time after now at which the watermark moves on its own (no record). */
  private nextWatermarkTime(): number {
    const s = this.scenario;
    const w = s.unified.watermark;
    let t = s.unified.bounded && s.end > this.now ? s.end : Infinity;
    if (w.kind === 'schedule') {
      for (const [at, mark] of w.points) {
        if (at > this.now && mark > this.watermark) {
          t = Math.min(t, at);
          break;
        }
      }
    } else if (w.kind === 'perfect') {
      // It follows processing time up to the earliest unprocessed record: what matters is when
      // it reaches the next window end or lateness horizon.
      const cap = this.suffixMin[this.state.position];
      const lateness = s.unified.allowedLateness;
      for (const win of this.state.windows.values()) {
        for (const b of [win.end, win.end + lateness]) {
          if (b > this.watermark && b <= cap && b > this.now) t = Math.min(t, b);
        }
      }
    }
    return t;
  }

  // ---- choosing the next occurrence ---------------------------------------------------------

  private nT = Infinity;
  private nK = 99;
  private nTie = Infinity;
  private nSubject = -1;

  private consider(t: number, kind: number, subject: number, tie = 0): void {
    if (
      t < this.nT ||
      (t === this.nT && (kind < this.nK || (kind === this.nK && tie < this.nTie)))
    ) {
      this.nT = t;
      this.nK = kind;
      this.nTie = tie;
      this.nSubject = subject;
    }
  }

  private pickNext(): void {
    this.nT = Infinity;
    this.nK = 99;
    this.nTie = Infinity;
    this.nSubject = -1;
    const s = this.scenario;
    const w = this.world;
    const now = this.now;
    if (this.crashPosition < this.crashes.length) {
      const f = this.crashes[this.crashPosition];
      if (f.kind === 'crash') this.consider(f.at, U.PipelineCrashed, f.index);
    }
    if (this.recoverAt !== Infinity) this.consider(this.recoverAt, U.PipelineRecovered, -1);
    if (this.appended < w.recordCount) {
      this.consider(w.recArrival[this.appended], U.RecordAppended, this.appended);
    }
    const wm = s.unified.watermark;
    if (wm.kind === 'heuristic' && wm.idleAfter !== null) {
      for (let p = 0; p < this.idle.length; p++) {
        if (!this.idle[p])
          this.consider(Math.max(now, this.lastAppend[p] + wm.idleAfter), U.PartitionIdle, p, p);
      }
    }
    if (this.running) {
      const st = this.state;
      if (st.position < this.appended) {
        const arrival = w.recArrival[st.position];
        this.consider(arrival > now ? arrival : now, U.RecordProcessed, st.position);
      }
      if (this.machine.value === 'recovering' && st.position >= this.machine.context.highWater) {
        this.consider(now, U.PipelineCaughtUp, -1);
      }
      if (this.watermarkDue(now)) this.consider(now, U.WatermarkAdvanced, -1);
      else {
        const t = this.nextWatermarkTime();
        if (t !== Infinity) this.consider(t, U.WatermarkAdvanced, -1);
      }
      this.considerWindows();
      if (this.checkpointNow) this.consider(now, U.StateCheckpointed, -1);
      else if (this.nextCheckpointAt !== Infinity) {
        this.consider(Math.max(now, this.nextCheckpointAt), U.StateCheckpointed, -1);
      }
    }
    if (this.queryPosition < this.queries.length) {
      const q = this.queries[this.queryPosition];
      this.consider(s.queries[q].at, U.QueryAnswered, q);
    }
  }

  private considerWindows(): void {
    const u = this.scenario.unified;
    const now = this.now;
    for (const win of this.state.windows.values()) {
      const state = win.machine.value;
      if (this.watermark >= win.end + u.allowedLateness) {
        this.consider(now, U.WindowExpired, win.start, win.start);
      }
      if (state === 'open' && this.watermark >= win.end) {
        // On time: a pane when the watermark passes the end (even if empty), else just the change.
        this.consider(now, U.PaneFired, win.start, win.start);
        continue;
      }
      if (win.pending === 0) continue;
      const trigger = this.watermark >= win.end ? u.triggers.late : u.triggers.early;
      if (trigger?.kind === 'per-element') this.consider(now, U.PaneFired, win.start, win.start);
      else if (win.timer !== Infinity)
        this.consider(Math.max(now, win.timer), U.PaneFired, win.start, win.start);
    }
  }

  // ---- performing it ------------------------------------------------------------------------

  /** Performs the next step. False when nothing more happens before the scenario's end. */
  step(): boolean {
    this.pickNext();
    if (this.nT > this.scenario.end) return false;
    if (this.nT > this.now) this.now = this.nT;
    this.lastKind = this.nK;
    this.lastTime = this.now;
    this.lastSubject = this.nSubject;
    this.executed++;
    switch (this.nK) {
      case U.PipelineCrashed:
        this.crash();
        break;
      case U.PipelineRecovered:
        this.recoverAt = Infinity;
        this.machine = transition(pipelineMachine, this.machine, { type: 'pipeline.recovered' })[0];
        break;
      case U.RecordAppended:
        this.append();
        break;
      case U.RecordProcessed: {
        const r = this.state.position;
        const fate = this.process();
        this.recordFate[r] = fate;
        if (fate === FATE.dropped) this.lastKind = U.RecordDropped;
        this.changed();
        break;
      }
      case U.PipelineCaughtUp:
        this.machine = transition(pipelineMachine, this.machine, { type: 'pipeline.caught-up' })[0];
        break;
      case U.PartitionIdle:
        this.idle[this.nSubject] = 1;
        break;
      case U.WatermarkAdvanced:
        this.advanceWatermark();
        break;
      case U.PaneFired:
        this.fire(this.nSubject);
        break;
      case U.WindowExpired:
        this.expire(this.nSubject);
        break;
      case U.StateCheckpointed:
        this.state.checkpoint();
        this.checkpoints++;
        this.checkpointNow = false;
        this.nextCheckpointAt = Infinity;
        break;
      case U.QueryAnswered:
        this.answer(this.nSubject);
        break;
    }
    return true;
  }

  /** Something changed since the last checkpoint: a periodic checkpoint falls due. */
  private changed(): void {
    if (this.nextCheckpointAt === Infinity) {
      const every = this.scenario.unified.checkpointEvery;
      this.nextCheckpointAt = Math.floor(this.now / every) * every + every;
    }
  }

  private append(): void {
    const p = this.world.recPartition[this.appended];
    this.lastAppend[p] = this.now;
    this.idle[p] = 0;
    this.appended++;
  }

  private crash(): void {
    this.crashPosition++;
    if (!this.running) return;
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
    const fault = this.scenario.faults[this.nSubject];
    this.recoverAt = this.now + (fault.kind === 'crash' ? fault.downFor : 0);
  }

  /** Processes the next record: its fate (dropped when its window is past allowed lateness). */
  private process(): number {
    const w = this.world;
    const s = this.scenario;
    const u = s.unified;
    const st = this.state;
    const r = st.position++;
    st.dirty = true;
    const ev = w.recEvent[r];
    const time = w.eventTime[ev];
    st.see(w.recPartition[r], time);
    if (s.dedup === 'event-id') {
      if (st.counted[ev]) return FATE.skipped;
      st.markCounted(ev);
    }
    const user = w.eventUser[ev];
    if (this.truth.excluded[user]) return FATE.skipped;
    const bounds = this.windowing.of(time);
    if (this.watermark >= bounds.end + u.allowedLateness) {
      st.dropped++;
      return FATE.dropped;
    }
    let delta = 1;
    if (u.aggregate === 'sum') delta = s.events[ev].value;
    else if (u.aggregate === 'distinct-users') {
      const seen = st.userEarliest[user];
      if (!Number.isNaN(seen) && seen <= time) delta = 0;
      else {
        if (!Number.isNaN(seen)) {
          // The user's earlier signup arrived late: they move out of the later window.
          const old = this.windowing.of(seen);
          if (old.start !== bounds.start) this.change(old.start, -1);
          else delta = 0;
        }
        st.setUser(user, time);
      }
    }
    if (!st.windows.has(bounds.start)) {
      st.addWindow(newWindow(bounds.start, bounds.end, this.watermark >= bounds.end));
    }
    this.change(bounds.start, delta);
    return this.watermark >= bounds.end ? FATE.late : FATE.onTime;
  }

  /** A record changes a window: its accumulators, and the trigger's timer if it is the first. */
  private change(start: number, delta: number): void {
    const win = this.state.edit(start);
    if (!win || win.machine.value === 'expired') return;
    win.total += delta;
    win.sincePane += delta;
    win.pending++;
    if (win.pending === 1) this.arm(win);
  }

  private arm(win: WindowState): void {
    const u = this.scenario.unified;
    const trigger = this.watermark >= win.end ? u.triggers.late : u.triggers.early;
    if (trigger?.kind !== 'processing-time') {
      win.timer = Infinity;
      return;
    }
    win.timer = trigger.aligned ? alignUp(this.now, trigger.delay) : this.now + trigger.delay;
  }

  private advanceWatermark(): void {
    const before = this.watermark;
    this.watermark = this.candidate(this.now);
    this.watermarkPosition = this.state.position;
    const u = this.scenario.unified;
    for (const win of this.state.windows.values()) {
      const crossedEnd = before < win.end && this.watermark >= win.end;
      const crossedHorizon =
        before < win.end + u.allowedLateness && this.watermark >= win.end + u.allowedLateness;
      if (crossedEnd || crossedHorizon) this.checkpointNow = true;
      if (crossedEnd && !u.triggers.onTime) {
        const w = this.state.edit(win.start)!;
        w.machine = transition(windowMachine, w.machine, { type: 'watermark.passed-end' })[0];
        // Records since the last pane now wait for the late trigger.
        if (w.pending > 0) this.arm(w);
      }
    }
  }

  private fire(start: number): void {
    const u = this.scenario.unified;
    const win = this.state.edit(start)!;
    let timing: PaneTiming;
    if (this.watermark < win.end) timing = 'early';
    else if (win.machine.value === 'open') {
      timing = 'on-time';
      win.machine = transition(windowMachine, win.machine, { type: 'watermark.passed-end' })[0];
    } else timing = 'late';
    win.machine = transition(windowMachine, win.machine, { type: 'pane.fired' })[0];
    const value = u.accumulation === 'discarding' ? win.sincePane : win.total;
    const retracts = u.accumulation === 'retracting' && win.panes > 0 ? win.lastValue : null;
    const pane: Pane = {
      start: win.start,
      end: win.end,
      at: this.now,
      timing,
      index: win.panes,
      value,
      retracts,
    };
    win.panes++;
    win.lastValue = win.total;
    win.sincePane = 0;
    win.pending = 0;
    win.timer = Infinity;
    this.panes.push(pane);
    this.toSink(pane);
    // The pane is produced with the state that made it: checkpointed before anything else, so
    // a crash can never make it fire twice.
    this.checkpointNow = true;
  }

  private toSink(pane: Pane): void {
    const u = this.scenario.unified;
    const entry = this.sink.get(pane.start) ?? { value: 0, panes: 0 };
    if (u.sink === 'add-all' || u.accumulation === 'discarding') entry.value += pane.value;
    else entry.value = pane.value; // accumulating replaces; retracting = − retracts + value
    entry.panes++;
    this.sink.set(pane.start, entry);
  }

  private expire(start: number): void {
    const win = this.state.edit(start)!;
    win.machine = transition(windowMachine, win.machine, { type: 'watermark.passed-horizon' })[0];
    this.state.removeWindow(start);
    this.checkpointNow = true;
  }

  // ---- answers ------------------------------------------------------------------------------

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

  private answer(q: number): void {
    this.queryPosition++;
    const query = this.scenario.queries[q];
    const day = resolveDay(query.day, query.at, this.scenario.timeZone) ?? 0;
    const { served, panes } = this.servedOn(day);
    this.answers.push({
      at: isoTime(query.at),
      day: dayKey(day),
      served,
      truth: this.truth.on(day, query.at),
      parts: { panes },
    });
  }
}
