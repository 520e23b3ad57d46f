/**
 * The engine: one deterministic state and a `step()` that performs exactly one thing that
 * happens next in simulated time. Deciding *what* happens next is a scan over a handful of
 * sources (the next arrival, each job's next fetch/finish/commit, the batch schedule, faults,
 * queries); the machines' states gate which sources are live. `clone()` copies the whole state
 * for checkpoints, so any step can be reached again.
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { BatchLayer } from '../batch/batch.layer.ts';
import type { Fault, Scenario } from '../scenario/scenario.types.ts';
import { kappaServingMachine } from '../serving/serving.machine.ts';
import { StreamJob } from '../stream/stream.job.ts';
import { resolveDay, isoTime, dayKey } from '../time/time.logic.ts';
import { Truth } from '../truth/truth.logic.ts';
import { tableFor, type World } from '../world/world.ts';
import type { QueryAnswer } from './simulation.types.ts';
import { K } from './step-kinds.ts';

type KappaServingSnapshot = SnapshotFrom<typeof kappaServingMachine>;

/** Fault and query schedules, fixed for the run. */
interface Schedule {
  /** Crash and deploy faults by (time, priority, index). */
  timed: Fault[];
  /** Query indices by (at, index). */
  queries: number[];
}

function buildSchedule(s: Scenario): Schedule {
  // A Lambda run ignores `deploy` faults (a file may carry both architectures' settings).
  const timed = s.faults.filter(
    (f) => f.kind === 'crash' || (f.kind === 'deploy' && s.architecture === 'kappa'),
  );
  const at = (f: Fault): number => (f.kind === 'crash' || f.kind === 'deploy' ? f.at : 0);
  const prio = (f: Fault): number => (f.kind === 'crash' ? K.JobCrashed : K.DeployStarted);
  timed.sort((a, b) => at(a) - at(b) || prio(a) - prio(b) || a.index - b.index);
  const queries = s.queries.map((q) => q.index);
  queries.sort((a, b) => s.queries[a].at - s.queries[b].at || a - b);
  return { timed, queries };
}

interface Recovery {
  at: number;
  /** −1: the batch layer; otherwise a job index. */
  job: number;
}

export class Engine {
  readonly world: World;
  readonly scenario: Scenario;
  private readonly schedule: Schedule;
  now: number;
  /** Steps performed so far. */
  executed = 0;
  appended = 0;
  earliest = 0;
  jobs: StreamJob[] = [];
  batch: BatchLayer | null = null;
  kappaServing: KappaServingSnapshot | null = null;
  truth: Truth;
  faultPosition = 0;
  recoveries: Recovery[] = [];
  queryPosition = 0;
  /** Answers in the order they happened, and the query index of each. */
  answers: QueryAnswer[] = [];
  answeredQueries: number[] = [];
  /** The step just performed. */
  lastKind = -1;
  lastTime = 0;
  lastSubject = -1;
  lastJob = -1;
  /** Small per-step details for narration (meaning depends on the kind). */
  detail = [0, 0, 0];

  constructor(world: World, copyFrom?: Engine) {
    this.world = world;
    this.scenario = world.scenario;
    if (copyFrom) {
      this.schedule = copyFrom.schedule;
      this.now = copyFrom.now;
      this.truth = copyFrom.truth.clone();
      this.copyFrom(copyFrom);
      return;
    }
    const s = this.scenario;
    this.schedule = buildSchedule(s);
    this.now = s.start;
    this.truth = new Truth(world);
    if (s.architecture === 'lambda') {
      this.batch = new BatchLayer(world);
      this.jobs.push(this.newJob('speed', 'speed', false));
    } else {
      this.kappaServing = initialTransition(kappaServingMachine)[0];
      this.jobs.push(this.newJob('v1', 'stream', false));
    }
    this.truth.advanceTo(this.now);
  }

