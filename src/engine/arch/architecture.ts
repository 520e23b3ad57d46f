/**
 * The seam between the shared engine and one architecture (Lambda, Kappa, and the unified
 * Dataflow-style pipeline). The engine owns what every architecture shares: virtual time, the log
 * (appends and retention), truth, the fault and query schedules, recoveries, the step columns and
 * checkpoints. An architecture owns its components and answers seven questions:
 *
 * 1. set up from the world (its factory in `arch/index.ts`);
 * 2. the next things that can happen (`next`: offers occurrences to the scan);
 * 3. perform one (`perform`, and `crash` / `deploy` / `recover` for faults), returning its fact;
 * 4. what is served for a day (`servedOn`);
 * 5. the lineage of a served number (`lineage`);
 * 6. its part of the view for the picture (`view`);
 * 7. the words for a step it performed (`words`).
 *
 * It also copies itself (`clone`) for checkpoints. Everything is pure: no DOM, no wall clock.
 */
import type { Fault, Scenario } from '../scenario/scenario.types.ts';
import type { StreamJob } from '../stream/stream.job.ts';
import type { Tally } from '../stream/tally.logic.ts';
import type { Truth } from '../truth/truth.logic.ts';
import type { World } from '../world/world.ts';
import type { StepFact } from '../simulation/step-facts.ts';
import type {
  ArchitectureView,
  DifferenceReason,
  Lineage,
  ReasonKind,
  Report,
  ServedParts,
  StepKind,
} from '../simulation/simulation.types.ts';

/** The shared engine state an architecture reads (and, for `now`-free fields, writes). */
export interface Core {
  readonly world: World;
  readonly scenario: Scenario;
  readonly now: number;
  /** Records appended so far; the earliest retained record (global indices). */
  readonly appended: number;
  readonly earliest: number;
  readonly truth: Truth;
  /**
   * Whether steps leave their facts (`Engine.last`). A headless run (`runScenario`) reads only
   * the answers, so its appends, fetches, processing and commits leave none (null).
   */
  readonly facts: boolean;
  /** Truth for a day (by the architecture's aggregate when it has its own). */
  truthOn(day: number): number;
  /** Schedules a recovery of `target` (an architecture's own numbering) at `at`. */
  scheduleRecovery(at: number, target: number): void;
  /** True when `target` has a recovery pending. */
  recoveryPending(target: number): boolean;
}

/** The scan for the next step: the earliest time wins; same-instant ties go by `STEP_PRIORITY`. */
export interface Scan {
  consider(t: number, kind: StepKind, subject: number, job: number): void;
}

export interface Served {
  served: number;
  parts: ServedParts;
}

export interface Architecture {
  readonly kind: Scenario['architecture'];
  /** Streaming jobs (shared `StreamJob` machinery), in job order; may be empty. */
  readonly jobs: readonly StreamJob[];
  next(core: Core, scan: Scan): void;
  /** Performs one of the occurrences it offered; its fact (null: see `Core.facts`). */
  perform(core: Core, kind: StepKind, subject: number, job: number): StepFact | null;
  /** A crash fault, a deploy fault, and a recovery it scheduled. */
  crash(core: Core, fault: Extract<Fault, { kind: 'crash' }>): StepFact;
  deploy(core: Core, fault: Extract<Fault, { kind: 'deploy' }>): StepFact;
  recover(core: Core, target: number): StepFact;
  servedOn(day: number): Served;
  lineage(core: Core, day: number): Lineage;
  view(core: Core): ArchitectureView;
  /** Day indices with a non-zero count in any of its views (for the per-day table). */
  countedDays(): Iterable<number>;
  /** For explanations: visits the served entries of a day, each with the tally that counted it. */
  forEachServedEntry(day: number, visit: (record: number, tally: Tally) => void): void;
  /** For explanations: why truth's event `ev` (arrived in the log) is not counted on `day`. */
  missingReason(core: Core, ev: number, day: number): ReasonKind;
  /** Explanations from its own state instead of matching served entries (unified's panes). */
  reasons?(core: Core, day: number): DifferenceReason[];
  /** One or two plain sentences for a step this architecture performed (undefined: not its own). */
  words(core: Core, fact: StepFact): string | undefined;
  /** Told when the engine appended a record to the log (an architecture may track arrivals). */
  appended?(core: Core, record: number): void;
  /** Truth for a day when the architecture's aggregate is not the scenario logic's count. */
  truthOn?(core: Core, day: number): number;
  /** With `truthOn`: the day indices where that truth is not 0 (for the per-day table). */
  truthDays?(core: Core): Iterable<number>;
  /** True when retention never applies to it (no `log.trimmed` steps). */
  readonly ignoresRetention?: boolean;
  /** Its additions to the headless report (unified: `panes`, `dropped`). */
  report?(): Partial<Report>;
  /** A copy for checkpoints (the one way to snapshot; restore = use the copy). */
  clone(): Architecture;
  /** Approximate size of its state, for the checkpoint budget. */
  readonly bytes: number;
}
