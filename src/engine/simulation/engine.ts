/**
 * The engine: one deterministic state and a `step()` that performs exactly one thing that
 * happens next in simulated time. The engine owns what every architecture shares (time, the log's
 * appends and retention, truth, faults, recoveries, queries); the architecture (`arch/`) offers
 * and performs its own occurrences. Deciding *what* happens next is a scan: every source offers
 * its next occurrence, the earliest wins, and same-instant ties go by `STEP_PRIORITY`. Each step
 * leaves a typed fact (`last`) that narration and the picture read. `clone()` is the one way to
 * snapshot the whole state for checkpoints.
 */
import { createArchitecture, type Architecture, type Core, type Scan } from '../arch/index.ts';
import type { Fault, Scenario } from '../scenario/scenario.types.ts';
import { dayKey, isoTime, resolveDay } from '../time/time.logic.ts';
import type { StreamJob } from '../stream/stream.job.ts';
import { Truth } from '../truth/truth.logic.ts';
import type { World } from '../world/world.ts';
import type { QueryAnswer, StepKind } from './simulation.types.ts';
import type { StepFact } from './step-facts.ts';
import { STEP_PRIORITY } from './step-kinds.ts';

type TimedFault = Extract<Fault, { kind: 'crash' | 'deploy' }>;

/** Fault and query schedules, fixed for the run. */
interface Schedule {
  /** Crash and deploy faults by (time, priority, index). A Lambda run ignores deploys. */
  timed: TimedFault[];
  /** Query indices by (at, index). */
  queries: number[];
}

const faultKind = (f: TimedFault): StepKind =>
  f.kind === 'crash' ? 'job.crashed' : 'deploy.started';

function buildSchedule(s: Scenario): Schedule {
  const timed = s.faults.filter(
    (f): f is TimedFault =>
      f.kind === 'crash' || (f.kind === 'deploy' && s.architecture === 'kappa'),
  );
  const prio = (f: TimedFault): number => STEP_PRIORITY[faultKind(f)];
  timed.sort((a, b) => a.at - b.at || prio(a) - prio(b) || a.index - b.index);
  const queries = s.queries.map((q) => q.index);
  queries.sort((a, b) => s.queries[a].at - s.queries[b].at || a - b);
  return { timed, queries };
}

interface Recovery {
  at: number;
  /** The architecture's own numbering (a job index, or −1 for Lambda's batch layer). */
  target: number;
}

/** The next occurrence: the earliest time, then the lowest same-instant priority. */
class NextScan implements Scan {
  t = Infinity;
  priority = Infinity;
  kind: StepKind = 'query.answered';
  subject = -1;
  job = -1;

  reset(): void {
    this.t = Infinity;
    this.priority = Infinity;
  }

  consider(t: number, kind: StepKind, subject: number, job: number): void {
    if (t > this.t) return;
    const priority = STEP_PRIORITY[kind];
    if (t < this.t || priority < this.priority) {
      this.t = t;
      this.priority = priority;
      this.kind = kind;
      this.subject = subject;
      this.job = job;
    }
  }
}

export class Engine implements Core {
  readonly world: World;
  readonly scenario: Scenario;
  private schedule: Schedule;
  private scan: NextScan;
  now: number;
  /** Steps performed so far. */
  executed = 0;
  appended = 0;
  earliest = 0;
  arch: Architecture;
  truth: Truth;
  faultPosition = 0;
  recoveries: Recovery[] = [];
  queryPosition = 0;
  /** Answers in the order they happened, and the query index of each. */
  answers: QueryAnswer[] = [];
  answeredQueries: number[] = [];
  /**
   * Whether steps leave their facts in `last` (`Core.facts`): a headless run turns it off, since
   * it reads only the answers.
   */
  facts = true;
  /** What the step just performed did (null before the first step, or when `facts` is off). */
  last: StepFact | null = null;
  lastTime = 0;

  constructor(world: World) {
    this.world = world;
    this.scenario = world.scenario;
    this.schedule = buildSchedule(this.scenario);
    this.scan = new NextScan();
    this.now = this.scenario.start;
    this.truth = new Truth(world);
    this.arch = createArchitecture(world);
    this.truth.advanceTo(this.now);
  }

  /** The one way to snapshot an engine: every field copied, the stateful ones by their own clone. */
  clone(): Engine {
    const c = Object.assign(Object.create(Engine.prototype) as Engine, this);
    c.scan = new NextScan();
    c.arch = this.arch.clone();
    c.truth = this.truth.clone();
    c.recoveries = this.recoveries.slice();
    c.answers = this.answers.slice();
    c.answeredQueries = this.answeredQueries.slice();
    return c;
  }

  /** The architecture's streaming jobs. */
  get jobs(): readonly StreamJob[] {
    return this.arch.jobs;
  }

