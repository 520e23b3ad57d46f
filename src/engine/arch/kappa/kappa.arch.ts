/**
 * Kappa: one streaming job (`v1`) writes a table the serving layer reads; a deploy starts job vN
 * replaying the retained log with new logic, and when it has caught up the serving machine
 * switches to its table atomically and the previous job stops. Recovery targets are job indices.
 */
import { initialTransition, type SnapshotFrom } from 'xstate';
import { advance, allows } from '../../machine/transition.ts';
import type { Fault, Logic } from '../../scenario/scenario.types.ts';
import { kappaServingMachine } from '../../serving/serving.machine.ts';
import { StreamJob } from '../../stream/stream.job.ts';
import { streamJobMachine, type StreamJobEvent } from '../../stream/stream.machine.ts';
import {
  crashJob,
  nextFetchPosition,
  offerJob,
  performJobStep,
  recoverJob,
} from '../../stream/stream.steps.ts';
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
import { kappaWords } from './kappa.words.ts';

type ServingSnapshot = SnapshotFrom<typeof kappaServingMachine>;

/** Asked on every step while a replay runs: the machine's answer without `can`'s overhead. */
const canCatchUp = allows(streamJobMachine, 'replay.caught-up');
const canSwitch = allows(streamJobMachine, 'serving.switched');
const SWITCHED = { type: 'serving.switched' } as const;
/** The caught-up question asked on every step of a replay, filled in place (no garbage). */
const QUESTION: CaughtUpEvent = {
  type: 'replay.caught-up',
  inFlight: 0,
  nextFetch: 0,
  appended: 0,
};

export class KappaArchitecture implements Architecture {
  readonly kind = 'kappa' as const;
  serving: ServingSnapshot;
  jobs: StreamJob[];

  constructor(
    private readonly world: World,
    copyFrom?: KappaArchitecture,
  ) {
    if (copyFrom) {
      this.serving = copyFrom.serving;
      this.jobs = copyFrom.jobs.map((j) => j.clone());
      return;
    }
    this.serving = initialTransition(kappaServingMachine)[0];
    this.jobs = [this.newJob('v1', false, world.scenario.kappa.logic)];
  }

  private newJob(name: string, replay: boolean, logic: Logic): StreamJob {
    const s = this.world.scenario;
    return new StreamJob(this.world, {
      name,
      role: 'stream',
      replay,
      table: tableFor(this.world, logic),
      delivery: s.delivery,
      dedup: s.dedup,
      commitEvery: s.kappa.commitEvery,
      processingTime: s.kappa.processingTime,
    });
  }

  clone(): KappaArchitecture {
    return new KappaArchitecture(this.world, this);
  }

  /** The table the serving layer reads. */
  get servingTable(): string {
    return this.serving.context.table;
  }

  /** The job whose table is served (a `stream` crash hits it). */
  get servingJobIndex(): number {
    const table = this.serving.context.table;
    return this.jobs.findIndex((j) => j.name === table);
  }

  next(core: Core, scan: Scan): void {
    for (let j = 0; j < this.jobs.length; j++) {
      const job = this.jobs[j];
      offerJob(core, job, j, scan);
      if (!job.preServing) continue;
      // The machine decides: caught up once nothing is in flight and nothing is left to read.
      if (canCatchUp(job.machine, caughtUpEvent(core, job, QUESTION))) {
        scan.consider(core.now, 'replay.caught-up', -1, j);
      }
      if (canSwitch(job.machine, SWITCHED)) scan.consider(core.now, 'serving.switched', -1, j);
    }
  }

