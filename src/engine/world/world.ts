/**
 * The world: everything about a run that never changes once the scenario is read. Events and
 * log records as flat typed arrays (struct of arrays, so a million records stay cheap), users
 * interned to integers, the log's arrival order, partitions and offsets, and per-logic tables
 * (each event's local day, which users a logic excludes).
 */
import type { Logic, Scenario } from '../scenario/scenario.types.ts';
import { calendarFor } from '../time/time.logic.ts';
import { NameList } from './names.ts';
import { nearlySortedOrder, stableOrder } from './order.logic.ts';

/** A business logic resolved against the world: O(1) day and exclusion look-ups per event. */
export interface LogicTable {
  logic: Logic;
  /** Per event: its local day number minus `World.dayBase`. */
  eventDay: Int32Array;
  /** Per user: 1 when the logic's `excludeUserPrefix` excludes them. */
  userExcluded: Uint8Array;
}

export interface World {
  scenario: Scenario;
  /** Events (input order) */
  eventCount: number;
  eventUser: Int32Array;
  eventTime: Float64Array;
  /** Interned user names (`users.get(u)`), held compactly. */
  users: NameList;
  /**
   * Each event's id, held compactly: once the world is built nothing reads the scenario's event
   * objects except the unified architecture (a `sum` reads each event's value), so a big run's
   * host can let them go.
   */
  eventIds: NameList;
  /** Log records in arrival order (ties: input order; a retry copy follows all events). */
  recordCount: number;
  recEvent: Int32Array;
  recArrival: Float64Array;
  recPartition: Uint8Array;
  recOffset: Int32Array;
  recCopy: Uint8Array;
  recOutOfOrder: Uint8Array;
  /** Per event: the global index of its first record (its original, before any retry copy). */
  firstRecord: Int32Array;
  /** Global indices of each partition's records, in offset order. */
  partitionRecords: Int32Array[];
  /** Event indices sorted by event time (for truth). */
  eventsByTime: Int32Array;
  /** Day numbers are stored relative to this base so that arrays can be indexed by day. */
  dayBase: number;
  dayCount: number;
  tables: Map<string, LogicTable>;
}

/** FNV-1a: a stable hash of the user id, so a user always lands in the same partition. */
export function partitionOf(user: string, partitions: number): number {
  return fnv1a(user) % partitions;
}

/** 32-bit FNV-1a over the UTF-16 code units, unsigned (docs/engine.md). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function logicKey(logic: Logic): string {
  return `${logic.timeZone}\u0000${logic.excludeUserPrefix}`;
}

export function buildWorld(scenario: Scenario): World {
  const events = scenario.events;
  const eventCount = events.length;
  const partitions = scenario.log.partitions;
  // Producer retries add a second record of an event: only the retried ids are looked up (ids
  // are unique, and validation refuses unknown ones).
  const retried = new Map<string, number>();
  let retries = 0;
  for (const f of scenario.faults) {
    if (f.kind !== 'producer-retry') continue;
    retried.set(f.event, 0);
    retries++;
  }
  const recordCount = eventCount + retries;
  // Users interned 0, 1, 2… in order of first appearance by an open-addressing table keyed by
  // their FNV-1a hash (which the partition needs anyway): one hash and usually one probe per
  // event, without a Map of a million strings; a slot's user is compared by name only when its
  // hash matches.
  let size = 16;
  while (size < 1.5 * eventCount) size *= 2; // at most two thirds full
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const userHash = new Int32Array(eventCount);
  // The names as a compact list from the start: a big run's millions of users never sit in an
  // array of strings (a name is written out again only to compare it on a hash match).
  // Room for one user per event (the most there can be), so that a big run's list does not
  // double its way up, leaving the halves behind as garbage; `trim` fits it afterwards.
  const users = new NameList(eventCount);
  let userCount = 0;
  const eventUser = new Int32Array(eventCount);
  const eventTime = new Float64Array(eventCount);
  // Each record's arrival in input order: the events, then the retry copies in fault order.
  const arrivalOf = new Float64Array(recordCount);
  for (let i = 0; i < eventCount; i++) {
    const e = events[i];
    const user = e.user;
    const h = fnv1a(user) | 0;
    // Spread the low bits before masking (FNV-1a's low bits vary little between similar ids).
    let slot = Math.imul(h ^ (h >>> 16), 0x85ebca6b) & mask;
    let u = slots[slot];
    while (u >= 0 && (userHash[u] !== h || users.get(u) !== user))
      u = slots[(slot = (slot + 1) & mask)];
    if (u < 0) {
      slots[slot] = u = userCount++;
      users.push(user);
      userHash[u] = h;
    }
    eventUser[i] = u;
    eventTime[i] = e.time;
    arrivalOf[i] = e.arrival;
    if (retries > 0 && retried.has(e.id)) retried.set(e.id, i);
  }
  users.trim();
  const eventIds = NameList.of(eventCount, (i) => events[i].id);
  const retryEvent = new Int32Array(retries);
  let k = 0;
  for (const f of scenario.faults) {
    if (f.kind !== 'producer-retry') continue;
    const ev = retried.get(f.event)!;
    retryEvent[k] = ev;
    arrivalOf[eventCount + k++] = arrivalOf[ev] + f.after;
  }
  // Arrival order; ties keep input order (events in file order, then retries in fault order).
  const { order, sorted: recArrival } = nearlySortedOrder(arrivalOf);

  const recEvent = new Int32Array(recordCount);
  const recPartition = new Uint8Array(recordCount);
  const recOffset = new Int32Array(recordCount);
  const recCopy = new Uint8Array(recordCount);
  const recOutOfOrder = new Uint8Array(recordCount);
  const partitionSize = new Int32Array(partitions);
  const copies = retries > 0 ? new Uint8Array(eventCount) : null;
  const firstRecord = new Int32Array(eventCount);
  let maxTime = -Infinity;
  for (let g = 0; g < recordCount; g++) {
    const src = order[g];
    const ev = src < eventCount ? src : retryEvent[src - eventCount];
    const p = (userHash[eventUser[ev]] >>> 0) % partitions;
    recEvent[g] = ev;
    recPartition[g] = p;
    recOffset[g] = partitionSize[p]++;
    const copy = copies === null ? 0 : copies[ev] < 255 ? copies[ev]++ : 255;
    recCopy[g] = copy;
    if (copy === 0) firstRecord[ev] = g;
    const t = eventTime[ev];
    if (t < maxTime) recOutOfOrder[g] = 1;
    else maxTime = t;
  }
  const partitionRecords: Int32Array[] = [];
  for (let p = 0; p < partitions; p++) partitionRecords.push(new Int32Array(partitionSize[p]));
  partitionSize.fill(0);
  for (let g = 0; g < recordCount; g++) {
    const p = recPartition[g];
    partitionRecords[p][partitionSize[p]++] = g;
  }

  const world: World = {
    scenario,
    eventCount,
    eventUser,
    eventTime,
    users,
    eventIds,
    recordCount,
    recEvent,
    recArrival,
    recPartition,
    recOffset,
    recCopy,
    recOutOfOrder,
    firstRecord,
    partitionRecords,
    eventsByTime: stableOrder(eventTime),
    dayBase: 0,
    dayCount: 1,
    tables: new Map(),
  };
  buildTables(world);
  return world;
}

/** An event's id (events are the scenario's, in input order). */
export function eventIdOf(world: World, ev: number): string {
  return world.eventIds.get(ev);
}

