/**
 * The runes adapter of the compare view: the comparison on screen, one playback over the shared
 * timeline (the playback machine the sandbox uses, with the timeline's moments as its steps),
 * and what every column shows at the shared time: its view after the last step at or before
 * that time. Components read from here; only this class talks to the playback actor.
 */
import type { SimulationView } from '../engine/index.ts';
import { Playback } from '../app/playback/playback.svelte.ts';
import { buildComparison, type Comparison } from './compare.build.ts';
import type { CompareColumn } from './compare.columns.ts';
import { columnPosition } from './compare.series.ts';

/** Moments per second by default: a lesson-sized run plays in well under a minute. */
export const COMPARE_RATE = 4;

/** One column at the shared time: its view, or why it has none. */
export type ColumnNow =
  | { kind: 'run'; column: CompareColumn; position: number; view: SimulationView }
  | { kind: 'failed'; column: CompareColumn; reason: string };

export class CompareSession extends Playback {
  comparison = $state.raw<Comparison | null>(null);
  /** Problems of the last text that could not be compared; empty after a success. */
  problems = $state.raw<string[]>([]);
  /** The day the chart shows (`YYYY-MM-DD`), or null for the default. */
  chosenDay = $state<string | null>(null);

  constructor(readonly columns: readonly CompareColumn[]) {
    super(COMPARE_RATE);
  }

  /** Builds the comparison of a scenario text; on a problem the one on screen stays. */
  load(text: string, position = 0): boolean {
    const built = buildComparison(text, this.columns);
    if (!built.ok) {
      this.problems = built.problems;
      return false;
    }
    this.problems = [];
    this.comparison = built.comparison;
    this.chosenDay = null;
    const count = built.comparison.moments.length;
    this.loadSteps(count, Math.min(position, count));
    return true;
  }

  // `position` (from Playback): moments done on the shared timeline (0: nothing has happened).

  /** The shared simulated time: the latest moment done (the scenario's start before any). */
  readonly time = $derived.by(() => {
    const c = this.comparison;
    if (!c) return 0;
    return this.position > 0 ? c.moments[this.position - 1] : c.scenario.start;
  });

  readonly now = $derived.by<ColumnNow[]>(() => {
    const c = this.comparison;
    if (!c) return [];
    return c.columns.map((run) => {
      if (run.kind === 'failed') return { kind: 'failed', column: run.column, reason: run.reason };
      const position = columnPosition(run.simulation, c.moments, this.position);
      return { kind: 'run', column: run.column, position, view: run.simulation.view(position - 1) };
    });
  });
}
