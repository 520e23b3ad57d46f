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
