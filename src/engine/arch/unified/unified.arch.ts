/**
 * Unified (Dataflow-style): one pipeline, no streaming jobs. The shared engine appends records,
 * schedules crash faults and recoveries and answers queries; the pipeline (`UnifiedPipeline`,
 * engine/unified/) offers and performs its own steps: processing a record into its event-time
 * window, partitions going idle, the watermark, panes, expiries and checkpoints. Its served
 * number is the sink's, its truth the scenario's aggregate (distinct users, count or sum).
 * Recovery target: 0 (the pipeline).
 */
import { dayKey, isoTime } from '../../time/time.logic.ts';
import type { World } from '../../world/world.ts';
import type { Fault } from '../../scenario/scenario.types.ts';
import type { StepFact } from '../../simulation/step-facts.ts';
import type {
  ArchitectureView,
  DifferenceReason,
  Lineage,
  ReasonKind,
  Report,
  StepKind,
} from '../../simulation/simulation.types.ts';
import { paneReport } from '../../unified/unified.run.ts';
import { UnifiedPipeline } from '../../unified/pipeline.core.ts';
import { FATE, UNIFIED_KIND_NAMES } from '../../unified/unified.types.ts';
import { unifiedView } from '../../unified/unified.view.ts';
import type { Architecture, Core, Scan, Served } from '../architecture.ts';
import { unifiedFact } from './unified.facts.ts';
import { unifiedExplainer, type UnifiedExplanation } from './unified.explainer.ts';
import { unifiedWords } from './unified.words.ts';

const CODE = new Map<StepKind, number>(UNIFIED_KIND_NAMES.map((k, i) => [k, i]));

export class UnifiedArchitecture implements Architecture {
  readonly kind = 'unified' as const;
  readonly jobs = [] as const;
  /** The pipeline reads every record the moment it arrives: retention never deletes a record
   * it has not read, so the log is not trimmed (no `log.trimmed` steps, as in the headless run). */
  readonly ignoresRetention = true;
  readonly pipeline: UnifiedPipeline;
  // The pipeline's own next occurrence (its same-kind tie-break: lowest window start / partition).
  private nT = Infinity;
  private nK = 99;
  private nTie = Infinity;
  private nSubject = -1;

  constructor(
    private readonly world: World,
    copy?: UnifiedArchitecture,
  ) {
    this.pipeline = copy ? copy.pipeline.clonePipeline() : new UnifiedPipeline(world);
  }

  clone(): UnifiedArchitecture {
    return new UnifiedArchitecture(this.world, this);
  }

