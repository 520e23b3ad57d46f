/**
 * A tally: a job's counts per day under its business logic, kept in flat typed arrays.
 *
 * Every record a job accepts goes into an append-only *journal* (global record indices, in the
 * order processed, repeats included); the counts are a pure function of the journal and a
 * *floor* (records below it no longer count: the Lambda hand-off after a batch view is published).
 * Counts are updated incrementally per record and rebuilt from the journal only on the rare
 * events that remove records: a hand-off, or an exactly-once rollback to a checkpoint.
 */
import { withBytes } from '../state/scratch.ts';
import type { Counting, Dedup } from '../scenario/scenario.types.ts';
import type { LogicTable, World } from '../world/world.ts';

/** What processing one record did to a tally (for narration and tests). */
export const Outcome = {
  /** per-record: +1 on the record's day */
  Counted: 0,
  /** distinct-users: a user seen for the first time, counted on their day */
  NewUser: 1,
  /** distinct-users: an earlier signup moved an already-counted user to an earlier day */
  MovedEarlier: 2,
  /** distinct-users: the user was already counted on the same or an earlier day */
  KnownUser: 3,
  /** dedup by event id: this event id was already counted */
  DuplicateId: 4,
  /** the logic excludes this user (test accounts) */
  Excluded: 5,
  /** accepted, but below the floor: the batch view already covers it */
  BelowFloor: 6,
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

export class Tally {
  readonly counting: Counting;
  readonly dedup: Dedup;
  counts: Int32Array;
  /** distinct-users: per user, the event index of their earliest counted signup (−1: none). */
  earliestEvent: Int32Array;
  /** dedup by event id: 1 for event ids in the journal. */
  seen: Uint8Array;
  /**
   * The journal's entries [0, journalLength). Its buffer may be shared with the tally's clones
   * (checkpoints): entries below `written.n` have been written by one of them and are never
   * overwritten, so a clone shares the buffer instead of copying it, and a tally that appends a
   * different entry where another already wrote one (after a rollback) takes its own copy first.
   */
  journal: Int32Array;
  journalLength = 0;
  /** How many entries of the journal's buffer are written (shared by all tallies using it). */
  private written = { n: 0 };
  floor = 0;
  /** For narration: the day changed by the last `add` and the day a moved user left. */
  lastDay = -1;
  lastFromDay = -1;

  constructor(
    private readonly world: World,
    readonly table: LogicTable,
    dedup: Dedup,
    empty = false,
  ) {
    this.counting = table.logic.counting;
    this.dedup = dedup;
    this.counts = new Int32Array(world.dayCount);
    this.earliestEvent = empty ? new Int32Array(0) : this.freshEarliest();
    this.seen = empty || dedup === 'none' ? new Uint8Array(0) : new Uint8Array(world.eventCount);
    this.journal = new Int32Array(empty ? 0 : 64);
  }

  private freshEarliest(): Int32Array {
    return this.counting === 'distinct-users'
      ? new Int32Array(this.world.users.length).fill(-1)
      : new Int32Array(0);
  }

  /** Processes one log record (global index). */
  add(record: number): Outcome {
    const ev = this.world.recEvent[record];
    const user = this.world.eventUser[ev];
    if (this.table.userExcluded[user]) return Outcome.Excluded;
    if (this.dedup === 'event-id') {
      if (this.seen[ev]) return Outcome.DuplicateId;
      this.seen[ev] = 1;
    }
    this.append(record);
    if (record < this.floor) return Outcome.BelowFloor;
    return this.apply(ev, user);
  }

  private append(record: number): void {
    const j = this.journalLength;
    if (j < this.written.n) {
      // A tally sharing the buffer wrote entry j: the same entry is shared, another one needs a
      // buffer of this tally's own.
      if (this.journal[j] === record) {
        this.journalLength++;
        return;
      }
      this.ownJournal(this.journal.length);
    } else if (j === this.journal.length) this.ownJournal(this.grownCapacity(j));
    this.journal[j] = record;
    this.journalLength = this.written.n = j + 1;
  }

  /**
   * The next size of a full journal of `length` entries: twice as large, except that a big one
   * goes straight to one entry per log record (what a job that reads the whole log once needs).
   * The buffers a journal grew out of stay with the checkpoints that share them, so doubling all
   * the way held about twice the final journal (a 5,000,000-record run: 63 MB instead of 20 MB).
   */
  private grownCapacity(length: number): number {
    const records = this.world.recordCount;
    return length >= 65_536 && length < records ? records : Math.max(64, length * 2);
  }

  /** Room for `capacity` entries from the start (a tally computed at once over a known range). */
  reserve(capacity: number): void {
    if (capacity > this.journal.length) this.ownJournal(capacity);
  }

  /** A buffer of this tally's own (entries [0, journalLength) copied), of `capacity` entries. */
  private ownJournal(capacity: number): void {
    const own = new Int32Array(capacity);
    own.set(this.journal.subarray(0, this.journalLength));
    this.journal = own;
    this.written = { n: this.journalLength };
  }

  private apply(ev: number, user: number): Outcome {
    const day = this.table.eventDay[ev];
    this.lastDay = day;
    if (this.counting === 'per-record') {
      this.counts[day]++;
      return Outcome.Counted;
    }
    const prev = this.earliestEvent[user];
    if (prev < 0) {
      this.earliestEvent[user] = ev;
      this.counts[day]++;
      return Outcome.NewUser;
    }
    if (this.world.eventTime[ev] < this.world.eventTime[prev]) {
      const fromDay = this.table.eventDay[prev];
      this.earliestEvent[user] = ev;
      this.lastFromDay = fromDay;
      if (fromDay !== day) {
        this.counts[fromDay]--;
        this.counts[day]++;
      }
      return Outcome.MovedEarlier;
    }
    this.lastDay = this.table.eventDay[prev];
    return Outcome.KnownUser;
  }

  /** Lambda hand-off: records below `floor` stop counting (the batch view now covers them). */
  raiseFloor(floor: number): void {
    if (floor <= this.floor) return;
    this.floor = floor;
    this.rebuild();
  }

  /** The highest log record in the journal (−1 when it is empty), whether counted or not. */
  highestRecord(): number {
    let high = -1;
    for (let k = 0; k < this.journalLength; k++) if (this.journal[k] > high) high = this.journal[k];
    return high;
  }

  /** How many distinct records in [from, to) are in the journal and count (at or above the floor). */
  countedIn(from: number, to: number): number {
    const lo = Math.max(from, this.floor);
    const seen = new Set<number>();
    for (let k = 0; k < this.journalLength; k++) {
      const record = this.journal[k];
      if (record >= lo && record < to) seen.add(record);
    }
    return seen.size;
  }

  /** Exactly-once rollback: forget everything processed after the checkpoint. */
  truncate(length: number): void {
    if (length >= this.journalLength) return;
    if (this.dedup === 'event-id') {
      for (let k = length; k < this.journalLength; k++)
        this.seen[this.world.recEvent[this.journal[k]]] = 0;
    }
    this.journalLength = length;
    this.rebuild();
  }

  private rebuild(): void {
    this.counts.fill(0);
    if (this.counting === 'distinct-users') this.earliestEvent.fill(-1);
    const { recEvent, eventUser } = this.world;
    for (let k = 0; k < this.journalLength; k++) {
      const record = this.journal[k];
      if (record < this.floor) continue;
      const ev = recEvent[record];
      this.apply(ev, eventUser[ev]);
    }
  }

  /**
   * The records behind `countOn(day)`, one per unit counted: per-record, every journal entry on
   * that day (a record twice if it was counted twice); distinct-users, the record of each user's
   * earliest counted signup on that day. Its length always equals `countOn(day)`.
   */
  lineage(day: number): number[] {
    const out: number[] = [];
    this.forEachLineage(day, (record) => out.push(record));
    return out;
  }

  /** Visits `lineage(day)` in order without building it (explanations of a big run). */
  forEachLineage(day: number, visit: (record: number) => void): void {
    const { recEvent } = this.world;
    const distinct = this.counting === 'distinct-users';
    const walk = (taken: Uint8Array | null) => {
      for (let k = 0; k < this.journalLength; k++) {
        const record = this.journal[k];
        if (record < this.floor) continue;
        const ev = recEvent[record];
        if (this.table.eventDay[ev] !== day) continue;
        if (taken) {
          const user = this.world.eventUser[ev];
          if (this.earliestEvent[user] !== ev || taken[user]) continue;
          taken[user] = 1;
        }
        visit(record);
      }
    };
    if (distinct) withBytes(this.world.users.length, walk);
    else walk(null);
  }

  /** Count on a day (day number relative to the world's base). */
  countOn(day: number): number {
    return day >= 0 && day < this.counts.length ? this.counts[day] : 0;
  }

  /** The one way to snapshot a tally: every field copied, typed arrays deeply. */
  clone(): Tally {
    const c = Object.assign(Object.create(Tally.prototype) as Tally, this);
    c.counts = this.counts.slice();
    c.earliestEvent = this.earliestEvent.slice();
    c.seen = this.seen.slice();
    // The journal's buffer is shared (see `journal`): its written entries never change.
    return c;
  }

  /** Approximate bytes held (to budget checkpoints). */
  get bytes(): number {
    return (
      this.counts.byteLength +
      this.earliestEvent.byteLength +
      this.seen.byteLength +
      this.journalLength * 4
    );
  }
}

/** A fresh tally computed from scratch over a range of the log (the batch layer's recomputation). */
export function tallyRange(
  world: World,
  table: LogicTable,
  dedup: Dedup,
  from: number,
  to: number,
): Tally {
  const t = new Tally(world, table, dedup);
  t.reserve(to - from);
  for (let g = from; g < to; g++) t.add(g);
  return t;
}
