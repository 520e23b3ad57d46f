/**
 * The explanations as they were computed before the truth index (issue 9): walking every event
 * up to now for each day. Kept only as the reference the faster `explainDay` must equal.
 */
import type { Tally } from '../../../src/engine/stream/tally.logic.ts';
import type { LogicTable } from '../../../src/engine/world/world.ts';
import { dayKey } from '../../../src/engine/time/time.logic.ts';
import type { Engine } from '../../../src/engine/simulation/engine.ts';
import type {
  DifferenceReason,
  Explanation,
  ReasonKind,
  UnifiedReasonKind,
} from '../../../src/engine/simulation/simulation.types.ts';

const TEXT: Record<Exclude<ReasonKind, UnifiedReasonKind>, [plus: string, minus: string]> = {
  duplicate: [
    'A producer retry put the same signup in the log twice, and both copies were counted (exactly-once processing does not remove duplicate data; dedup by event id does).',
    '',
  ],
  'hand-off': [
    'Wrong hand-off (clear-none): the speed layer kept records from before the batch cut-off, so the batch view and the speed layer both count them.',
    'Wrong hand-off (clear-all): the speed layer dropped records that arrived during the batch run; no view counts them until the next run.',
  ],
  redelivered: [
    'Records processed again after a crash were counted again (at-least-once delivery).',
    '',
  ],
  'repeat-signup': [
    'Per-record counting adds every signup, but truth counts each user once, on their first signup.',
    '',
  ],
  'not-arrived': [
    '',
    'Signups that already happened but have not reached the log yet (late events).',
  ],
  'in-flight': [
    '',
    'In the log but not processed yet by the job that counts them (in flight, or the job is down).',
  ],
  lost: ['', 'Lost in a crash: at-most-once committed them before they were processed.'],
  retention: ['', 'Deleted by retention before the job read them: no replay can bring them back.'],
  excluded: [
    'Logic drift: the job counts test accounts that truth excludes.',
    'Logic drift: the job excludes users that truth counts.',
  ],
  'time-zone': [
    'Logic drift: the job puts these signups on this day because it counts days in another time zone.',
    'Logic drift: the job puts these signups on another day because it counts days in another time zone.',
  ],
  'earlier-signup': [
    'Truth counts these users on the day of an earlier signup that the job has not counted.',
    'The job counts these users on another day, where it saw a signup that truth does not count first.',
  ],
};

interface Entry {
  record: number;
  tally: Tally;
}

export function explainDay(e: Engine, day: number): Explanation {
  const w = e.world;
  const truthTable = e.truth.table;
  const distinct = truthTable.logic.counting === 'distinct-users';
  const keyOf = (ev: number): number => (distinct ? w.eventUser[ev] : ev);

  // Truth's items for the day: key (user or event) → the event truth counts.
  const truthItems = new Map<number, number>();
  const truthFirst = new Map<number, number>();
  for (let k = 0; k < e.truth.position; k++) {
    const ev = w.eventsByTime[k];
    const user = w.eventUser[ev];
    if (truthTable.userExcluded[user]) continue;
    if (distinct) {
      if (truthFirst.has(user)) continue;
      truthFirst.set(user, ev);
    }
    if (truthTable.eventDay[ev] === day) truthItems.set(keyOf(ev), ev);
  }

  const entries: Entry[] = [];
  e.arch.forEachServedEntry(day, (record, tally) => entries.push({ record, tally }));

  const reasons = new Map<string, DifferenceReason>();
  const add = (kind: ReasonKind, sign: 1 | -1, record: number): void => {
    const id = `${kind}${sign}`;
    let reason = reasons.get(id);
    if (!reason) {
      reason = {
        kind,
        count: 0,
        records: [],
        text: TEXT[kind as keyof typeof TEXT][sign > 0 ? 0 : 1],
      };
      reasons.set(id, reason);
    }
    reason.count += sign;
    if (record >= 0) reason.records.push(record);
  };

  // Served entries: the first per truth key is matched; the rest are why served is too high.
  const seen = new Map<number, Entry[]>();
  for (const entry of entries) {
    const ev = w.recEvent[entry.record];
    const key = keyOf(ev);
    const group = seen.get(key) ?? [];
    seen.set(key, group);
    const matched = truthItems.has(key) && group.length === 0;
    group.push(entry);
    if (matched) continue;
    add(extraReason(e, entry, group, truthTable, truthFirst, day), 1, entry.record);
  }
  // Truth items nobody counted: why served is too low.
  for (const [key, ev] of truthItems) {
    if (seen.has(key)) continue;
    add(missingReason(e, ev, day), -1, w.firstRecord[ev]);
  }
  const { served } = e.servedOn(day);
  return {
    day: dayKey(day + w.dayBase),
    served,
    truth: e.truth.countOn(day),
    reasons: [...reasons.values()].filter((r) => r.count !== 0),
  };
}

function extraReason(
  e: Engine,
  entry: Entry,
  group: Entry[],
  truthTable: LogicTable,
  truthFirst: Map<number, number>,
  day: number,
): ReasonKind {
  const w = e.world;
  const ev = w.recEvent[entry.record];
  const earlier = group.slice(0, -1);
  const same = earlier.filter((g) => g.record === entry.record);
  // Counted by the batch view and again by a speed layer that kept it (clear-none hand-off).
  if (same.length === 1 && same[0].tally !== entry.tally) return 'hand-off';
  if (same.length > 0) return 'redelivered';
  if (earlier.some((g) => w.recEvent[g.record] === ev)) return 'duplicate';
  if (earlier.length > 0) return 'repeat-signup';
  const user = w.eventUser[ev];
  if (truthTable.userExcluded[user]) return 'excluded';
  const first = truthFirst.get(user);
  if (first !== undefined && first !== ev) {
    return entry.tally.counting === 'per-record' ? 'repeat-signup' : 'earlier-signup';
  }
  return truthTable.eventDay[ev] !== day ? 'time-zone' : 'earlier-signup';
}

function missingReason(e: Engine, ev: number, day: number): ReasonKind {
  const record = e.world.firstRecord[ev];
  if (record < 0 || record >= e.appended) return 'not-arrived';
  return e.arch.missingReason(e, ev, day);
}
