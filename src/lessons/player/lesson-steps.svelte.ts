/**
 * What every lesson player does, whatever its picture: the current step, which questions were
 * revealed and what the learner answered, where each step's cue puts the run, and moving
 * between steps (forward animates to the cue, or jumps under reduced motion; back, or opening a
 * step by its address, lands exactly on the step's state). A subclass runs the scenario files
 * (`LessonSession`: the pipeline; `CompareLessonSession`: the same events through several
 * architectures on one timeline) and reads the numbers questions reveal.
 */
import { startFrameClock } from '../../app/playback/frame-clock.ts';
import type { Lesson } from '../lesson.types.ts';
import { positionFor, travelPlan } from './player.logic.ts';

/** The playback a lesson drives: a position on its run, and the sandbox's playback verbs. */
export interface Playhead {
  readonly position: number;
  readonly playing: boolean;
  seek(position: number): void;
  setRate(rate: number): void;
  play(): void;
  pause(): void;
  tick(dt: number): void;
}

/** What a reveal shows: the engine's number at the cue, the one before, and its reasons. */
export interface Reveal {
  actual: number;
  before: number;
  /** Words for the number, e.g. "the served answer for yesterday (2026-11-22)". */
  what: string;
  reasons: readonly { count: number; text: string }[];
}

export abstract class LessonSteps {
  /** Position of each step's cue in its own scenario's run (the build checked they exist). */
  readonly cues: number[] = [];
  /** The scenario file of each step. */
  readonly files: string[] = [];
  /** Current step, 1-based. */
  step = $state(1);
  /** Question steps already revealed, and the learner's answers by step. */
  revealed = $state.raw<readonly number[]>([]);
  answers = $state.raw<Readonly<Record<number, string>>>({});
  /** Set when a scenario could not run (never for a lesson the build accepted). */
  problem = $state.raw<string | null>(null);
  /** The scenario file the playhead is running. */
  #loaded = '';
  #stopTravel: (() => void) | null = null;
  /** Moves asked for before the steps could move, still waiting (run in the order asked). */
  #waiting: Promise<void> = Promise.resolve();
  #pending = 0;

  constructor(readonly lesson: Lesson) {}

  /**
   * True once the steps can move. A session whose engine loads on demand (`LessonSession`)
   * becomes ready when it has loaded; the others are ready from the start.
   */
  get ready(): boolean {
    return true;
  }

  /** Resolves once ready (loading now whatever is missing); rejects if that cannot load. */
  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Runs a move (Next, Back, a click on the picture) now if the steps can move, else as soon as
   * they can, after the moves asked for before it: pressing Next while the engine is still
   * loading waits for it, then moves. Resolves once the move has run (or was dropped because
   * the engine could not load, which `problem` then says).
   */
  queue(move: () => void): Promise<void> {
    if (this.ready && this.#pending === 0) {
      move();
      return Promise.resolve();
    }
    this.#pending++;
    const ran = this.#waiting.then(() => this.whenReady()).then(move, () => undefined);
    this.#waiting = ran.catch(() => undefined).finally(() => this.#pending--);
    return ran;
  }

  /** The playback the steps move. */
  protected abstract get playhead(): Playhead;
  /** Runs a scenario file of the lesson on the playhead; false (and `problem` set) if it cannot. */
  protected abstract run(file: string): boolean;
  /** The reveal of step n's question (null: no question, or not revealed). */
  abstract reveal(n: number): Reveal | null;
  /** What the current step highlights, in words (empty while a question waits). */
  abstract get highlighted(): string[];
  /** The learner's reduced-motion preference. */
  abstract get reducedMotion(): boolean;
  /** Where the sandbox opens for "Try it yourself": a step of the last step's scenario. */
  abstract get sandboxPosition(): number;

  /** Called after every move (show, Next, Back): what a picture sets for the new step. */
  protected moved(): void {}

  get current() {
    return this.lesson.steps[this.step - 1];
  }

  /** The scenario text the current step plays (what "Try it yourself" opens). */
  get scenarioText(): string {
    const file = this.files[this.step - 1] ?? this.lesson.scenarioFile;
    return this.lesson.scenarios[file];
  }

  /** True while the current step's question waits for the learner. */
  get asking(): boolean {
    return this.current?.question != null && !this.revealed.includes(this.step);
  }

  /** Where step `step` puts its scenario's run (asking: before its question is revealed). */
  positionOf(step: number, asking: boolean): number {
    return positionFor(this.cues, step, asking, this.files);
  }

  /** Where the current step puts the run. */
  get target(): number {
    return this.positionOf(this.step, this.asking);
  }

  /** True while Next is animating the way to a cue. */
  get travelling(): boolean {
    return this.playhead.playing;
  }

  /** Makes the playhead run `file` (a change of file runs that scenario afresh). */
  protected load(file: string): boolean {
    if (file === this.#loaded) return true;
    if (!this.run(file)) return false;
    this.#loaded = file;
    return true;
  }

  /** Shows step `step` exactly (a deep link, Back, or a step chosen from the menu). */
  show(step: number): void {
    this.#halt();
    this.step = Math.min(Math.max(1, step), this.lesson.steps.length);
    if (this.load(this.files[this.step - 1])) this.playhead.seek(this.target);
    this.moved();
  }

  /** Next: reveals the current question, else moves to the following step, animating. */
  next(reducedMotion = this.reducedMotion): number {
    if (this.asking) this.revealed = [...this.revealed, this.step];
    else if (this.step < this.lesson.steps.length) this.step += 1;
    this.#halt();
    if (this.load(this.files[this.step - 1])) this.#travel(this.target, reducedMotion);
    this.moved();
    return this.step;
  }

  /** Back: un-reveals the current question, else returns to the previous step's state. */
  back(): number {
    const q = this.current?.question != null && this.revealed.includes(this.step);
    if (q) {
      this.revealed = this.revealed.filter((s) => s !== this.step);
      this.show(this.step);
    } else this.show(this.step - 1);
    return this.step;
  }

  answer(step: number, value: string): void {
    this.answers = { ...this.answers, [step]: value };
  }

  #travel(target: number, reducedMotion: boolean): void {
    this.#halt();
    const head = this.playhead;
    const plan = travelPlan(head.position, target, reducedMotion);
    if (!plan) {
      head.seek(target);
      return;
    }
    head.seek(plan.startAt);
    head.setRate(plan.rate);
    head.play();
    this.#stopTravel = startFrameClock((dt) => {
      head.tick(dt);
      // Land exactly on the cue (a frame may carry the playhead past it).
      if (head.position >= target || !head.playing) this.#halt(target);
    });
  }

  /** Stops an animation in progress; with a target, lands on it. */
  #halt(landOn?: number): void {
    this.#stopTravel?.();
    this.#stopTravel = null;
    if (landOn !== undefined) this.playhead.seek(landOn);
    else if (this.playhead.playing) this.playhead.pause();
  }

  /** Stops any animation; subclasses free their runs after this. */
  dispose(): void {
    this.#halt();
  }
}