  private readonly consider = (t: number, kind: number, subject: number, tie: number): void => {
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

  next(core: Core, scan: Scan): void {
    this.pipeline.now = core.now;
    this.nT = Infinity;
    this.nK = 99;
    this.nTie = Infinity;
    this.nSubject = -1;
    this.pipeline.offer(this.consider);
    if (this.nT !== Infinity)
      scan.consider(this.nT, UNIFIED_KIND_NAMES[this.nK], this.nSubject, -1);
  }

  perform(core: Core, kind: StepKind, subject: number): StepFact {
    const p = this.pipeline;
    p.now = core.now;
    const code = CODE.get(kind);
    if (code === undefined) throw new Error(`the unified pipeline performs no ${kind}`);
    return unifiedFact(p, code, subject, () => p.perform(code, subject));
  }

  /** The engine tells the pipeline a record reached the log (its partition is active again). */
  appended(core: Core): void {
    this.pipeline.now = core.now;
    this.pipeline.append();
  }

  crash(core: Core, fault: Extract<Fault, { kind: 'crash' }>): StepFact {
    const p = this.pipeline;
    p.now = core.now;
    const processedBefore = p.state.position;
    const backAt = core.now + fault.downFor;
    const ignored = !p.crash();
    if (!ignored) core.scheduleRecovery(backAt, 0);
    return {
      kind: 'pipeline.crashed',
      ignored,
      processedBefore,
      restartAt: p.state.position,
      backAt,
    };
  }

  deploy(): StepFact {
    throw new Error('a unified pipeline takes no deploy');
  }

  recover(core: Core): StepFact {
    const p = this.pipeline;
    p.now = core.now;
    p.recover();
    const recovering = p.machine.value === 'recovering';
    return { kind: 'pipeline.recovered', resumeAt: p.state.position, recovering };
  }

  servedOn(day: number): Served {
    const { served, panes } = this.pipeline.servedOn(day + this.world.dayBase);
    return { served, parts: { panes } };
  }

  /** Truth by the scenario's aggregate, over events with event time ≤ now. */
  truthOn(core: Core, day: number): number {
    return this.pipeline.truth.on(day + this.world.dayBase, core.now);
  }

  lineage(core: Core, day: number): Lineage {
    const p = this.pipeline;
    const w = this.world;
    const abs = day + w.dayBase;
    const panes: { pane: string; records: number[] }[] = [];
    for (const [start, entry] of [...p.sink].sort((a, b) => a[0] - b[0])) {
      if (p.windowing.dayOf(start) !== abs) continue;
      const end = p.windowing.of(start).end;
      const records: number[] = [];
      for (let r = 0; r < p.appended; r++) {
        const fate = p.recordFate[r];
        if (fate !== FATE.onTime && fate !== FATE.late) continue;
        if (r >= p.state.position) continue;
        if (p.windowing.of(w.eventTime[w.recEvent[r]]).start === start) records.push(r);
      }
      panes.push({
        pane: `window ${isoTime(start)}–${isoTime(end)} (${entry.panes} panes)`,
        records,
      });
    }
    return { kind: 'unified', day: dayKey(abs), panes };
  }

  view(): ArchitectureView {
    return {
      architecture: 'unified',
      batch: null,
      servingTable: null,
      unified: unifiedView(this.pipeline),
    };
  }

  *countedDays(): Iterable<number> {
    const p = this.pipeline;
    for (const start of p.sink.keys()) yield p.windowing.dayOf(start) - this.world.dayBase;
    for (const win of p.state.windows.values()) {
      if (win.total !== 0) yield p.windowing.dayOf(win.start) - this.world.dayBase;
    }
  }

  *truthDays(core: Core): Iterable<number> {
    for (const day of this.pipeline.truth.days(core.now)) yield day - this.world.dayBase;
  }

  forEachServedEntry(): void {
    // The unified pipeline explains its gap from its own state (`reasons`).
  }

  missingReason(): ReasonKind {
    return 'in-flight';
  }

  /** Why served differs from truth, from the pipeline's panes, watermark and checkpoints. */
  reasons(core: Core, day: number): DifferenceReason[] {
    const explain = unifiedExplainer();
    return explain ? explain(this.pipeline, core.now, 'day', day + this.world.dayBase).reasons : [];
  }

  /** One window's sink value against the truth of its events, with the reasons they differ
   * (null until the explanations are installed). */
  explainWindow(core: Core, start: number): UnifiedExplanation | null {
    return unifiedExplainer()?.(this.pipeline, core.now, 'window', start) ?? null;
  }

  words(core: Core, fact: StepFact): string | undefined {
    return unifiedWords(core, this.pipeline, fact);
  }

  /** The unified report's additions (MODEL.md): every pane fired, and records dropped. */
  report(): Pick<Report, 'panes' | 'dropped'> {
    return { panes: this.pipeline.panes.map(paneReport), dropped: this.pipeline.state.dropped };
  }

  get bytes(): number {
    const p = this.pipeline;
    const st = p.state;
    return (
      p.recordFate.byteLength +
      st.userEarliest.byteLength +
      st.counted.byteLength +
      (st.windows.size + p.sink.size) * 160 +
      p.panes.length * 16 +
      p.watermarkLine.length * 48 +
      1024
    );
  }
}
