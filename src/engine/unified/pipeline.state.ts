/**
 * The unified pipeline's checkpointed state: input position, live windows (accumulators, pane
 * counts, timers), per-user earliest event (distinct-users), dedup memory, each partition's max
 * event time seen, dropped records. Every change since the last checkpoint is undo-logged, so a
 * checkpoint is O(1) and a crash restores exactly the checkpointed state (exactly-once).
 */
import { initialTransition, type SnapshotFrom } from 'xstate';
import { windowMachine } from './unified.machine.ts';

export type WindowSnapshot = SnapshotFrom<typeof windowMachine>;

export interface WindowState {
  start: number;
  end: number;
  machine: WindowSnapshot;
  /** Everything so far (what an accumulating pane carries). */
  total: number;
  /** Change since the last pane (what a discarding pane carries). */
  sincePane: number;
  /** Records that changed the window since its last pane. */
  pending: number;
  /** The value of the window's last pane, as accumulated (what a retracting pane retracts). */
  lastValue: number;
  /** Panes fired so far. */
  panes: number;
  /** Processing time of the armed early/late timer, or Infinity. */
  timer: number;
}

export function newWindow(start: number, end: number, late: boolean): WindowState {
  return {
    start,
    end,
    machine: initialTransition(windowMachine, { late })[0],
    total: 0,
    sincePane: 0,
    pending: 0,
    lastValue: 0,
    panes: 0,
    timer: Infinity,
  };
}

export class PipelineState {
  position = 0;
  dropped = 0;
  windows = new Map<number, WindowState>();
  /** Per user: earliest event time seen (NaN: never seen). */
  userEarliest: Float64Array;
  /** Per event: 1 once a record of it has been counted (dedup by event id). */
  counted: Uint8Array;
  /** Per partition: max event time seen (−Infinity: nothing yet). */
  maxSeen: Float64Array;

  private undoWindows = new Map<number, WindowState | null>();
  private undoUsers = new Map<number, number>();
  private undoCounted: number[] = [];
  private undoMaxSeen = new Map<number, number>();
  private savedPosition = 0;
  private savedDropped = 0;
  /** True when something changed since the last checkpoint. */
  dirty = false;

  constructor(users: number, events: number, partitions: number, copy?: PipelineState) {
    if (copy) {
      this.position = copy.position;
      this.dropped = copy.dropped;
      this.windows = new Map([...copy.windows].map(([k, w]) => [k, { ...w }]));
      this.userEarliest = copy.userEarliest.slice();
      this.counted = copy.counted.slice();
      this.maxSeen = copy.maxSeen.slice();
      this.undoWindows = new Map(copy.undoWindows);
      this.undoUsers = new Map(copy.undoUsers);
      this.undoCounted = copy.undoCounted.slice();
      this.undoMaxSeen = new Map(copy.undoMaxSeen);
      this.savedPosition = copy.savedPosition;
      this.savedDropped = copy.savedDropped;
      this.dirty = copy.dirty;
      return;
    }
    this.userEarliest = new Float64Array(users).fill(Number.NaN);
    this.counted = new Uint8Array(events);
    this.maxSeen = new Float64Array(partitions).fill(-Infinity);
  }

  clone(): PipelineState {
    return new PipelineState(0, 0, 0, this);
  }

  /** A window to change: its checkpointed version is saved first (copy on write). */
  edit(start: number): WindowState | undefined {
    const w = this.windows.get(start);
    if (!this.undoWindows.has(start)) this.undoWindows.set(start, w ? { ...w } : null);
    this.dirty = true;
    return w;
  }

  addWindow(w: WindowState): void {
    this.edit(w.start);
    this.windows.set(w.start, w);
  }

  removeWindow(start: number): void {
    this.edit(start);
    this.windows.delete(start);
  }

  setUser(user: number, time: number): void {
    if (!this.undoUsers.has(user)) this.undoUsers.set(user, this.userEarliest[user]);
    this.userEarliest[user] = time;
    this.dirty = true;
  }

  markCounted(event: number): void {
    this.counted[event] = 1;
    this.undoCounted.push(event);
    this.dirty = true;
  }

  see(partition: number, time: number): void {
    if (time <= this.maxSeen[partition]) return;
    if (!this.undoMaxSeen.has(partition)) this.undoMaxSeen.set(partition, this.maxSeen[partition]);
    this.maxSeen[partition] = time;
    this.dirty = true;
  }

  /** A checkpoint: the current state becomes the one a crash returns to. */
  checkpoint(): void {
    this.undoWindows.clear();
    this.undoUsers.clear();
    this.undoCounted = [];
    this.undoMaxSeen.clear();
    this.savedPosition = this.position;
    this.savedDropped = this.dropped;
    this.dirty = false;
  }

  /** A crash: everything since the last checkpoint is undone. */
  rollBack(): void {
    for (const [start, w] of this.undoWindows) {
      if (w) this.windows.set(start, { ...w });
      else this.windows.delete(start);
    }
    for (const [user, time] of this.undoUsers) this.userEarliest[user] = time;
    for (const event of this.undoCounted) this.counted[event] = 0;
    for (const [p, time] of this.undoMaxSeen) this.maxSeen[p] = time;
    this.position = this.savedPosition;
    this.dropped = this.savedDropped;
    this.checkpoint();
  }

  get checkpointPosition(): number {
    return this.savedPosition;
  }
}
