/**
 * Why a unified run's served answer for a day (or one window's sink value) differs from truth,
 * read from the pipeline's own state (never guessed). The served number is the sink's: per
 * window, the window's
 * value at its last pane (plus, with the `add-all` sink, every earlier pane again). A window's
 * last pane carries exactly its records processed before that pane fired (the sink keeps that
 * input position; a pane is checkpointed at once, so a crash never rolls back below it).
 *
 * Truth's items are events (`count`, `sum`: amount 1 or the event's `value`) or users
 * (`distinct-users`). Each item the sink carries on this day is matched; every other unit the
 * sink carries is a `+` reason, every item it does not carry a `−` reason, found from the state
 * of the item's best record (not arrived, in the log, rolled back by a crash, dropped, or counted
 * but waiting for a pane, and why). With the add-all sink's extra, the signed amounts add up to
 * served − truth exactly.
 */
import type { DifferenceReason, ReasonKind } from '../../simulation/simulation.types.ts';
import { calendarFor } from '../../time/time.logic.ts';
import type { UnifiedPipeline } from '../../unified/pipeline.core.ts';
import { FATE } from '../../unified/unified.types.ts';
import { provideUnifiedExplainer, type UnifiedExplanation } from './unified.explainer.ts';

/** The reasons a unified explanation gives, in the order they are listed. */
export const UNIFIED_REASONS = [
  'add-all',
  'duplicate',
  'moved',
  'earlier-signup',
  'window-day',
  'not-arrived',
  'in-flight',
  'rolled-back',
  'dropped',
  'not-fired',
  'early-pane',
  'late-waiting',
  'no-late-trigger',
  'expired',
] as const satisfies readonly ReasonKind[];

type Kind = (typeof UNIFIED_REASONS)[number];

const TEXT: Record<Kind, string | [plus: string, minus: string]> = {
  'add-all':
    'The add-all sink adds every pane, but an accumulating pane already carries the earlier ones: what the earlier panes carried is counted again.',
  duplicate:
    'A producer retry put the same event in the log twice, and both copies reached a pane: exactly-once processing does not remove duplicate data; dedup by event id does.',
  moved:
    'Still counted by a later window: an earlier signup of theirs moved them to an earlier window after that window last fired, and it has not fired a pane since.',
  'earlier-signup':
    'The pipeline counts these users on this day, but truth counts them on the day of an earlier signup the pipeline has not counted.',
  'window-day': [
    'Counted in a window that starts on this day, while truth counts them on the next day: a window belongs to the day it starts.',
    'Counted in a window that starts on another day: a window belongs to the day it starts, truth counts each event on its own day.',
  ],
  'not-arrived':
    'Events that already happened but have not reached the log yet (late events): the pipeline cannot count what it has not read.',
  'in-flight':
    'In the log but not processed by the pipeline yet (it is down, or reads them at this instant).',
  'rolled-back':
    "Processed before the crash, but the pipeline's state rolled back to its last checkpoint: it reads them again and will count them once (exactly-once).",
  dropped:
    "Dropped as too late: they arrived after the watermark had passed their window's end plus the allowed lateness, so no pane will ever count them.",
  'not-fired':
    "In their window's state, but the window has not fired yet: its on-time pane comes when the watermark passes the window's end.",
  'early-pane':
    "Counted after the window's last early pane: the sink holds only that partial result until the next pane.",
  'late-waiting': "Counted after the window's last pane, waiting for the late trigger's next pane.",
  'no-late-trigger':
    "Counted in the window's state after its last pane, but no pane will carry them: the window has no late trigger.",
  expired:
    'Their window expired (the watermark passed its end plus the allowed lateness) before a pane carried them: no pane ever will.',
};

function textOf(kind: Kind, sign: 1 | -1, p: UnifiedPipeline): string {
  const text = TEXT[kind];
  if (typeof text !== 'string') return text[sign > 0 ? 0 : 1];
  if (kind === 'add-all' && p.scenario.unified.accumulation === 'retracting')
    return 'The add-all sink adds every pane and ignores what it retracts: what the earlier panes carried is counted again.';
  return text;
}

/** How far one record got, best last: the item's reason comes from its best record. */
const NOT_ARRIVED = 0;
const IN_LOG = 1;
const DROPPED = 2;
const COUNTED = 3;

/** What is explained: the sink's windows summed, and the event times truth counts. */
export interface Scope {
  holds(windowStart: number): boolean;
  counts(eventTime: number): boolean;
}