  private copyFrom(o: Engine): void {
    this.executed = o.executed;
    this.appended = o.appended;
    this.earliest = o.earliest;
    this.jobs = o.jobs.map((j) => j.clone(this.world));
    this.batch = o.batch ? o.batch.clone() : null;
    this.kappaServing = o.kappaServing;
    this.faultPosition = o.faultPosition;
    this.recoveries = o.recoveries.slice();
    this.queryPosition = o.queryPosition;
    this.answers = o.answers.slice();
    this.answeredQueries = o.answeredQueries.slice();
    this.lastKind = o.lastKind;
    this.lastTime = o.lastTime;
    this.lastSubject = o.lastSubject;
    this.lastJob = o.lastJob;
    this.detail = o.detail.slice();
  }

  clone(): Engine {
    return new Engine(this.world, this);
  }

  private newJob(
    name: string,
    role: 'speed' | 'stream',
    replay: boolean,
    logic = this.jobLogic(role),
  ): StreamJob {
    const s = this.scenario;
    const cfg = role === 'speed' ? s.speed : s.kappa;
    return new StreamJob(this.world, {
      name,
      role,
      replay,
      table: tableFor(this.world, logic),
      delivery: s.delivery,
      dedup: s.dedup,
      commitEvery: cfg.commitEvery,
      processingTime: cfg.processingTime,
    });
  }

  private jobLogic(role: 'speed' | 'stream') {
    return role === 'speed' ? this.scenario.speed.logic : this.scenario.kappa.logic;
  }

  /** The job the serving layer reads (Kappa), or the speed layer (Lambda). */
  get servingJobIndex(): number {
    if (!this.kappaServing) return 0;
    const table = this.kappaServing.context.table;
    return this.jobs.findIndex((j) => j.name === table);
  }

  // ---- choosing the next occurrence -------------------------------------------------------

  private nT = Infinity;
  private nK = 99;
  private nSubject = -1;
  private nJob = -1;

  private consider(t: number, kind: number, subject: number, job: number): void {
    if (t < this.nT || (t === this.nT && kind < this.nK)) {
      this.nT = t;
      this.nK = kind;
      this.nSubject = subject;
      this.nJob = job;
    }
  }

  /** Where job `j` would read next: skipping what the batch view covers and what retention deleted. */
  nextFetchPosition(j: StreamJob): number {
    let pos = j.fetched;
    if (j.role === 'speed' && j.tally.floor > pos) pos = j.tally.floor;
    if (this.earliest > pos) pos = this.earliest;
    return pos;
  }

  private pickNext(): void {
    this.nT = Infinity;
    this.nK = 99;
    this.nSubject = -1;
    this.nJob = -1;
    const w = this.world;
    const s = this.scenario;
    const now = this.now;
    if (s.log.retention !== null && this.earliest < this.appended) {
      this.consider(w.recArrival[this.earliest] + s.log.retention + 1, K.LogTrimmed, -1, -1);
    }
    if (this.faultPosition < this.schedule.timed.length) {
      const f = this.schedule.timed[this.faultPosition];
      if (f.kind === 'crash') this.consider(f.at, K.JobCrashed, f.index, -1);
      else if (f.kind === 'deploy') this.consider(f.at, K.DeployStarted, f.index, -1);
    }
    for (let r = 0; r < this.recoveries.length; r++) {
      this.consider(this.recoveries[r].at, K.JobRecovered, r, this.recoveries[r].job);
    }
    const batch = this.batch;
    if (batch) {
      if (batch.run) this.consider(batch.run!.endsAt, K.BatchPublished, -1, -1);
      const start = batch.nextStart(now);
      if (start !== null) this.consider(start, K.BatchStarted, -1, -1);
    }
    if (this.appended < w.recordCount) {
      this.consider(w.recArrival[this.appended], K.RecordAppended, this.appended, -1);
    }
    for (let j = 0; j < this.jobs.length; j++) this.considerJob(j);
    if (this.queryPosition < this.schedule.queries.length) {
      const q = this.schedule.queries[this.queryPosition];
      this.consider(s.queries[q].at, K.QueryAnswered, q, -1);
    }
  }

