/**
 * The Lambda batch layer's data: its schedule, the run in progress (cut-off and recomputed view)
 * and the latest published view. A run takes its cut-off (the log's end) when it starts and
 * recomputes every day from scratch over the retained records before the cut-off; the view is
 * only visible once the run publishes it, all at once. Every lifecycle event goes to the batch
 * machine first; the data follows the state it moved to.
 */
import { initialTransition, type SnapshotFrom } from 'xstate';
import { advance } from '../machine/transition.ts';
import { Tally, tallyRange } from '../stream/tally.logic.ts';
import { tableFor, type LogicTable, type World } from '../world/world.ts';
import { batchMachine, type BatchEvent } from './batch.machine.ts';
import { BatchSchedule } from './batch.schedule.ts';

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

/** What a crash did: nothing (already down), stopped an idle layer, or aborted a run. */
export type BatchCrash = 'ignored' | 'idle' | 'aborted';

export class BatchLayer {
  machine: BatchSnapshot;
  /** The machine's state, and its tags, cached when it moves (read on the hot path). */
  state: string;
  mayStart = true;
  startsNow = false;
  runs = 0;
  run: BatchRun | null = null;
  published: PublishedView | null = null;
  nextRunAt: number;
  readonly table: LogicTable;
  private readonly schedule: BatchSchedule;

  constructor(private readonly world: World) {
    this.table = tableFor(world, world.scenario.batch.logic);
    this.schedule = new BatchSchedule(world.scenario);
    this.machine = initialTransition(batchMachine)[0];
    this.state = this.machine.value as string;
    this.nextRunAt = this.schedule.first;
  }

  /** A copy (runs and published views are never mutated after creation, so they are shared). */
  clone(): BatchLayer {
    return Object.assign(Object.create(BatchLayer.prototype) as BatchLayer, this);
  }

  private send(event: BatchEvent): void {
    this.machine = advance(batchMachine, this.machine, event);
    this.state = this.machine.value as string;
    this.mayStart = this.machine.hasTag('may-start');
    this.startsNow = this.machine.hasTag('starts-now');
  }

  /** When the next run may start (null: none), given the current time. */
  nextStart(now: number): number | null {
    if (!this.mayStart) return null;
    if (this.startsNow) return now;
    return Math.max(this.nextRunAt, now);
  }

  start(now: number, appended: number, earliest: number): BatchRun {
    this.send({ type: 'batch.started' });
    const s = this.world.scenario;
    // A run over the same records as the last one computes the same view: share it.
    const last = this.published;
    const tally =
      last && last.from === earliest && last.cutOff === appended
        ? last.tally
        : tallyRange(this.world, this.table, s.dedup, earliest, appended);
    this.run = {
      number: ++this.runs,
      startedAt: now,
      endsAt: now + s.batch.duration,
      cutOff: appended,
      from: earliest,
      tally,
    };
    // Runs that fell due during this one coalesce into the next start.
    this.nextRunAt = this.schedule.after(now);
    return this.run;
  }

  publish(now: number): PublishedView {
    this.send({ type: 'run.finished' });
    this.published = { ...this.run!, publishedAt: now };
    this.run = null;
    return this.published;
  }

  crash(): BatchCrash {
    const before = this.machine;
    if (!before.can({ type: 'job.crashed' })) return 'ignored';
    this.send({ type: 'job.crashed' });
    if (before.hasTag('running')) {
      this.run = null;
      return 'aborted';
    }
    return 'idle';
  }

  recover(now: number): void {
    // A scheduled run that fell in the down time is owed, like an aborted one.
    this.send({ type: 'job.recovered', missed: this.nextRunAt <= now });
  }

  countOn(day: number): number {
    return this.published ? this.published.tally.countOn(day) : 0;
  }
}
