/**
 * A streaming job's data: where it is in the log, what is in flight, its tally, and what its
 * delivery guarantee does on a crash. Used for the Lambda speed layer and the Kappa jobs.
 *
 * Positions are global indices in the log's arrival order (every job reads in that order, so a
 * position is also a per-partition offset vector): `fetched` is the next record to read; records
 * fetched but not yet processed are *in flight* (FIFO: each takes `processingTime`); the
 * *processed position* is the first record not yet processed; `committed` is where a restart
 * resumes.
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { allows } from '../machine/transition.ts';
import type { Delivery, Dedup } from '../scenario/scenario.types.ts';
import type { LogicTable, World } from '../world/world.ts';
import { streamJobMachine, type StreamJobEvent } from './stream.machine.ts';
import { Outcome, Tally } from './tally.logic.ts';
import { SharedBytes } from '../state/shared-bytes.ts';

type JobSnapshot = SnapshotFrom<typeof streamJobMachine>;

/** Asked for every record processed while recovering (most are not the last one owed). */
const endsRecovery = allows(streamJobMachine, 'job.processed');

export interface StreamJobOptions {
  name: string;
  role: 'speed' | 'stream';
  replay: boolean;
  table: LogicTable;
  delivery: Delivery;
  dedup: Dedup;
  commitEvery: number;
  processingTime: number;
}

export class StreamJob {
  readonly name: string;
  readonly role: 'speed' | 'stream';
  readonly delivery: Delivery;
  readonly commitEvery: number;
  readonly processingTime: number;
  machine: JobSnapshot;
  /** Cached `machine.value` (for the picture and words; decisions read tags or `can`). */
  state = '';
  /** Cached tags of the machine's state, read on the hot path. */
  working = false;
  recovering = false;
  preServing = false;
  tally: Tally;
  fetched = 0;
  committed = 0;
  /** Exactly-once checkpoint: journal length and position saved together. */
  checkpointJournal = 0;
  checkpointPosition = 0;
  nextCommitAt = Infinity;
  /** Kappa replay pacing: record i is read no earlier than at + (arrival_i − baseArrival) / speedup. */
  pacing: { at: number; baseArrival: number; speedup: number } | null = null;
  /** In-flight FIFO (ring buffer): record indices and the times they were fetched. */
  flightRecord: Int32Array = new Int32Array(16);
  flightAt: Float64Array = new Float64Array(16);
  flightHead = 0;
  flightSize = 0;
  /** How many times each record was processed (at most 255), shared with the job's copies. */
  timesProcessed: SharedBytes;
  reprocessed = 0;
  dedupSkipped = 0;
  excluded = 0;
  /** Records lost under at-most-once (fetched and committed, never processed). */
  lost: number[] = [];
  lostToRetention = 0;
  /** The ranges [from, to) of records retention deleted before this job read them. */
  retentionGaps: [number, number][] = [];
  /** Records never read because a published batch view already covered them (Lambda hand-off). */
  skippedCovered = 0;

  constructor(world: World, o: StreamJobOptions) {
    this.name = o.name;
    this.role = o.role;
    this.delivery = o.delivery;
    this.commitEvery = o.commitEvery;
    this.processingTime = o.processingTime;
    this.machine = initialTransition(streamJobMachine, {
      name: o.name,
      role: o.role,
      replay: o.replay,
    })[0];
    this.cacheState();
    this.tally = new Tally(world, o.table, o.dedup);
    this.timesProcessed = new SharedBytes(world.recordCount);
  }

  /**
   * The one way to snapshot a job: every field is copied, and the mutable ones are copied deeply
   * (a field added later is carried over by the shallow copy; the restore-equals-stepping property
   * test catches one that is mutated in place and so would need a deep copy here).
   */
  clone(): StreamJob {
    const c = Object.assign(Object.create(StreamJob.prototype) as StreamJob, this);
    c.tally = this.tally.clone();
    c.timesProcessed = this.timesProcessed.clone();
    c.flightRecord = this.flightRecord.slice();
    c.flightAt = this.flightAt.slice();
    c.lost = this.lost.slice();
    return c;
  }

  send(event: StreamJobEvent): void {
    this.machine = transition(streamJobMachine, this.machine, event)[0];
    this.cacheState();
  }

  private cacheState(): void {
    this.state = this.machine.value as string;
    this.working = this.machine.hasTag('working');
    this.recovering = this.machine.hasTag('recovering');
    this.preServing = this.machine.hasTag('pre-serving');
  }

  /** True while the job reads and processes records (the machine's tag `working`). */
  get active(): boolean {
    return this.working;
  }

  /** The first record not yet processed. */
  get processedPosition(): number {
    return this.flightSize > 0 ? this.flightRecord[this.flightHead] : this.fetched;
  }

  flightRecordAt(k: number): number {
    return this.flightRecord[(this.flightHead + k) % this.flightRecord.length];
  }

  flightTimeAt(k: number): number {
    return this.flightAt[(this.flightHead + k) % this.flightAt.length];
  }