/** Every logic any job or truth uses, resolved once; also fixes the day range of the run. */
function buildTables(world: World): void {
  const s = world.scenario;
  const logics: Logic[] = [s.logic, s.batch.logic, s.speed.logic, s.kappa.logic];
  for (const f of s.faults) if (f.kind === 'deploy') logics.push(f.logic);
  // Per time zone, each event's local day number (then made relative to the base, in place:
  // logics in the same zone share it).
  const dayNumbers = new Map<string, Int32Array>();
  let min = Infinity;
  let max = -Infinity;
  const consider = (d: number): void => {
    if (d < min) min = d;
    if (d > max) max = d;
  };
  const { eventCount, eventTime } = world;
  for (const logic of logics) {
    if (dayNumbers.has(logic.timeZone)) continue;
    const cal = calendarFor(logic.timeZone);
    const days = new Int32Array(eventCount);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < eventCount; i++) {
      const d = cal.dayOf(eventTime[i]);
      days[i] = d;
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    if (eventCount > 0) {
      consider(lo);
      consider(hi);
    }
    consider(cal.dayOf(s.start));
    consider(cal.dayOf(s.end));
    dayNumbers.set(logic.timeZone, days);
  }
  world.dayBase = min - 1;
  world.dayCount = max - min + 3;
  for (const days of dayNumbers.values())
    for (let i = 0; i < eventCount; i++) days[i] -= world.dayBase;
  for (const logic of logics) {
    const key = logicKey(logic);
    if (world.tables.has(key)) continue;
    const { users } = world;
    const userExcluded = new Uint8Array(users.length);
    const prefix = logic.excludeUserPrefix;
    if (prefix) {
      for (let u = 0; u < users.length; u++) {
        if (users.get(u).startsWith(prefix)) userExcluded[u] = 1;
      }
    }
    world.tables.set(key, { logic, eventDay: dayNumbers.get(logic.timeZone)!, userExcluded });
  }
}

/** The resolved table of a logic (all logics of the scenario are resolved in `buildWorld`). */
export function tableFor(world: World, logic: Logic): LogicTable {
  const key = logicKey(logic);
  const t = world.tables.get(key);
  if (t) return t.logic.counting === logic.counting ? t : { ...t, logic };
  throw new Error(`no logic table for ${logic.timeZone}`);
}

/** Per-partition end offsets of a global arrival-order prefix [0, position). */
export function offsetsAt(world: World, position: number): number[] {
  return world.partitionRecords.map((indices) => lowerBound(indices, position));
}

function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
