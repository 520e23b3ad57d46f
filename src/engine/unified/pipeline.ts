/**
 * The unified (Dataflow-style) pipeline as a standalone deterministic step engine (the headless
 * simulator's): `step()` performs exactly one thing that happens next in simulated time (a record
 * appended or processed, a partition going idle, the watermark advancing, a pane firing, a window
 * expiring, a checkpoint, a crash or recovery, a query answered). The pipeline's own work is
 * `UnifiedPipeline` (pipeline.core.ts); this class adds the schedule around it: appends, crash
 * faults and recoveries, queries. The browser drives the same pipeline through the shared engine
 * (`arch/unified/`). Rules: MODEL.md "Contract: unified" and docs/engine.md "Unified".
 */
import type { Fault } from '../scenario/scenario.types.ts';
import { dayKey, isoTime, resolveDay } from '../time/time.logic.ts';
import type { World } from '../world/world.ts';
import { UnifiedPipeline } from './pipeline.core.ts';
import { U } from './unified.types.ts';

export interface UnifiedAnswer {
  at: string;
  day: string;
  served: number;
  truth: number;
  parts: { panes: number };
}

export class UnifiedEngine extends UnifiedPipeline {
  private readonly crashes: Fault[];
  private readonly queries: number[];
  executed = 0;
  crashPosition = 0;
  recoverAt = Infinity;
  queryPosition = 0;
  answers: UnifiedAnswer[] = [];
  lastKind = -1;
  lastTime = 0;
  lastSubject = -1;

  constructor(world: World, copy?: UnifiedEngine) {
    super(world, copy);
    if (copy) {
      this.crashes = copy.crashes;
      this.queries = copy.queries;
      this.executed = copy.executed;
      this.crashPosition = copy.crashPosition;
      this.recoverAt = copy.recoverAt;
      this.queryPosition = copy.queryPosition;
      this.answers = copy.answers.slice();
      this.lastKind = copy.lastKind;
      this.lastTime = copy.lastTime;
      this.lastSubject = copy.lastSubject;
      return;
    }
    const s = this.scenario;
    const at = (f: Fault): number => (f.kind === 'crash' ? f.at : 0);
    this.crashes = s.faults.filter((f) => f.kind === 'crash');
    this.crashes.sort((a, b) => at(a) - at(b) || a.index - b.index);
    this.queries = s.queries.map((q) => q.index);
    this.queries.sort((a, b) => s.queries[a].at - s.queries[b].at || a - b);
  }

  clone(): UnifiedEngine {
    return new UnifiedEngine(this.world, this);
  }

  // ---- choosing the next occurrence ---------------------------------------------------------

  private nT = Infinity;
  private nK = 99;
  private nTie = Infinity;
  private nSubject = -1;

  private readonly consider = (t: number, kind: number, subject: number, tie = 0): void => {
    if (
      t < this.nT ||
      (t === this.nT && (kind < this.nK || (kind === this.nK && tie < this.nTie)))
    ) {
      this.nT = t;
      this.nK = kind;
      this.nTie = tie;
      this.nSubject = subject;
    }
  };

  private pickNext(): void {
    this.nT = Infinity;
    this.nK = 99;
    this.nTie = Infinity;
    this.nSubject = -1;
    const s = this.scenario;
    const w = this.world;
    if (this.crashPosition < this.crashes.length) {
      const f = this.crashes[this.crashPosition];
      if (f.kind === 'crash') this.consider(f.at, U.PipelineCrashed, f.index);
    }
    if (this.recoverAt !== Infinity) this.consider(this.recoverAt, U.PipelineRecovered, -1);
    if (this.appended < w.recordCount) {
      this.consider(w.recArrival[this.appended], U.RecordAppended, this.appended);
    }
    this.offer(this.consider);
    if (this.queryPosition < this.queries.length) {
      const q = this.queries[this.queryPosition];
      this.consider(s.queries[q].at, U.QueryAnswered, q);
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
      case U.PipelineCrashed: {
        this.crashPosition++;
        if (this.crash()) {
          const fault = this.scenario.faults[this.nSubject];
          this.recoverAt = this.now + (fault.kind === 'crash' ? fault.downFor : 0);
        }
        break;
      }
      case U.PipelineRecovered:
        this.recoverAt = Infinity;
        this.recover();
        break;
      case U.RecordAppended:
        this.append();
        break;
      case U.QueryAnswered:
        this.answer(this.nSubject);
        break;
      default:
        this.lastKind = this.perform(this.nK, this.nSubject);
    }
    return true;
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
