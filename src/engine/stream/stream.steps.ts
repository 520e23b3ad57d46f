/**
 * The steps every streaming job takes, shared by the architectures that run `StreamJob`s (the
 * Lambda speed layer, Kappa's v1, v2, …): fetch the next record, finish processing the one at the
 * head of the in-flight queue, commit (or checkpoint) on the next tick; and a crash and recovery.
 */
import type { Core, Scan } from '../arch/architecture.ts';
import type { StepFact } from '../simulation/step-facts.ts';
import type { StepKind } from '../simulation/simulation.types.ts';
import type { StreamJob } from './stream.job.ts';

/** Where a job reads next: never below its hand-off floor (Lambda) or the earliest retained record. */
export function nextFetchPosition(job: StreamJob, earliest: number): number {
  let pos = job.fetched;
  if (job.tally.floor > pos) pos = job.tally.floor;
  if (earliest > pos) pos = earliest;
  return pos;
}

/** Offers a job's next fetch, processing and commit. */
export function offerJob(core: Core, job: StreamJob, j: number, scan: Scan): void {
  if (!job.active) return;
  const pos = nextFetchPosition(job, core.earliest);
  if (pos < core.appended) {
    const arrival = core.world.recArrival[pos];
    let t = arrival > core.now ? arrival : core.now;
    if (job.pacing) {
      const paced = job.pacing.at + (arrival - job.pacing.baseArrival) / job.pacing.speedup;
      if (paced > t) t = paced;
    }
    scan.consider(t, 'record.fetched', pos, j);
  }
  if (job.flightSize > 0) {
    const t = job.flightAt[job.flightHead] + job.processingTime;
    scan.consider(t, 'record.processed', job.flightRecord[job.flightHead], j);
  }
  if (job.nextCommitAt !== Infinity) scan.consider(job.nextCommitAt, 'offsets.committed', -1, j);
}

/**
 * Performs a fetch, processing or commit of job `j` (any other kind is an error) and returns
 * its fact, or null when the run keeps no facts (`core.facts`: a headless run).
 */
export function performJobStep(
  core: Core,
  jobs: readonly StreamJob[],
  kind: StepKind,
  subject: number,
  j: number,
): StepFact | null {
  const job = jobs[j];
  switch (kind) {
    case 'record.fetched':
      job.fetch(subject, core.now, core.earliest);
      return core.facts ? { kind, job: j, record: subject } : null;
    case 'record.processed': {
      const outcome = job.process(core.now);
      if (!core.facts) return null;
      const t = job.tally;
      return {
        kind,
        job: j,
        record: subject,
        outcome,
        day: t.lastDay,
        count: t.countOn(t.lastDay),
        fromDay: t.lastFromDay,
        times: job.timesProcessed.get(subject),
      };
    }
    case 'offsets.committed':
      job.commit();
      if (!core.facts) return null;
      return { kind, job: j, position: job.committed, checkpoint: job.delivery === 'exactly-once' };
  }
  throw new Error(`a streaming job performs no ${kind}`);
}

/** A crash of job `j` (the machine decides whether it takes effect), down for `downFor`. */
export function crashJob(core: Core, job: StreamJob, j: number, downFor: number): StepFact {
  const processedBefore = job.processedPosition;
  const inFlight = job.crash();
  const backAt = core.now + downFor;
  if (inFlight === null) {
    return {
      kind: 'job.crashed',
      job: j,
      ignored: true,
      inFlight: 0,
      processedBefore,
      restartAt: job.fetched,
      backAt,
    };
  }
  core.scheduleRecovery(backAt, j);
  return {
    kind: 'job.crashed',
    job: j,
    ignored: false,
    inFlight: inFlight.length,
    processedBefore,
    restartAt: job.committed,
    backAt,
  };
}

export function recoverJob(core: Core, job: StreamJob, j: number): StepFact {
  job.recover();
  return {
    kind: 'job.recovered',
    job: j,
    stopped: job.state === 'stopped',
    // Where it reads next: never below a hand-off's cut-off or the earliest retained record.
    resumeAt: nextFetchPosition(job, core.earliest),
    recovering: job.recovering,
  };
}