  private considerJob(j: number): void {
    const job = this.jobs[j];
    if (!job.active) return;
    const pos = this.nextFetchPosition(job);
    if (pos < this.appended) {
      const arrival = this.world.recArrival[pos];
      let t = arrival > this.now ? arrival : this.now;
      if (job.pacing) {
        const paced = job.pacing.at + (arrival - job.pacing.baseArrival) / job.pacing.speedup;
        if (paced > t) t = paced;
      }
      this.consider(t, K.RecordFetched, pos, j);
    }
    if (job.flightSize > 0) {
      this.consider(
        job.flightAt[job.flightHead] + job.processingTime,
        K.RecordProcessed,
        job.flightRecord[job.flightHead],
        j,
      );
    }
    if (job.nextCommitAt !== Infinity) this.consider(job.nextCommitAt, K.OffsetsCommitted, -1, j);
    if (job.state === 'replaying' && job.flightSize === 0 && pos >= this.appended) {
      this.consider(this.now, K.ReplayCaughtUp, -1, j);
    }
    if (job.state === 'caught-up') this.consider(this.now, K.ServingSwitched, -1, j);
  }

  // ---- performing it ----------------------------------------------------------------------

  /** Performs the next step. Returns false when nothing more happens before the scenario's end. */
  step(): boolean {
    this.pickNext();
    if (this.nT > this.scenario.end) return false;
    const t = this.nT;
    if (t > this.now) {
      this.now = t;
      this.truth.advanceTo(t);
    }
    this.lastKind = this.nK;
    this.lastTime = t;
    this.lastSubject = this.nSubject;
    this.lastJob = this.nJob;
    this.detail[0] = this.detail[1] = this.detail[2] = 0;
    this.executed++;
    switch (this.nK) {
      case K.LogTrimmed:
        return this.trim();
      case K.JobCrashed:
        return this.crash(this.nSubject);
      case K.JobRecovered:
        return this.recover(this.nSubject);
      case K.BatchPublished:
        return this.publish();
      case K.BatchStarted:
        this.batch!.start(t, this.appended, this.earliest);
        return true;
      case K.DeployStarted:
        return this.deploy(this.nSubject);
      case K.RecordAppended:
        this.appended++;
        return true;
      case K.RecordFetched:
        this.jobs[this.nJob].fetch(this.nSubject, t, this.earliest);
        return true;
      case K.RecordProcessed:
        this.detail[0] = this.jobs[this.nJob].process(t);
        return true;
      case K.OffsetsCommitted:
        this.jobs[this.nJob].commit();
        return true;
      case K.ReplayCaughtUp:
        return this.caughtUp(this.nJob);
      case K.ServingSwitched:
        return this.switchOver(this.nJob);
      case K.QueryAnswered:
        this.answer(this.nSubject);
        return true;
    }
    return true;
  }

  private trim(): boolean {
    const limit = this.now - this.scenario.log.retention!;
    const before = this.earliest;
    const arrival = this.world.recArrival;
    while (this.earliest < this.appended && arrival[this.earliest] < limit) this.earliest++;
    this.detail[0] = this.earliest - before;
    return true;
  }

  /** The job a crash fault hits now: Lambda `speed` or `batch`, Kappa the job serving now. */
  crashTarget(fault: Fault): number {
    if (fault.kind !== 'crash') return -1;
    if (fault.job === 'batch') return -1;
    return fault.job === 'speed' ? 0 : this.servingJobIndex;
  }

  private crash(faultIndex: number): boolean {
    this.faultPosition++;
    const fault = this.scenario.faults[faultIndex];
    if (fault.kind !== 'crash') return true;
    const target = this.crashTarget(fault);
    this.lastJob = target;
    if (target === -1) {
      const result = this.batch!.crash();
      if (result === 'ignored') return true;
      this.detail[0] = result === 'aborted' ? 1 : 0;
    } else {
      const job = this.jobs[target];
      if (!job.active) return true;
      this.detail[1] = job.processedPosition;
      this.detail[2] = job.fetched;
      this.detail[0] = job.crash().length;
    }
    this.recoveries.push({ at: this.now + fault.downFor, job: target });
    return true;
  }

