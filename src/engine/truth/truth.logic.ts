/**
 * The truth oracle: what an all-seeing observer knows. newUsers(D, t) counts distinct users whose
 * earliest signup event time falls in day D (in the scenario's logic), over events with time ≤ t,
 * whether or not they have reached the log. Events are visited in event-time order, so a user's
 * first visit is their earliest signup.
 */
import { tableFor, type LogicTable, type World } from '../world/world.ts';

export class Truth {
  position = 0;
  counts: Int32Array;
  /** Distinct counting: 1 for users already counted (empty once `shareFirstKept` is used). */
  seenUser: Uint8Array;
  /**
   * Distinct counting, when set: per user, the position in `eventsByTime` of their first kept
   * event (the truth index's `firstAt`, shared by every copy), which says whether an event is a
   * user's first without a per-state `seenUser`.
   */
  private firstKept: Int32Array | null = null;
  readonly table: LogicTable;

  constructor(private readonly world: World) {
    this.table = tableFor(world, world.scenario.logic);
    this.counts = new Int32Array(world.dayCount);
    const distinct = this.table.logic.counting === 'distinct-users';
    this.seenUser = new Uint8Array(distinct ? world.users.length : 0);
  }

  /**
   * From now on, tells a user's first event by `firstAt` (per user, the position in
   * `eventsByTime` of their first kept event, or −1) instead of `seenUser`, which it drops: a run
   * that keeps many copies of its state (`Simulation`) then holds one array for all of them.
   * Any position will do: which event is a user's first never depends on how far truth got.
   */
  shareFirstKept(firstAt: Int32Array): void {
    if (this.table.logic.counting !== 'distinct-users') return;
    this.firstKept = firstAt;
    this.seenUser = new Uint8Array(0);
  }

  /** The one way to snapshot truth: every field copied, typed arrays deeply. */
  clone(): Truth {
    const c = Object.assign(Object.create(Truth.prototype) as Truth, this);
    c.counts = this.counts.slice();
    c.seenUser = this.seenUser.slice();
    return c;
  }

  /** Takes in every event whose event time is ≤ t. */
  advanceTo(t: number): void {
    const { eventsByTime, eventTime, eventUser } = this.world;
    const { eventDay, userExcluded } = this.table;
    const distinct = this.table.logic.counting === 'distinct-users';
    const firstKept = this.firstKept;
    while (this.position < eventsByTime.length) {
      const k = this.position;
      const ev = eventsByTime[k];
      if (eventTime[ev] > t) break;
      this.position++;
      const user = eventUser[ev];
      if (userExcluded[user]) continue;
      if (firstKept) {
        if (firstKept[user] !== k) continue;
      } else if (distinct) {
        if (this.seenUser[user]) continue;
        this.seenUser[user] = 1;
      }
      this.counts[eventDay[ev]]++;
    }
  }

  countOn(day: number): number {
    return day >= 0 && day < this.counts.length ? this.counts[day] : 0;
  }
}
