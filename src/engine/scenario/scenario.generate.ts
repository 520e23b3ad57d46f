/**
 * Expands a scenario's `generate` block into events, and draws the default network delay of
 * explicit events. Both use the scenario's one seeded generator, in an order that is part of the
 * format (docs/scenario-format.md): change it and every existing scenario gives a different run.
 *
 * Draw order, from `createRandom(seed)`:
 * 1. `generate`: one draw per event, `count` in all, for the event times: `from + int(0, to − from − 1)`.
 *    The times are then sorted ascending and numbered `g1`, `g2`, … in that order.
 * 2. `generate`: then, for each generated event in time order, exactly four draws:
 *    a. reuse: `next() < repeatFraction` (and an earlier generated user exists) → reuse a user;
 *    b. who: when reusing, the earlier user `floor(next() × users so far)`; when not, the new user
 *       `user-<k>` or, if `next() < testFraction`, `test-<k>` (k counts generated users from 1);
 *    c. late: `next() < lateFraction` (and maxLateness > 3 s) → the event is late;
 *    d. delay: `int(3001, maxLateness)` ms when late, else `int(100, 3000)` ms; arrival = time + delay.
 * 3. Explicit events without an `arrival`, in file order: one draw each, `int(100, 3000)` ms.
 * The draws are made whatever the fractions are, so changing one fraction changes only what it
 * decides, not the times of the events.
 */
import type { Random } from '../random/random.ts';
import type { SignupEvent } from './scenario.types.ts';

/** The network delay of an event that is not late, in ms (both ends included). */
export const NETWORK_DELAY = { min: 100, max: 3000 } as const;

export interface GenerateOptions {
  count: number;
  /** Epoch ms; event times are in [from, to). */
  from: number;
  to: number;
  lateFraction: number;
  /** Longest delay of a late event, ms. */
  maxLateness: number;
  repeatFraction: number;
  testFraction: number;
}

/** The generated events' fields, one typed column each (shared by the events' objects). */
interface GeneratedColumns {
  time: Float64Array;
  arrival: Float64Array;
  /** k for `user-k`, −k for `test-k`. */
  user: Int32Array;
}

/**
 * The class of one generation's events: each a view of row `i` of the generation's columns, id
 * `g<i + 1>`. Its id and user are written out when read and its times live in the shared
 * columns, and it holds nothing but its row (the columns are the class's), so that the millions
 * of events of a big run are neither millions of strings nor of boxed numbers: a sixth of the
 * memory of plain objects while the run is built. Reads like any `SignupEvent` (its fields are
 * not own properties); `arrival` can be set (`delay` faults).
 */
function generatedEventClass(columns: GeneratedColumns) {
  return class GeneratedEvent implements SignupEvent {
    constructor(private readonly i: number) {}

    get id(): string {
      return `g${this.i + 1}`;
    }

    get user(): string {
      const k = columns.user[this.i];
      return k > 0 ? `user-${k}` : `test-${-k}`;
    }

    get time(): number {
      return columns.time[this.i];
    }

    get arrival(): number {
      return columns.arrival[this.i];
    }

    set arrival(value: number) {
      columns.arrival[this.i] = value;
    }

    get generated(): boolean {
      return true;
    }

    get value(): number {
      return 1;
    }
  };
}

/** Generated events in time order, ids `g1`…`gN`. Requires `to > from`. */
export function generateEvents(random: Random, options: GenerateOptions): SignupEvent[] {
  const { count, from, to, lateFraction, maxLateness, repeatFraction, testFraction } = options;
  // A Float64Array sorts numerically and holds millions of times compactly.
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = from + random.int(0, to - from - 1);
  times.sort();

  // Each generated user's number so far (k for `user-k`, −k for `test-k`), for repeat signups
  // to draw from (none are drawn without them: a big run then does not hold the list).
  const users = new Int32Array(repeatFraction > 0 ? count : 0);
  const columns: GeneratedColumns = {
    time: times,
    arrival: new Float64Array(count),
    user: new Int32Array(count),
  };
  let userCount = 0;
  const lateAllowed = maxLateness > NETWORK_DELAY.max;
  const GeneratedEvent = generatedEventClass(columns);
  const events: SignupEvent[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const reuseDraw = random.next();
    const whoDraw = random.next();
    const lateDraw = random.next();
    let user: number;
    if (userCount > 0 && reuseDraw < repeatFraction) {
      user = users[Math.floor(whoDraw * userCount)];
    } else {
      user = whoDraw < testFraction ? -(userCount + 1) : userCount + 1;
      if (users.length > 0) users[userCount] = user;
      userCount++;
    }
    const late = lateAllowed && lateDraw < lateFraction;
    const delay = late
      ? random.int(NETWORK_DELAY.max + 1, maxLateness)
      : random.int(NETWORK_DELAY.min, NETWORK_DELAY.max);
    columns.user[i] = user;
    columns.arrival[i] = times[i] + delay;
    events[i] = new GeneratedEvent(i);
  }
  return events;
}

/** The default arrival of an explicit event: its time plus one seeded network delay. */
export function defaultArrival(random: Random, time: number): number {
  return time + random.int(NETWORK_DELAY.min, NETWORK_DELAY.max);
}
