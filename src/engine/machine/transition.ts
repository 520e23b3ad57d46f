/**
 * One cheap way to move a machine: `xstate.transition()` on an immutable snapshot, memoised.
 * Snapshots are interned by (state, context, status), and the result of a snapshot plus an event
 * that carries nothing but its type is remembered, so a lifecycle that repeats (a batch run
 * every minute for a year) reuses the snapshots it already computed instead of creating an actor
 * scope per step. Events with data (rare: crashes, deploys) always go through `transition()`.
 */
import { transition, type AnyStateMachine, type EventFromLogic, type SnapshotFrom } from 'xstate';

const memo = new WeakMap<object, Map<string, unknown>>();
const interned = new WeakMap<AnyStateMachine, Map<string, unknown>>();

function typeOnly(event: object): boolean {
  let n = 0;
  for (const key in event) if (++n > 1 || key !== 'type') return false;
  return true;
}

function intern<M extends AnyStateMachine>(machine: M, s: SnapshotFrom<M>): SnapshotFrom<M> {
  let byKey = interned.get(machine);
  if (!byKey) interned.set(machine, (byKey = new Map()));
  const snap = s as unknown as { value: unknown; context: unknown; status: string };
  const key = JSON.stringify([snap.value, snap.context ?? null, snap.status]);
  const known = byKey.get(key) as SnapshotFrom<M> | undefined;
  if (known) return known;
  byKey.set(key, s);
  return s;
}

/** The machine's next snapshot after `event` (the machine decides; callers act on the result). */
export function advance<M extends AnyStateMachine>(
  machine: M,
  snapshot: SnapshotFrom<M>,
  event: EventFromLogic<M>,
): SnapshotFrom<M> {
  if (!typeOnly(event))
    return intern(machine, transition(machine, snapshot, event)[0] as SnapshotFrom<M>);
  let byType = memo.get(snapshot);
  if (!byType) memo.set(snapshot, (byType = new Map()));
  const known = byType.get(event.type) as SnapshotFrom<M> | undefined;
  if (known) return known;
  const next = intern(machine, transition(machine, snapshot, event)[0] as SnapshotFrom<M>);
  byType.set(event.type, next);
  return next;
}

interface TransitionLike {
  guard?: unknown;
  target?: unknown;
  actions: readonly unknown[];
}

type Guard = (args: { context: unknown; event: unknown }) => boolean;

/**
 * `snapshot.can(event)` for one event type, without `can`'s per-call machinery: each state's
 * transitions for the type are looked up once, and the machine's own named guards are called as
 * `can` calls them (`{ context, event }`). The machine still decides; this is what lets an engine
 * ask it on every step (a Kappa replay asks whether it has caught up after each record). States
 * this does not model (nested or parallel, the root's or wildcard transitions, guards that are not
 * named functions) go to `snapshot.can`. A test checks it against `can` in every state.
 */
export function allows<M extends AnyStateMachine>(
  machine: M,
  type: EventFromLogic<M>['type'],
): (snapshot: SnapshotFrom<M>, event: EventFromLogic<M>) => boolean {
  const byState = new Map<string, TransitionLike[] | null>();
  const root = machine.root;
  const guards = machine.implementations.guards as Record<string, Guard>;
  // The guards' argument, filled in place: a guard reads it and keeps nothing (no garbage per call).
  const args: { context: unknown; event: unknown } = { context: null, event: null };
  const named = (t: TransitionLike): boolean =>
    t.guard === undefined ||
    (typeof guards[t.guard as string] === 'function' && !('check' in guards[t.guard as string]));
  return (snapshot, event) => {
    const s = snapshot as unknown as {
      value: unknown;
      context: unknown;
      status: string;
      can(e: unknown): boolean;
    };
    if (typeof s.value !== 'string') return s.can(event);
    let ts = byState.get(s.value);
    if (ts === undefined) {
      const node = root.states[s.value];
      const own = (node?.transitions.get(type) ?? []) as TransitionLike[];
      const keys = [...(node?.transitions.keys() ?? []), ...root.transitions.keys()];
      const simple = node && !root.transitions.has(type) && !keys.some((k) => k.includes('*'));
      ts = simple && own.every(named) ? own : null;
      byState.set(s.value, ts);
    }
    if (ts === null || s.status !== 'active') return s.can(event);
    for (const t of ts) {
      if (t.guard !== undefined) {
        args.context = s.context;
        args.event = event;
        const ok = guards[t.guard as string](args);
        args.context = args.event = null;
        if (!ok) continue;
      }
      return t.target !== undefined || t.actions.length > 0;
    }
    return false;
  };
}
