/**
 * The Lambda batch layer's data: its schedule, the run in progress (cut-off and recomputed view)
 * and the latest published view. A run takes its cut-off (the log's end) when it starts and
 * recomputes every day from scratch over the retained records before the cut-off; the view is
 * only visible once the run publishes it, all at once.
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { Scenario } from '../scenario/scenario.types.ts';
import { Tally, tallyRange } from '../stream/tally.logic.ts';
import { calendarFor } from '../time/time.logic.ts';
import { tableFor, type LogicTable, type World } from '../world/world.ts';
import { batchMachine, type BatchEvent } from './batch.machine.ts';

type BatchSnapshot = SnapshotFrom<typeof batchMachine>;

export interface BatchRun {
  number: number;
  startedAt: number;
  endsAt: number;
  /** Global cut-off: records [from, cutOff) are in this run. */
  cutOff: number;
  from: number;
  tally: Tally;
}

export interface PublishedView extends BatchRun {
  publishedAt: number;
}

/** First scheduled run: the local `at` time on or after the scenario's start. */
export function firstRunAt(scenario: Scenario): number {
  const cal = calendarFor(scenario.timeZone);
  const [h, m] = scenario.batch.at.split(':').map(Number);
  const startDay = cal.dayOf(scenario.start);
  let first = cal.localToInstant(startDay, h * 60 + m);
  if (first < scenario.start) first = cal.localToInstant(startDay + 1, h * 60 + m);
  return first;
}

export class BatchLayer {
  machine: BatchSnapshot;
  state: string;
  run: BatchRun | null = null;
  published: PublishedView | null = null;
  nextRunAt: number | null;
  /** A run was aborted by a crash (or missed while down): start one as soon as possible. */
  pendingRun = false;
  readonly table: LogicTable;
  private readonly first: number;
  private readonly every: number;

  constructor(
    private readonly world: World,
    copyFrom?: BatchLayer,
  ) {
    const s = world.scenario;
    this.table = tableFor(world, s.batch.logic);
    this.first = firstRunAt(s);
    this.every = s.batch.every;
    if (copyFrom) {
      this.machine = copyFrom.machine;
      this.state = copyFrom.state;
      this.run = copyFrom.run;
      this.published = copyFrom.published;
      this.nextRunAt = copyFrom.nextRunAt;
      this.pendingRun = copyFrom.pendingRun;
      return;
    }
    this.machine = initialTransition(batchMachine)[0];
    this.state = this.machine.value as string;
    this.nextRunAt = this.first;
  }

  /** Runs and published views are never mutated after creation, so a clone can share them. */
  clone(): BatchLayer {
    return new BatchLayer(this.world, this);
  }

  send(event: BatchEvent): void {
    this.machine = transition(batchMachine, this.machine, event)[0];
    this.state = this.machine.value as string;
  }

  /** When the next run may start (null: none), given the current time. */
  nextStart(now: number): number | null {
    if (this.state !== 'idle') return null;
    if (this.pendingRun) return now;
    return this.nextRunAt === null ? null : Math.max(this.nextRunAt, now);
  }

  start(now: number, appended: number, earliest: number): BatchRun {
    this.send({ type: 'batch.started' });
    const s = this.world.scenario;
    this.run = {
      number: this.machine.context.runs,
      startedAt: now,
      endsAt: now + s.batch.duration,
      cutOff: appended,
      from: earliest,
      tally: tallyRange(this.world, this.table, s.dedup, earliest, appended),
    };
    this.pendingRun = false;
    const k = Math.floor((now - this.first) / this.every) + 1;
    this.nextRunAt = this.first + Math.max(k, 0) * this.every;
    return this.run;
  }

  publish(now: number): PublishedView {
    this.send({ type: 'run.finished' });
    this.published = { ...this.run!, publishedAt: now };
    this.run = null;
    this.send({ type: 'view.published' });
    return this.published;
  }

  crash(): boolean {
    const wasRunning = this.state === 'running';
    if (wasRunning) {
      this.run = null;
      this.pendingRun = true;
    }
    this.send({ type: 'job.crashed' });
    return wasRunning;
  }

  recover(now: number): void {
    this.send({ type: 'job.recovered' });
    // A scheduled run that fell in the down time starts now.
    if (this.nextRunAt !== null && this.nextRunAt <= now) this.pendingRun = true;
  }

  countOn(day: number): number {
    return this.published ? this.published.tally.countOn(day) : 0;
  }
}
