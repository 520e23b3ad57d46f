/**
 * What truth counts, indexed once per world and logic, so that explaining a day does not walk
 * every event up to now. Truth visits events in event-time order (`World.eventsByTime`) and
 * counts each one it keeps on its day; which events it keeps never depends on how far it has
 * got (a user's first kept event is the same at every position), so the events truth has
 * counted on a day after `position` events are a prefix of that day's list.
 */
import type { LogicTable, World } from '../world/world.ts';

export interface TruthIndex {
  /** Per day (relative to `World.dayBase`): positions in `eventsByTime` truth counts, ascending. */
  byDay: Int32Array[];
  /** Per user, distinct counting only: position in `eventsByTime` of their first kept event, or −1. */
  firstAt: Int32Array;
  distinct: boolean;
}

const cache = new WeakMap<LogicTable, TruthIndex>();

export function truthIndex(world: World, table: LogicTable): TruthIndex {
  const known = cache.get(table);
  if (known) return known;
  const { eventsByTime, eventUser } = world;
  const { eventDay, userExcluded } = table;
  const distinct = table.logic.counting === 'distinct-users';
  const firstAt = new Int32Array(distinct ? world.users.length : 0).fill(-1);
  const sizes = new Int32Array(world.dayCount);
  const kept = new Uint8Array(eventsByTime.length);
  for (let k = 0; k < eventsByTime.length; k++) {
    const ev = eventsByTime[k];
    const user = eventUser[ev];
    if (userExcluded[user]) continue;
    if (distinct) {
      if (firstAt[user] >= 0) continue;
      firstAt[user] = k;
    }
    kept[k] = 1;
    sizes[eventDay[ev]]++;
  }
  const byDay = Array.from(sizes, (n) => new Int32Array(n));
  const filled = new Int32Array(world.dayCount);
  for (let k = 0; k < eventsByTime.length; k++) {
    if (!kept[k]) continue;
    const d = eventDay[eventsByTime[k]];
    byDay[d][filled[d]++] = k;
  }
  const index = { byDay, firstAt, distinct };
  cache.set(table, index);
  return index;
}

/** How many of the ascending `list` are below `position` (binary search). */
export function countBelow(list: Int32Array, position: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