  scheduleRecovery(at: number, target: number): void {
    this.recoveries.push({ at, target });
  }

  recoveryPending(target: number): boolean {
    return this.recoveries.some((r) => r.target === target);
  }

  private pickNext(): NextScan {
    const scan = this.scan;
    scan.reset();
    const w = this.world;
    const s = this.scenario;
    if (s.log.retention !== null && this.earliest < this.appended && !this.arch.ignoresRetention) {
      scan.consider(w.recArrival[this.earliest] + s.log.retention + 1, 'log.trimmed', -1, -1);
    }
    if (this.faultPosition < this.schedule.timed.length) {
      const f = this.schedule.timed[this.faultPosition];
      scan.consider(f.at, faultKind(f), f.index, -1);
    }
    for (let r = 0; r < this.recoveries.length; r++) {
      scan.consider(this.recoveries[r].at, 'job.recovered', r, this.recoveries[r].target);
    }
    if (this.appended < w.recordCount) {
      scan.consider(w.recArrival[this.appended], 'record.appended', this.appended, -1);
    }
    this.arch.next(this, scan);
    if (this.queryPosition < this.schedule.queries.length) {
      const q = this.schedule.queries[this.queryPosition];
      scan.consider(s.queries[q].at, 'query.answered', q, -1);
    }
    return scan;
  }

  /** Performs the next step. Returns false when nothing more happens before the scenario's end. */
  step(): boolean {
    const next = this.pickNext();
    if (next.t > this.scenario.end) return false;
    const t = next.t;
    if (t > this.now) {
      this.now = t;
      this.truth.advanceTo(t);
    }
    this.lastTime = t;
    this.executed++;
    this.last = this.perform(next.kind, next.subject, next.job);
    return true;
  }

  private perform(kind: StepKind, subject: number, job: number): StepFact | null {
    switch (kind) {
      case 'log.trimmed':
        return this.trim();
      case 'record.appended':
        this.appended++;
        this.arch.appended?.(this, subject);
        return this.facts ? { kind, record: subject } : null;
      case 'job.crashed':
      case 'deploy.started': {
        this.faultPosition++;
        const fault = this.scenario.faults[subject] as TimedFault;
        return fault.kind === 'crash'
          ? this.arch.crash(this, fault)
          : this.arch.deploy(this, fault);
      }
      case 'job.recovered': {
        const { target } = this.recoveries[subject];
        this.recoveries.splice(subject, 1);
        return this.arch.recover(this, target);
      }
      case 'query.answered':
        return this.answer(subject);
    }
    return this.arch.perform(this, kind, subject, job);
  }

  private trim(): StepFact {
    const limit = this.now - this.scenario.log.retention!;
    const before = this.earliest;
    const arrival = this.world.recArrival;
    while (this.earliest < this.appended && arrival[this.earliest] < limit) this.earliest++;
    return { kind: 'log.trimmed', deleted: this.earliest - before, earliest: this.earliest };
  }

  // ---- reading answers --------------------------------------------------------------------

  /** Day index (relative to the world's base) of a query day. */
  dayIndex(day: string, at: number): number {
    const d = resolveDay(day, at, this.scenario.timeZone);
    return d === null ? -1 : d - this.world.dayBase;
  }

  /** Truth for a day index: the scenario logic's count, or the architecture's aggregate. */
  truthOn(day: number): number {
    return this.arch.truthOn ? this.arch.truthOn(this, day) : this.truth.countOn(day);
  }

  servedOn(day: number): { served: number; parts: QueryAnswer['parts'] } {
    return this.arch.servedOn(day);
  }

  private answer(q: number): StepFact {
    this.queryPosition++;
    const query = this.scenario.queries[q];
    const day = this.dayIndex(query.day, query.at);
    const { served, parts } = this.arch.servedOn(day);
    const answer: QueryAnswer = {
      at: isoTime(query.at),
      day: dayKey(day + this.world.dayBase),
      served,
      truth: this.truthOn(day),
      parts,
    };
    this.answeredQueries.push(q);
    this.answers.push(answer);
    return { kind: 'query.answered', query: q, answer };
  }

  /** Runs to the end (headless use). */
  runToEnd(): void {
    while (this.step()) {
      /* each step leaves its fact in `last` */
    }
  }

  /** The answers so far in query order (the report's order, MODEL.md). */
  answersInQueryOrder(): QueryAnswer[] {
    const order = this.answers.map((_, k) => k);
    order.sort((a, b) => this.answeredQueries[a] - this.answeredQueries[b]);
    return order.map((k) => this.answers[k]);
  }

  get bytes(): number {
    return this.truth.counts.byteLength + this.truth.seenUser.byteLength + this.arch.bytes + 1024;
  }
}