  perform(core: Core, kind: StepKind, subject: number, j: number): StepFact | null {
    if (kind === 'replay.caught-up') {
      const job = this.jobs[j];
      job.send(caughtUpEvent(core, job));
      job.pacing = null;
      this.serving = advance(kappaServingMachine, this.serving, { type: 'replay.caught-up' });
      return { kind, job: j };
    }
    if (kind === 'serving.switched') {
      const old = this.servingJobIndex;
      this.serving = advance(kappaServingMachine, this.serving, { type: 'serving.switched' });
      if (old >= 0 && old !== j) this.jobs[old].send({ type: 'job.stopped' });
      this.jobs[j].send({ type: 'serving.switched' });
      return { kind, job: j, stoppedJob: old };
    }
    return performJobStep(core, this.jobs, kind, subject, j);
  }

  crash(core: Core, fault: Extract<Fault, { kind: 'crash' }>): StepFact {
    const j = this.servingJobIndex;
    return crashJob(core, this.jobs[j], j, fault.downFor);
  }

  deploy(core: Core, fault: Extract<Fault, { kind: 'deploy' }>): StepFact {
    // A deploy during an unfinished replay replaces it.
    for (const job of this.jobs) {
      if (job.preServing) job.send({ type: 'job.stopped' });
    }
    const name = `v${this.jobs.length + 1}`;
    const job = this.newJob(name, true, fault.logic);
    const earliest = core.earliest;
    job.fetched = job.committed = job.checkpointPosition = earliest;
    job.lostToRetention = earliest;
    if (earliest > 0) job.retentionGaps = [[0, earliest]];
    const w = this.world;
    const base = earliest < w.recordCount ? w.recArrival[earliest] : core.now;
    job.pacing = {
      at: core.now,
      baseArrival: Math.min(base, core.now),
      speedup: w.scenario.kappa.speedup,
    };
    this.jobs.push(job);
    const servingTable = this.servingTable;
    this.serving = advance(kappaServingMachine, this.serving, {
      type: 'deploy.started',
      table: name,
    });
    return { kind: 'deploy.started', job: this.jobs.length - 1, earliest, servingTable };
  }

  recover(core: Core, target: number): StepFact {
    return recoverJob(core, this.jobs[target], target);
  }

  servedOn(day: number): Served {
    const j = this.jobs[this.servingJobIndex];
    return { served: j.tally.countOn(day), parts: { table: j.name } };
  }

  lineage(core: Core, day: number): Lineage {
    const job = this.jobs[this.servingJobIndex];
    return {
      kind: 'kappa',
      day: dayKey(day + core.world.dayBase),
      table: job.name,
      tableRecords: job.tally.lineage(day),
    };
  }

  view(): ArchitectureView {
    return { architecture: 'kappa', batch: null, servingTable: this.servingTable };
  }

  *countedDays(): Iterable<number> {
    for (const job of this.jobs) {
      const counts = job.tally.counts;
      for (let d = 0; d < counts.length; d++) if (counts[d] !== 0) yield d;
    }
  }

  forEachServedEntry(day: number, visit: (record: number, tally: Tally) => void): void {
    const tally = this.jobs[this.servingJobIndex].tally;
    tally.forEachLineage(day, (record) => visit(record, tally));
  }

  missingReason(core: Core, ev: number, day: number): ReasonKind {
    return jobMissingReason(core.world, this.jobs[this.servingJobIndex], ev, day);
  }

  words(core: Core, fact: StepFact): string | undefined {
    return kappaWords(core, this.jobs, fact);
  }

  get bytes(): number {
    let b = 0;
    for (const j of this.jobs) b += j.bytes;
    return b;
  }
}

type CaughtUpEvent = Extract<StreamJobEvent, { type: 'replay.caught-up' }>;

/** The facts the stream job machine needs to decide whether a replay has caught up (in `into`). */
function caughtUpEvent(
  core: Core,
  job: StreamJob,
  into: CaughtUpEvent = { type: 'replay.caught-up', inFlight: 0, nextFetch: 0, appended: 0 },
): CaughtUpEvent {
  into.inFlight = job.flightSize;
  into.nextFetch = nextFetchPosition(job, core.earliest);
  into.appended = core.appended;
  return into;
}
