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

/** A transition of one state for one event type, as `snapshot.can` weighs it. */
interface Candidate {
  guard: unknown;
  /** `can` counts a transition that has a target or actions. */
  enabled: boolean;
}

interface TransitionLike {
  guard?: unknown;
  target?: unknown;
  actions: readonly unknown[];
}

interface StateNodeLike {
  parent?: StateNodeLike;
  states: Record<string, StateNodeLike>;
  transitions: Map<string, TransitionLike[]>;
}

/**
 * The candidates for `type` in a flat machine's state `value` (the state's own transitions, then
 * the root's), or null when `can` must decide (wildcards, guards that are not named functions).
 */
function candidatesOf(machine: AnyStateMachine, value: string, type: string): Candidate[] | null {
  const root = machine.root as unknown as StateNodeLike;
  const guards = machine.implementations.guards as Record<string, unknown>;
  const out: Candidate[] = [];
  for (let node: StateNodeLike | undefined = root.states[value]; node; node = node.parent) {
    for (const key of node.transitions.keys()) if (key.includes('*')) return null;
    for (const t of node.transitions.get(type) ?? []) {
      if (t.guard !== undefined) {
        if (typeof t.guard !== 'string') return null;
        const impl = guards[t.guard];
        if (typeof impl !== 'function' || 'check' in impl) return null;
      }
      out.push({ guard: t.guard, enabled: t.target !== undefined || t.actions.length > 0 });
    }
  }
  return out;
}

/**
 * `snapshot.can(event)` for one event type, without `can`'s per-call machinery: the candidate
 * transitions of each state are looked up once, and the machine's own named guards are called as
 * `can` calls them (`{ context, event }`, no params). The machine still decides; this is what lets
 * an engine ask it on every step (a Kappa replay asks whether it has caught up after each record).
 * Anything this does not model (nested or parallel states, wildcards, inline or higher-order
 * guards) goes to `snapshot.can`. A test checks it against `can` for every state of each machine.
 */
export function allows<M extends AnyStateMachine>(
  machine: M,
  type: EventFromLogic<M>['type'],
): (snapshot: SnapshotFrom<M>, event: EventFromLogic<M>) => boolean {
  const byState = new Map<string, Candidate[] | null>();
  const guards = machine.implementations.guards as Record<
    string,
    (args: { context: unknown; event: unknown }, params: undefined) => boolean
  >;
  return (snapshot, event) => {
    const snap = snapshot as unknown as {
      value: unknown;
      context: unknown;
      status: string;
      can(e: unknown): boolean;
    };
    if (typeof snap.value !== 'string' || snap.status !== 'active') return snap.can(event);
    let candidates = byState.get(snap.value);
    if (candidates === undefined) {
      candidates = candidatesOf(machine, snap.value, type);
      byState.set(snap.value, candidates);
    }
    if (candidates === null) return snap.can(event);
    for (const c of candidates) {
      if (
        c.guard === undefined ||
        guards[c.guard as string]({ context: snap.context, event }, undefined)
      )
        return c.enabled;
    }
    return false;
  };
}
