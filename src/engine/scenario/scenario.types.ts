/**
 * Scenario types. `ScenarioInput` is the JSON format of MODEL.md (the contract teachers write);
 * `Scenario` is the normalized form the engine runs: every default filled in, times in epoch
 * milliseconds, durations in milliseconds, generated events expanded.
 */

export type Architecture = 'lambda' | 'kappa' | 'unified';
export type Counting = 'per-record' | 'distinct-users';
export type Delivery = 'at-most-once' | 'at-least-once' | 'exactly-once';
export type Dedup = 'none' | 'event-id';
/**
 * Lambda: what the speed layer does when a batch view is published. `cut-off` (right) drops
 * exactly the state for records before the run's cut-off; the two wrong ways: `clear-all` drops
 * all of it (records that arrived during the run vanish until the next run: the answer dips),
 * `clear-none` keeps all of it (records before the cut-off counted twice: the answer jumps).
 */
export type Handoff = 'cut-off' | 'clear-all' | 'clear-none';
export type CrashJob = 'speed' | 'batch' | 'stream';

/** Business logic as written in a scenario file: every field optional. */
export interface LogicInput {
  counting?: Counting;
  timeZone?: string;
  excludeUserPrefix?: string;
}

export interface EventInput {
  id: string;
  user: string;
  time: string;
  arrival?: string;
  /** A number the `sum` aggregate of a unified scenario adds (default 1); others ignore it. */
  value?: number;
}

export interface GenerateInput {
  count: number;
  from?: string;
  to?: string;
  lateFraction?: number;
  maxLateness?: string;
  /** Extension: fraction of generated events that reuse an earlier generated user (default 0). */
  repeatFraction?: number;
  /** Extension: fraction of generated users that are test accounts named `test-…` (default 0). */
  testFraction?: number;
}

export type FaultInput =
  | { kind: 'producer-retry'; event: string; after?: string }
  | { kind: 'crash'; job: CrashJob; at: string; downFor?: string }
  | { kind: 'delay'; event: string; by: string }
  | { kind: 'deploy'; at: string; logic?: LogicInput };

export interface QueryInput {
  at: string;
  day: string;
}

export interface ScenarioInput {
  /** Optional JSON Schema reference for editors; ignored. */
  $schema?: string;
  name?: string;
  seed?: number;
  architecture: Architecture;
  timeZone?: string;
  start?: string;
  end?: string;
  events?: EventInput[];
  generate?: GenerateInput;
  delivery?: Delivery;
  dedup?: Dedup;
  logic?: LogicInput;
  log?: { partitions?: number; retention?: string };
  batch?: {
    at?: string;
    every?: string;
    duration?: string;
    logic?: LogicInput;
    handoff?: Handoff;
  };
  speed?: { commitEvery?: string; processingTime?: string; logic?: LogicInput };
  kappa?: { speedup?: number; commitEvery?: string; processingTime?: string; logic?: LogicInput };
  unified?: UnifiedInput;
  faults?: FaultInput[];
  queries?: QueryInput[];
}

/** A unified trigger as written: `null` (none), per element, or a processing-time delay. */
export type TriggerInput =
  null | { kind: 'per-element' } | { kind: 'processing-time'; delay: string; aligned?: boolean };

export type WatermarkInput =
  | { kind: 'heuristic'; bound?: string; idleAfter?: string }
  | { kind: 'perfect' }
  | { kind: 'schedule'; points: [string, string][] };

export type Aggregate = 'distinct-users' | 'count' | 'sum';
export type Accumulation = 'discarding' | 'accumulating' | 'retracting';
export type Sink = 'correct' | 'add-all';

/** The `unified` section (MODEL.md, "Contract: unified"): every field optional. */
export interface UnifiedInput {
  window?: string;
  aggregate?: Aggregate;
  watermark?: WatermarkInput;
  allowedLateness?: string;
  triggers?: { early?: TriggerInput; onTime?: boolean; late?: TriggerInput };
  accumulation?: Accumulation;
  sink?: Sink;
  bounded?: boolean;
  /** Extension: time between periodic checkpoints of the pipeline's state (default 1m). */
  checkpointEvery?: string;
}

export type Trigger =
  null | { kind: 'per-element' } | { kind: 'processing-time'; delay: number; aligned: boolean };

/** A watermark that has reached `end` (all input seen): later than any time. */
export const WATERMARK_END = Number.POSITIVE_INFINITY;

export type Watermark =
  | { kind: 'heuristic'; bound: number; idleAfter: number | null }
  | { kind: 'perfect' }
  /** Points sorted by processing time; a watermark of `WATERMARK_END` means all input seen. */
  | { kind: 'schedule'; points: [number, number][] };

/** The unified section with every default resolved, durations in ms. */
export interface Unified {
  /** `'day'` (calendar days in the scenario's time zone) or a window size in ms. */
  window: 'day' | number;
  aggregate: Aggregate;
  watermark: Watermark;
  allowedLateness: number;
  triggers: { early: Trigger; onTime: boolean; late: Trigger };
  accumulation: Accumulation;
  sink: Sink;
  bounded: boolean;
  checkpointEvery: number;
}

/** Business logic with every default resolved. */
export interface Logic {
  counting: Counting;
  timeZone: string;
  /** Empty string: nobody is excluded. */
  excludeUserPrefix: string;
}

/** An input event after expansion: explicit events first (file order), then generated ones. */
export interface SignupEvent {
  id: string;
  user: string;
  /** Event time, epoch ms. */
  time: number;
  /** Arrival at the log, epoch ms, after `delay` faults; ≥ time. */
  arrival: number;
  /** True for events made by `generate`, false for events written in the file. */
  generated: boolean;
  /** The event's `value` (default 1): what the unified `sum` aggregate adds. */
  value: number;
}

export type Fault =
  | { kind: 'producer-retry'; index: number; event: string; after: number }
  | { kind: 'crash'; index: number; job: CrashJob; at: number; downFor: number }
  | { kind: 'delay'; index: number; event: string; by: number }
  | { kind: 'deploy'; index: number; at: number; logic: Logic };

export interface Query {
  index: number;
  at: number;
  /** As written: `today`, `yesterday` or `YYYY-MM-DD`. */
  day: string;
}

export interface Scenario {
  name: string;
  seed: number;
  architecture: Architecture;
  timeZone: string;
  start: number;
  end: number;
  /** Explicit events then generated events, with arrivals final (delays applied). */
  events: SignupEvent[];
  delivery: Delivery;
  dedup: Dedup;
  /** The business definition truth uses. */
  logic: Logic;
  log: { partitions: number; retention: number | null };
  batch: { at: string; every: number; duration: number; logic: Logic; handoff: Handoff };
  speed: { commitEvery: number; processingTime: number; logic: Logic };
  kappa: { speedup: number; commitEvery: number; processingTime: number; logic: Logic };
  unified: Unified;
  faults: Fault[];
  queries: Query[];
}

/** A problem found while reading a scenario: where (a path like `events[3].time`) and what. */
export interface ScenarioProblem {
  path: string;
  message: string;
}

export type ParseResult =
  | { ok: true; scenario: Scenario; input: ScenarioInput }
  | { ok: false; problems: ScenarioProblem[] };

/** Limits from MODEL.md, refused with a clear error rather than attempted. */
export const LIMITS = {
  maxEvents: 5_000_000,
  maxSpanDays: 366,
} as const;