  /** Reads record `record` at `now` (positions before it are skipped: hand-off or retention). */
  fetch(record: number, now: number, earliest: number): void {
    if (record > this.fetched) {
      // Records the log deleted before this job could read them are gone for it.
      const deleted = earliest > this.fetched ? Math.min(earliest, record) - this.fetched : 0;
      this.lostToRetention += deleted;
      if (deleted > 0)
        this.retentionGaps = [...this.retentionGaps, [this.fetched, this.fetched + deleted]];
      this.skippedCovered += record - this.fetched - deleted;
    }
    if (this.flightSize === this.flightRecord.length) this.growFlight();
    const slot = (this.flightHead + this.flightSize) % this.flightRecord.length;
    this.flightRecord[slot] = record;
    this.flightAt[slot] = now;
    this.flightSize++;
    this.fetched = record + 1;
    // At-most-once commits before processing: a crash now loses what is in flight.
    if (this.delivery === 'at-most-once') this.committed = this.fetched;
  }

  private growFlight(): void {
    const n = this.flightRecord.length;
    const rec = new Int32Array(n * 2);
    const at = new Float64Array(n * 2);
    for (let k = 0; k < this.flightSize; k++) {
      rec[k] = this.flightRecord[(this.flightHead + k) % n];
      at[k] = this.flightAt[(this.flightHead + k) % n];
    }
    this.flightRecord = rec;
    this.flightAt = at;
    this.flightHead = 0;
  }

  /** Finishes the record at the head of the in-flight queue. */
  process(now: number): Outcome {
    const record = this.flightRecord[this.flightHead];
    this.flightHead = (this.flightHead + 1) % this.flightRecord.length;
    this.flightSize--;
    const times = this.timesProcessed.get(record);
    if (times < 255) this.timesProcessed.set(record, times + 1);
    if (times >= 1) this.reprocessed++;
    const outcome = this.tally.add(record);
    if (outcome === Outcome.DuplicateId) this.dedupSkipped++;
    else if (outcome === Outcome.Excluded) this.excluded++;
    if (this.delivery !== 'at-most-once' && this.nextCommitAt === Infinity) {
      this.nextCommitAt = (Math.floor(now / this.commitEvery) + 1) * this.commitEvery;
    }
    // While recovering, the machine decides when the job is back where it was (an event it
    // refuses changes nothing, so it is only sent when the machine accepts it).
    if (this.recovering) {
      const event = { type: 'job.processed', position: this.processedPosition } as const;
      if (endsRecovery(this.machine, event)) this.send(event);
    }
    return outcome;
  }

  /** At-least-once commit, or exactly-once checkpoint (state and offsets together). */
  commit(): void {
    this.committed = this.processedPosition;
    if (this.delivery === 'exactly-once') {
      this.checkpointJournal = this.tally.journalLength;
      this.checkpointPosition = this.committed;
    }
    this.nextCommitAt = Infinity;
  }

  /**
   * A crash: the machine decides first (a job already down, stopped or replaying ignores it:
   * null); then what is in flight is dropped, and the delivery guarantee decides the rest.
   * Returns the records in flight at the crash (at-most-once: now lost).
   */
  crash(): number[] | null {
    const processedBefore = this.processedPosition;
    const event = { type: 'job.crashed', processedBefore } as const;
    if (!this.machine.can(event)) return null;
    this.send(event);
    const inFlight: number[] = [];
    for (let k = 0; k < this.flightSize; k++) inFlight.push(this.flightRecordAt(k));
    this.flightSize = 0;
    this.flightHead = 0;
    this.nextCommitAt = Infinity;
    if (this.delivery === 'at-most-once') {
      this.lost.push(...inFlight);
      this.fetched = this.committed;
    } else if (this.delivery === 'at-least-once') {
      this.fetched = this.committed;
    } else {
      this.tally.truncate(this.checkpointJournal);
      this.committed = this.checkpointPosition;
      this.fetched = this.checkpointPosition;
    }
    return inFlight;
  }

  recover(): void {
    this.send({ type: 'job.recovered' });
    // Nothing processed since the crash's position was lost: the machine may end recovery at once.
    if (this.recovering) this.send({ type: 'job.processed', position: this.processedPosition });
  }

  /** Lambda hand-off: drop the state for records before the batch cut-off; resume no earlier. */
  handOff(cutOff: number): void {
    this.tally.raiseFloor(cutOff);
    if (this.committed < cutOff) this.committed = cutOff;
    if (this.checkpointPosition < cutOff) {
      this.checkpointPosition = cutOff;
    }
  }

  /**
   * A wrong Lambda hand-off (`clear-all`): drop every record processed so far, not only those
   * before the batch cut-off; records still in flight or not yet read count when processed.
   */
  clearAll(cutOff: number): void {
    this.handOff(Math.max(cutOff, this.tally.highestRecord() + 1));
  }

  /** Records retention deleted before this job could read them. */
  missedToRetention(record: number): boolean {
    return this.retentionGaps.some(([from, to]) => record >= from && record < to);
  }

  get bytes(): number {
    return this.tally.bytes + this.timesProcessed.length + this.flightRecord.byteLength * 3;
  }
}
