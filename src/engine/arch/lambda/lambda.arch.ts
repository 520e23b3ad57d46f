/**
 * Lambda: a batch layer recomputing views from scratch on a schedule, a speed layer (a streaming
 * job) over the records beyond the latest published cut-off, and serving = batch + speed.
 * Recovery targets: 0 is the speed layer (its job index), −1 the batch layer.
 */
import { BatchLayer } from '../../batch/batch.layer.ts';
import type { Fault } from '../../scenario/scenario.types.ts';
import { StreamJob } from '../../stream/stream.job.ts';
import { crashJob, offerJob, performJobStep, recoverJob } from '../../stream/stream.steps.ts';
import { dayKey } from '../../time/time.logic.ts';
import { tableFor, type World } from '../../world/world.ts';
import type { StepFact } from '../../simulation/step-facts.ts';
import type {
  ArchitectureView,
  Lineage,
  ReasonKind,
  StepKind,
} from '../../simulation/simulation.types.ts';
import { jobMissingReason } from '../../stream/stream.reasons.ts';
import type { Tally } from '../../stream/tally.logic.ts';
import type { Architecture, Core, Scan, Served } from '../architecture.ts';
import { selectBatch } from './lambda.view.ts';
import { lambdaWords } from './lambda.words.ts';

const BATCH = -1;

export class LambdaArchitecture implements Architecture {
  readonly kind = 'lambda' as const;
  batch: BatchLayer;
  jobs: StreamJob[];

  constructor(world: World | null, copyFrom?: LambdaArchitecture) {
    if (copyFrom) {
      this.batch = copyFrom.batch.clone();
      this.jobs = copyFrom.jobs.map((j) => j.clone());
      return;
    }
    const w = world!;
    const s = w.scenario;
    this.batch = new BatchLayer(w);
    this.jobs = [
      new StreamJob(w, {
        name: 'speed',
        role: 'speed',
        replay: false,
        table: tableFor(w, s.speed.logic),
        delivery: s.delivery,
        dedup: s.dedup,
        commitEvery: s.speed.commitEvery,
        processingTime: s.speed.processingTime,
      }),
    ];
  }

  get speed(): StreamJob {
    return this.jobs[0];
  }

  clone(): LambdaArchitecture {
    return new LambdaArchitecture(null, this);
  }

  next(core: Core, scan: Scan): void {
    const batch = this.batch;
    if (batch.run) scan.consider(batch.run.endsAt, 'batch.published', -1, BATCH);
    const start = batch.nextStart(core.now);
    if (start !== null) scan.consider(start, 'batch.started', -1, BATCH);
    offerJob(core, this.speed, 0, scan);
  }

  perform(core: Core, kind: StepKind, subject: number, job: number): StepFact | null {
    if (kind === 'batch.started') {
      const run = this.batch.start(core.now, core.appended, core.earliest);
      const { number, cutOff, from, endsAt } = run;
      return { kind, job: BATCH, run: number, cutOff, from, endsAt };
    }
    if (kind === 'batch.published') {
      const view = this.batch.publish(core.now);
      const speed = this.speed;
      const previousFloor = speed.tally.floor;
      const handoff = core.scenario.batch.handoff;
      // The right hand-off drops exactly what the new view covers; the wrong ones (for
      // teaching) drop everything (the answer dips) or nothing (the answer jumps).
      if (handoff === 'cut-off') speed.handOff(view.cutOff);
      else if (handoff === 'clear-all') speed.clearAll(view.cutOff);
      const kept = handoff === 'clear-none' ? speed.tally.countedIn(0, view.cutOff) : 0;
      return {
        kind,
        job: BATCH,
        run: view.number,
        cutOff: view.cutOff,
        from: view.from,
        previousFloor,
        handoff,
        floor: speed.tally.floor,
        kept,
      };
    }
    return performJobStep(core, this.jobs, kind, subject, job);
  }

  crash(core: Core, fault: Extract<Fault, { kind: 'crash' }>): StepFact {
    if (fault.job !== 'batch') return crashJob(core, this.speed, 0, fault.downFor);
    const backAt = core.now + fault.downFor;
    const batch = this.batch.crash();
    if (batch !== 'ignored') core.scheduleRecovery(backAt, BATCH);
    return { kind: 'job.crashed', job: BATCH, batch, backAt };
  }

  /** A Lambda run ignores `deploy` faults (the engine never schedules them). */
  deploy(): StepFact {
    throw new Error('a Lambda run has no deploy');
  }

  recover(core: Core, target: number): StepFact {
    if (target !== BATCH) return recoverJob(core, this.speed, target);
    this.batch.recover(core.now);
    return { kind: 'job.recovered', job: BATCH, startsNow: this.batch.startsNow };
  }

  servedOn(day: number): Served {
    const batch = this.batch.countOn(day);
    const speed = this.speed.tally.countOn(day);
    return { served: batch + speed, parts: { batch, speed } };
  }

  lineage(core: Core, day: number): Lineage {
    const published = this.batch.published;
    return {
      kind: 'lambda',
      day: dayKey(day + core.world.dayBase),
      batch: published ? published.tally.lineage(day) : [],
      speed: this.speed.tally.lineage(day),
    };
  }

  view(core: Core): ArchitectureView {
    return { architecture: 'lambda', batch: selectBatch(core, this.batch), servingTable: null };
  }

  *countedDays(): Iterable<number> {
    const published = this.batch.published;
    for (const counts of [this.speed.tally.counts, published?.tally.counts]) {
      if (!counts) continue;
      for (let d = 0; d < counts.length; d++) if (counts[d] !== 0) yield d;
    }
  }

  forEachServedEntry(day: number, visit: (record: number, tally: Tally) => void): void {
    const published = this.batch.published?.tally;
    if (published) published.forEachLineage(day, (r) => visit(r, published));
    const speed = this.speed.tally;
    speed.forEachLineage(day, (r) => visit(r, speed));
  }

  missingReason(core: Core, ev: number, day: number): ReasonKind {
    const w = core.world;
    const record = w.firstRecord[ev];
    const published = this.batch.published;
    if (published && record < published.cutOff) {
      const table = published.tally.table;
      if (record < published.from) return 'retention';
      if (table.userExcluded[w.eventUser[ev]]) return 'excluded';
      return table.eventDay[ev] !== day ? 'time-zone' : 'earlier-signup';
    }
    const speed = this.speed;
    const reason = jobMissingReason(w, speed, ev, day);
    // Read after the cut-off, then dropped by a clear-all hand-off.
    if (
      reason === 'in-flight' &&
      record < speed.tally.floor &&
      speed.timesProcessed.get(record) > 0
    )
      return 'hand-off';
    return reason;
  }

  words(core: Core, fact: StepFact): string | undefined {
    return lambdaWords(core, fact);
  }

  get bytes(): number {
    return this.speed.bytes;
  }
}