/** A local day (an absolute day number, as `UnifiedPipeline.servedOn`): the windows that start
 * on it against truth's events of that day. */
export function dayScope(p: UnifiedPipeline, day: number): Scope {
  const truthDays = calendarFor(p.scenario.logic.timeZone);
  return {
    holds: (start) => p.windowing.dayOf(start) === day,
    counts: (t) => truthDays.dayOf(t) === day,
  };
}

/** One window (by its start): its sink value against the events in it. */
export function windowScope(p: UnifiedPipeline, start: number): Scope {
  return { holds: (s) => s === start, counts: (t) => p.windowing.of(t).start === start };
}

/**
 * Served (the sink), truth and the reasons for `scope` at `now`: the signed amounts add up to
 * served − truth.
 */
export function unifiedReasons(p: UnifiedPipeline, now: number, scope: Scope): UnifiedExplanation {
  const w = p.world;
  const s = p.scenario;
  const u = s.unified;
  const excluded = p.truth.excluded;
  const windowStart = (r: number): number => p.windowing.of(w.eventTime[w.recEvent[r]]).start;
  const counted = (r: number): boolean =>
    r < p.state.position && (p.recordFate[r] === FATE.onTime || p.recordFate[r] === FATE.late);
  /** Records processed when the window's last pane fired (0: no pane yet). */
  const paneAt = (start: number): number => p.sink.get(start)?.position ?? 0;
  const inPane = (r: number): boolean => counted(r) && r < paneAt(windowStart(r));
  const onDay = scope.holds;
  let served = 0;
  let truth = 0;

  const reasons = new Map<string, DifferenceReason>();
  const add = (kind: Kind, sign: 1 | -1, amount: number, record: number): void => {
    const id = kind === 'window-day' ? `${kind}${sign}` : kind;
    let reason = reasons.get(id);
    if (!reason) {
      reason = { kind, count: 0, records: [], text: textOf(kind, sign, p) };
      reasons.set(id, reason);
    }
    reason.count += sign * amount;
    if (record >= 0) reason.records.push(record);
  };

  /** Why a counted record is not in its window's last pane. */
  const waiting = (r: number): Kind => {
    const win = p.state.windows.get(windowStart(r));
    if (!win) return 'expired';
    if (p.watermark < win.end) return win.panes > 0 ? 'early-pane' : 'not-fired';
    if (win.machine.value === 'open') return 'not-fired'; // its on-time pane fires at this instant
    return u.triggers.late ? 'late-waiting' : 'no-late-trigger';
  };
  /** Why a truth item whose best record is `r` (at stage `stage`) is not carried on this day. */
  const missing = (r: number, stage: number): Kind => {
    if (stage === NOT_ARRIVED) return 'not-arrived';
    if (stage === IN_LOG) {
      const m = p.machine;
      return m.value !== 'running' && r < m.context.highWater ? 'rolled-back' : 'in-flight';
    }
    if (stage === DROPPED) return 'dropped';
    return onDay(windowStart(r)) ? waiting(r) : 'window-day';
  };
  const stageOf = (r: number): number => {
    if (r >= p.appended) return NOT_ARRIVED;
    if (r >= p.state.position) return IN_LOG;
    const fate = p.recordFate[r];
    if (fate === FATE.dropped) return DROPPED;
    return fate === FATE.onTime || fate === FATE.late ? COUNTED : -1;
  };

  if (u.aggregate === 'distinct-users') distinctReasons();
  else eventReasons();

  // The add-all sink: each window's value beyond what its last pane carries.
  for (const [start, entry] of p.sink) {
    if (!onDay(start)) continue;
    served += entry.value;
    if (entry.value !== entry.last) add('add-all', 1, entry.value - entry.last, -1);
  }
  const order = (r: DifferenceReason): number => UNIFIED_REASONS.indexOf(r.kind as Kind);
  const list = [...reasons.values()]
    .filter((r) => r.count !== 0)
    .sort((a, b) => order(a) - order(b) || b.count - a.count);
  return { served, truth, reasons: served === truth ? [] : list };

  /** `count` and `sum`: truth's items are the day's events with time ≤ now. */
  function eventReasons(): void {
    const amount = (ev: number): number => (u.aggregate === 'sum' ? s.events[ev].value : 1);
    const isItem = (ev: number): boolean =>
      w.eventTime[ev] <= now && !excluded[w.eventUser[ev]] && scope.counts(w.eventTime[ev]);
    const carried = new Uint8Array(w.eventCount);
    const best = new Int8Array(w.eventCount).fill(-1);
    const bestRecord = new Int32Array(w.eventCount).fill(-1);
    for (let r = 0; r < w.recordCount; r++) {
      const ev = w.recEvent[r];
      const stage = stageOf(r);
      if (stage > best[ev]) {
        best[ev] = stage;
        bestRecord[ev] = r;
      }
      if (!inPane(r) || !onDay(windowStart(r))) continue;
      if (carried[ev]++ > 0) add('duplicate', 1, amount(ev), r);
      else if (!isItem(ev)) add('window-day', 1, amount(ev), r);
    }
    for (let ev = 0; ev < w.eventCount; ev++) {
      if (!isItem(ev)) continue;
      truth += amount(ev);
      if (!carried[ev]) add(missing(bestRecord[ev], best[ev]), -1, amount(ev), bestRecord[ev]);
    }
  }

  /** `distinct-users`: truth's items are the users whose earliest signup (≤ now) is on the day. */
  function distinctReasons(): void {
    const users = w.users.length;
    const earliest = new Float64Array(users).fill(NaN);
    for (let ev = 0; ev < w.eventCount; ev++) {
      const t = w.eventTime[ev];
      const user = w.eventUser[ev];
      if (t > now || excluded[user]) continue;
      if (!(earliest[user] <= t)) earliest[user] = t;
    }
    const isItem = (user: number): boolean =>
      !Number.isNaN(earliest[user]) && scope.counts(earliest[user]);

    // Each window in scope with a pane: the users its last pane counts are those whose
    // earliest counted signup, over the records before the pane, falls in the window.
    const windows = [...p.sink]
      .filter(([start]) => onDay(start))
      .map(([start, entry]) => ({ start, end: p.windowing.of(start).end, at: entry.position }))
      .sort((a, b) => a.at - b.at);
    const candidates = new Map<number, number[]>(windows.map((win) => [win.start, []]));
    const best = new Int8Array(users).fill(-1);
    const bestRecord = new Int32Array(users).fill(-1);
    for (let r = 0; r < w.recordCount; r++) {
      const ev = w.recEvent[r];
      const user = w.eventUser[ev];
      if (w.eventTime[ev] === earliest[user]) {
        const stage = stageOf(r);
        if (stage > best[user]) {
          best[user] = stage;
          bestRecord[user] = r;
        }
      }
      if (inPane(r)) candidates.get(windowStart(r))?.push(r);
    }
    const sofar = new Float64Array(users).fill(NaN);
    const stamp = new Int32Array(users);
    /** Per user: the windows of the day whose last pane counts them, latest pane last. */
    const memberOf = new Map<number, { start: number; record: number }[]>();
    let r = 0;
    windows.forEach((win, k) => {
      for (; r < win.at; r++) {
        if (!counted(r)) continue;
        const user = w.eventUser[w.recEvent[r]];
        const t = w.eventTime[w.recEvent[r]];
        if (!(sofar[user] <= t)) sofar[user] = t;
      }
      for (const c of candidates.get(win.start)!) {
        const user = w.eventUser[w.recEvent[c]];
        if (stamp[user] === k + 1 || sofar[user] < win.start || sofar[user] >= win.end) continue;
        stamp[user] = k + 1;
        const list = memberOf.get(user) ?? [];
        list.push({ start: win.start, record: c });
        memberOf.set(user, list);
      }
    });

    for (const [user, list] of memberOf) {
      // Matched: the latest pane (its window is the user's earliest among them) if truth counts
      // the user on this day; every other membership is a reason served is too high.
      const extra = isItem(user) ? list.slice(0, -1) : list;
      for (const { start, record } of extra) {
        if (p.state.userEarliest[user] < start) add('moved', 1, 1, record);
        else if (earliest[user] >= start) add('window-day', 1, 1, record);
        else add('earlier-signup', 1, 1, record);
      }
    }
    for (let user = 0; user < users; user++) {
      if (!isItem(user)) continue;
      truth++;
      if (!memberOf.has(user)) add(missing(bestRecord[user], best[user]), -1, 1, bestRecord[user]);
    }
  }
}

/** Makes unified explanations give their reasons (see unified.explainer.ts). */
export function installUnifiedReasons(): void {
  provideUnifiedExplainer((p, now, scope, key) =>
    unifiedReasons(p, now, scope === 'day' ? dayScope(p, key) : windowScope(p, key)),
  );
}
