/**
 * The runes adapter of the compare view: the comparison on screen, one playback over the shared
 * timeline (the playback machine the sandbox uses, with the timeline's moments as its steps),
 * and what every column shows at the shared time: its view after the last step at or before
 * that time. Components read from here; only this class talks to the playback actor.
 */
import { createActor } from 'xstate';
import type { SimulationView } from '../engine/index.ts';
import { playbackMachine } from '../app/playback/playback.machine.ts';
import { buildComparison, type Comparison } from './compare.build.ts';
import type { CompareColumn } from './compare.columns.ts';
import { columnPosition } from './compare.series.ts';

/** Moments per second by default: a lesson-sized run plays in well under a minute. */
export const COMPARE_RATE = 4;

/** One column at the shared time: its view, or why it has none. */
export type ColumnNow =
  | { kind: 'run'; column: CompareColumn; position: number; view: SimulationView }
  | { kind: 'failed'; column: CompareColumn; reason: string };

export class CompareSession {
  comparison = $state.raw<Comparison | null>(null);
  /** Problems of the last text that could not be compared; empty after a success. */
  problems = $state.raw<string[]>([]);
  /** The day the chart shows (`YYYY-MM-DD`), or null for the default. */
  chosenDay = $state<string | null>(null);

  #actor = createActor(playbackMachine, { input: { stepCount: 0, rate: COMPARE_RATE } });
  #playback = $state.raw(this.#actor.getSnapshot());

  constructor(readonly columns: readonly CompareColumn[]) {
    this.#actor.subscribe((snapshot) => (this.#playback = snapshot));
    this.#actor.start();
  }

  dispose(): void {
    this.#actor.stop();
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
    this.#actor.send({ type: 'run.loaded', stepCount: count, position: Math.min(position, count) });
    return true;
  }

  /** Moments done on the shared timeline (0: nothing has happened yet). */
  readonly position = $derived(this.#playback.context.position);
  readonly stepCount = $derived(this.comparison?.moments.length ?? 0);
  readonly playing = $derived(this.#playback.matches('playing'));
  readonly rate = $derived(this.#playback.context.rate);
  readonly atStart = $derived(this.position <= 0);
  readonly atEnd = $derived(this.position >= this.stepCount);

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

  play(): void {
    this.#actor.send({ type: 'play' });
  }
  pause(): void {
    this.#actor.send({ type: 'pause' });
  }
  toggle(): void {
    this.#actor.send({ type: 'toggle' });
  }
  tick(dt: number): void {
    this.#actor.send({ type: 'tick', dt });
  }
  setRate(rate: number): void {
    this.#actor.send({ type: 'speed.set', rate });
  }
  seek(position: number): void {
    this.#actor.send({ type: 'seek', position });
  }
  next(): void {
    this.#actor.send({ type: 'step.next' });
  }
  previous(): void {
    this.#actor.send({ type: 'step.previous' });
  }
  restart(): void {
    this.#actor.send({ type: 'restart' });
  }
  end(): void {
    this.#actor.send({ type: 'end' });
  }
}
