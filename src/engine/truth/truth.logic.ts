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
  seenUser: Uint8Array;
  readonly table: LogicTable;

  constructor(private readonly world: World) {
    this.table = tableFor(world, world.scenario.logic);
    this.counts = new Int32Array(world.dayCount);
    this.seenUser = new Uint8Array(world.users.length);
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
    while (this.position < eventsByTime.length) {
      const ev = eventsByTime[this.position];
      if (eventTime[ev] > t) break;
      this.position++;
      const user = eventUser[ev];
      if (userExcluded[user]) continue;
      if (distinct) {
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