  private recover(r: number): boolean {
    const { job } = this.recoveries[r];
    this.recoveries.splice(r, 1);
    if (job === -1) this.batch!.recover(this.now);
    else this.jobs[job].recover();
    return true;
  }

  private publish(): boolean {
    const view = this.batch!.publish(this.now);
    const speed = this.jobs[0];
    this.detail[0] = speed.tally.floor;
    speed.handOff(view.cutOff);
    return true;
  }

  private deploy(faultIndex: number): boolean {
    this.faultPosition++;
    const fault = this.scenario.faults[faultIndex];
    if (fault.kind !== 'deploy') return true;
    // A deploy during an unfinished replay replaces it.
    for (const job of this.jobs) {
      if (job.state === 'replaying' || job.state === 'caught-up') job.send({ type: 'job.stopped' });
    }
    const name = `v${this.jobs.length + 1}`;
    const job = this.newJob(name, 'stream', true, fault.logic);
    job.fetched = job.committed = job.checkpointPosition = this.earliest;
    job.lostToRetention = this.earliest;
    if (this.earliest > 0) job.retentionGaps = [[0, this.earliest]];
    const base =
      this.earliest < this.world.recordCount ? this.world.recArrival[this.earliest] : this.now;
    job.pacing = {
      at: this.now,
      baseArrival: Math.min(base, this.now),
      speedup: this.scenario.kappa.speedup,
    };
    this.jobs.push(job);
    this.lastJob = this.jobs.length - 1;
    this.kappaServing = transition(kappaServingMachine, this.kappaServing!, {
      type: 'deploy.started',
      table: name,
    })[0];
    return true;
  }

  private caughtUp(j: number): boolean {
    const job = this.jobs[j];
    job.send({ type: 'replay.caught-up' });
    job.pacing = null;
    this.kappaServing = transition(kappaServingMachine, this.kappaServing!, {
      type: 'replay.caught-up',
    })[0];
    return true;
  }

  private switchOver(j: number): boolean {
    const old = this.servingJobIndex;
    this.kappaServing = transition(kappaServingMachine, this.kappaServing!, {
      type: 'serving.switched',
    })[0];
    if (old >= 0 && old !== j) this.jobs[old].send({ type: 'job.stopped' });
    this.jobs[j].send({ type: 'serving.switched' });
    this.detail[0] = old;
    return true;
  }

  // ---- reading answers --------------------------------------------------------------------

  /** Day index (relative to the world's base) of a query day. */
  dayIndex(day: string, at: number): number {
    const d = resolveDay(day, at, this.scenario.timeZone);
    return d === null ? -1 : d - this.world.dayBase;
  }

  servedOn(day: number): { served: number; parts: QueryAnswer['parts'] } {
    if (this.batch) {
      const batch = this.batch.countOn(day);
      const speed = this.jobs[0].tally.countOn(day);
      return { served: batch + speed, parts: { batch, speed } };
    }
    const j = this.jobs[this.servingJobIndex];
    return { served: j.tally.countOn(day), parts: { table: j.name } };
  }

  private answer(q: number): void {
    this.queryPosition++;
    const query = this.scenario.queries[q];
    const day = this.dayIndex(query.day, query.at);
    const { served, parts } = this.servedOn(day);
    this.answeredQueries.push(q);
    this.answers.push({
      at: isoTime(query.at),
      day: dayKey(day + this.world.dayBase),
      served,
      truth: this.truth.countOn(day),
      parts,
    });
  }

  /** The answers so far in query order (the report's order, MODEL.md). */
  answersInQueryOrder(): QueryAnswer[] {
    const order = this.answers.map((_, k) => k);
    order.sort((a, b) => this.answeredQueries[a] - this.answeredQueries[b]);
    return order.map((k) => this.answers[k]);
  }

  /** Runs to the end (headless use). */
  runToEnd(): void {
    while (this.step()) {
      /* every step is recorded by the caller when it needs them */
    }
  }

  get bytes(): number {
    let b = this.truth.counts.byteLength + this.truth.seenUser.byteLength;
    for (const j of this.jobs) b += j.bytes;
    return b + 1024;
  }
}
