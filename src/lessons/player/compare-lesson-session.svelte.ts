/**
 * One compare lesson being played (`picture: compare`): each scenario file's events run through
 * the lesson's columns on one shared timeline (the compare view's `CompareSession`), cues are
 * positions on that timeline, and a question's number is read from the column it names. The
 * chart shows the day the step highlights (else the compare view's default day), so the same
 * step always shows the same picture. Steps and moving between them are `LessonSteps`'.
 */
import { ReducedMotion } from '../../app/playback/reduced-motion.svelte.ts';
import type { Comparison } from '../../compare/compare.build.ts';
import { CompareSession } from '../../compare/compare-session.svelte.ts';
import { columnPosition } from '../../compare/compare.series.ts';
import {
  compareReading,
  lessonColumns,
  lessonComparison,
  resolveCompareCue,
  sharedDay,
} from '../lesson.compare.ts';
import type { Lesson } from '../lesson.types.ts';
import { highlightSelector, highlightWords } from './highlight.logic.ts';
import { LessonSteps, type Playhead, type Reveal } from './lesson-steps.svelte.ts';

export class CompareLessonSession extends LessonSteps {
  readonly compare: CompareSession;
  /** Each scenario file's comparison, for cues and the numbers questions reveal. */
  // Filled once in the constructor, never changed: deliberately not reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly comparisons = new Map<string, Comparison>();
  #motion = new ReducedMotion();

  constructor(lesson: Lesson) {
    super(lesson);
    this.compare = new CompareSession(lessonColumns(lesson));
    for (const step of lesson.steps) {
      const file = step.scenarioFile;
      let comparison = this.comparisons.get(file);
      if (!comparison) {
        const built = lessonComparison(lesson, lesson.scenarios[file]);
        if (!built.ok) {
          this.problem = built.problems.join(' ');
          return;
        }
        comparison = built.comparison;
        this.comparisons.set(file, comparison);
      }
      const cue = resolveCompareCue(comparison, step.cue);
      this.cues.push(cue.ok ? cue.position : comparison.moments.length);
      this.files.push(file);
    }
    this.load(this.files[0] ?? lesson.scenarioFile);
  }

  protected get playhead(): Playhead {
    return this.compare;
  }

  protected run(file: string): boolean {
    if (this.compare.load(this.lesson.scenarios[file])) return true;
    this.problem = this.compare.problems.join(' ');
    return false;
  }

  /** The comparison the current step plays. */
  get comparison(): Comparison | null {
    return this.comparisons.get(this.files[this.step - 1]) ?? null;
  }

  get reducedMotion(): boolean {
    return this.#motion.current;
  }

  /**
   * Days resolve at the step's own position on the shared timeline (the same day in every
   * column, and the same whichever way the step was reached).
   */
  #day = (day: string): string => {
    const c = this.comparison;
    return c ? sharedDay(c, this.target, day) : day;
  };

  /** The day the chart shows: the step's first day highlight, else the default (null). */
  get chartDay(): string | null {
    const h = this.current?.highlights.find((x) => x.kind === 'day');
    return h && h.kind === 'day' ? this.#day(h.day) : null;
  }

  /** The chart follows the step (set here, not by an effect, so the picture is drawn once). */
  protected override moved(): void {
    this.compare.chosenDay = this.chartDay;
  }

  get highlighted(): string[] {
    const step = this.current;
    if (!step || this.asking) return [];
    return step.highlights.map((h) => highlightWords(h, null, this.#day));
  }

  /** Selectors of what the step outlines (none while a question waits or while travelling). */
  get selectors(): string[] {
    const step = this.current;
    if (!step || this.asking || this.travelling) return [];
    return step.highlights.map((h) => highlightSelector(h, null, this.#day));
  }

  /** "Try it yourself" opens the sandbox on the scenario's own architecture at the same time. */
  get sandboxPosition(): number {
    const c = this.comparison;
    if (!c) return 0;
    const own = c.columns.find((r) => r.column.architecture === c.scenario.architecture);
    if (!own || own.kind !== 'run') return 0;
    return columnPosition(own.simulation, c.moments, this.compare.position);
  }

  reveal(n: number): Reveal | null {
    const question = this.lesson.steps[n - 1]?.question;
    const comparison = this.comparisons.get(this.files[n - 1]);
    if (!question || !comparison || (n === this.step && this.asking)) return null;
    const at = compareReading(comparison, question.value, this.cues[n - 1]);
    const before = compareReading(comparison, question.value, this.positionOf(n, true), at.day);
    return { actual: at.value ?? 0, before: before.value ?? 0, what: at.what, reasons: at.reasons };
  }

  override dispose(): void {
    super.dispose();
    this.compare.dispose();
  }
}
