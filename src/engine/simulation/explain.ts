/**
 * Lineage and explanations: which records make up a served number, and why it differs from
 * truth. Served entries (the lineage) are matched against truth's items (users, or events when
 * truth counts per record); every unmatched entry is a reason the answer is too high, every
 * unmatched truth item a reason it is too low, so the signed counts always add up to
 * served − truth.
 */
import { withBytes, withInts } from '../state/scratch.ts';
import type { Tally } from '../stream/tally.logic.ts';
import type { LogicTable } from '../world/world.ts';
import { dayKey } from '../time/time.logic.ts';
import type { LambdaArchitecture } from '../arch/lambda/lambda.arch.ts';
import type { Engine } from './engine.ts';
import type {
  DifferenceReason,
  Explanation,
  Lineage,
  ReasonKind,
  UnifiedReasonKind,
} from './simulation.types.ts';
import { countBelow, truthIndex } from './truth.index.ts';

export function lineageOf(e: Engine, day: number): Lineage {
  return e.arch.lineage(e, day);
}

const TEXT: Record<Exclude<ReasonKind, UnifiedReasonKind>, [plus: string, minus: string]> = {
  duplicate: [
    'A producer retry put the same signup in the log twice, and both copies were counted (exactly-once processing does not remove duplicate data; dedup by event id does).',
    '',
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
  'hand-off': [
    'Wrong hand-off (clear-none): the speed layer kept records from before the batch cut-off, so the batch view and the speed layer both count them.',
    'Wrong hand-off (clear-all): the speed layer dropped records that arrived during the batch run; no view counts them until the next run.',
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
  if (e.arch.reasons) {
    // The unified pipeline's answer is the sink's: it explains its gap from its own state
    // (panes, watermark, dropped records, checkpoints).
    const { served } = e.servedOn(day);
    const truth = e.truthOn(day);
    const reasons = served === truth ? [] : e.arch.reasons(e, day);
    return { day: dayKey(day + w.dayBase), served, truth, reasons };
  }
  const truthTable = e.truth.table;
  const index = truthIndex(w, truthTable);
  const distinct = index.distinct;
  const keyOf = (ev: number): number => (distinct ? w.eventUser[ev] : ev);
  const position = e.truth.position;
  /** Truth's first kept event of `user` so far (distinct counting only). */
  const truthFirst = (user: number): number | undefined => {
    const k = distinct ? index.firstAt[user] : -1;
    return k >= 0 && k < position ? w.eventsByTime[k] : undefined;
  };

  // Truth's items for the day so far: a prefix of the day's list, keyed by user or event.
  const list = day >= 0 && day < index.byDay.length ? index.byDay[day] : EMPTY;
  const items = countBelow(list, position);
  const keys = distinct ? w.users.length : w.eventCount;

  const reasons = new Map<string, DifferenceReason>();
  const add = (kind: ReasonKind, sign: 1 | -1, record: number): void => {
    const id = `${kind}${sign}`;
    let reason = reasons.get(id);
    if (!reason) {
      const text = kind in TEXT ? TEXT[kind as keyof typeof TEXT][sign > 0 ? 0 : 1] : kind;
      reason = { kind, count: 0, records: [], text };
      reasons.set(id, reason);
    }
    reason.count += sign;
    if (record >= 0) reason.records.push(record);
  };

  const twice = keptByBoth(e, day);
  // Work arrays of one entry per key, lent for this call (a big run's are tens of MB).
  withBytes(keys, (isTruthItem) =>
    withInts(keys, (firstSeen) => {
      for (let j = 0; j < items; j++) isTruthItem[keyOf(w.eventsByTime[list[j]])] = 1;
      // Served entries: the first per truth key is matched; the rest are why served is too
      // high. firstSeen[key] is the first entry's record + 1 (0: none yet); later ones are
      // kept aside.
      const later = new Map<number, number[]>();
      e.arch.forEachServedEntry(day, (record, tally) => {
        const entry: Entry = { record, tally };
        const key = keyOf(w.recEvent[record]);
        const first = firstSeen[key];
        if (first === 0) {
          firstSeen[key] = record + 1;
          if (isTruthItem[key]) return;
          add(extraReason(e, entry, NONE, truthTable, truthFirst, day, twice), 1, record);
          return;
        }
        const rest = later.get(key);
        const earlier = rest ? [first - 1, ...rest] : [first - 1];
        add(extraReason(e, entry, earlier, truthTable, truthFirst, day, twice), 1, record);
        if (rest) rest.push(record);
        else later.set(key, [record]);
      });
      // Truth items nobody counted: why served is too low.
      for (let j = 0; j < items; j++) {
        const ev = w.eventsByTime[list[j]];
        if (firstSeen[keyOf(ev)] !== 0) continue;
        add(missingReason(e, ev, day), -1, w.firstRecord[ev]);
      }
    }),
  );
  const { served } = e.servedOn(day);
  return {
    day: dayKey(day + w.dayBase),
    served,
    truth: e.truthOn(day),
    reasons: [...reasons.values()].filter((r) => r.count !== 0),
  };
}

/**
 * A wrong hand-off (`clear-none`): is this entry the speed layer counting again a record the
 * published batch view counts? The batch view's entries come first and count a record at most
 * once, so that is the record's only earlier occurrence. (Any other repeat is a redelivery.)
 */
function keptByBoth(e: Engine, day: number): (entry: Entry, earlier: readonly number[]) => boolean {
  const published =
    e.arch.kind === 'lambda' ? (e.arch as LambdaArchitecture).batch.published : null;
  if (!published || e.scenario.batch.handoff !== 'clear-none') return () => false;
  let batch: Set<number> | null = null;
  return (entry, earlier) => {
    if (entry.tally === published.tally) return false;
    if (earlier.filter((r) => r === entry.record).length !== 1) return false;
    batch ??= new Set(published.tally.lineage(day));
    return batch.has(entry.record);
  };
}

const EMPTY = new Int32Array(0);
const NONE: readonly number[] = [];

/** Why a served entry beyond the matched ones counts; `earlier`: records counted before it under the same key. */
function extraReason(
  e: Engine,
  entry: Entry,
  earlier: readonly number[],
  truthTable: LogicTable,
  truthFirst: (user: number) => number | undefined,
  day: number,
  countedByBatch: (entry: Entry, earlier: readonly number[]) => boolean = () => false,
): ReasonKind {
  const w = e.world;
  const ev = w.recEvent[entry.record];
  if (earlier.includes(entry.record))
    return countedByBatch(entry, earlier) ? 'hand-off' : 'redelivered';
  if (earlier.some((r) => w.recEvent[r] === ev)) return 'duplicate';
  if (earlier.length > 0) return 'repeat-signup';
  const user = w.eventUser[ev];
  if (truthTable.userExcluded[user]) return 'excluded';
  const first = truthFirst(user);
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
