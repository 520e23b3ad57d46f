/**
 * One pipeline lesson being played. Its engine side (`LiveLesson`: the app's `SimulationSession`
 * with XState, and the lesson's runs) loads on demand, so a lesson page is small: until it has
 * loaded, the picture draws the first screen the lesson shipped with (computed at build time by
 * the same engine code), and moves wait for it (`queue`). It loads when the page is idle, or at
 * once when something needs it (a step without a shipped screen, a move, a click on the
 * picture); it then takes over on the same step, showing the same view. Steps, questions and
 * moving between them are `LessonSteps`'.
 */
import { ReducedMotion } from '../../app/playback/reduced-motion.svelte.ts';
import { prefetchOnIdle } from '../../app/router/prefetch.ts';
import type { SessionPicture } from '../../app/session-picture.ts';
import type { SimulationView } from '../../engine/index.ts';
import type { Simulation } from '../../engine/simulation/simulation.ts';
import { describeRef, refDay, valueOn, viewAt } from '../lesson.cues.ts';
import type { FirstScreen, Lesson } from '../lesson.types.ts';
import { loadUnifiedReasons, sinkReasons } from '../lesson.unified.ts';
import { highlightWords } from './highlight.logic.ts';
import { loadLessonEngine } from './lesson-engine.ts';
import type { LiveLesson } from './lesson-live.ts';
import { LessonSteps, type Playhead, type Reveal } from './lesson-steps.svelte.ts';

/** The engine side's loader (`lesson-live.ts` and, for a unified lesson, the unified pipeline). */
async function loadLive(lesson: Lesson): Promise<(lesson: Lesson) => LiveLesson> {
  const [live] = await Promise.all([import('./lesson-live.ts'), loadLessonEngine(lesson)]);
  return live.startLive;
}

export class LessonSession extends LessonSteps {
  /** The engine side, once loaded (null until then). */
  live = $state.raw<LiveLesson | null>(null);
  /** The first screen the lesson shipped with, if any. */
  readonly first: FirstScreen | null;
  #loading: Promise<void> | null = null;
  #cancelIdle: () => void = () => undefined;
  #disposed = false;
  #motion = new ReducedMotion();
  /** A unified run's reasons load on demand, while the learner answers (then reveals re-read). */
  private unifiedReasons = $state(false);

  /** What the picture draws before the engine has loaded. */
  readonly #shipped = new ShippedPicture(this);

  constructor(lesson: Lesson) {
    super(lesson);
    for (const step of lesson.steps) this.files.push(step.scenarioFile);
    this.first = lesson.first ?? null;
    // With a shipped first screen the engine can wait until the page is idle (or a move).
    if (this.first) this.#cancelIdle = prefetchOnIdle(() => this.whenReady());
    else void this.whenReady().catch(() => undefined);
  }

  override get ready(): boolean {
    return this.live !== null;
  }

  /** Loads the engine side now (once) and takes over the current step with it. */
  override whenReady(): Promise<void> {
    if (this.#disposed) return Promise.reject(new Error('the lesson was closed'));
    this.#cancelIdle();
    this.#loading ??= loadLive(this.lesson).then(
      (startLive) => {
        if (!this.#disposed) this.#attach(startLive(this.lesson));
      },
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        this.problem = `the engine could not load (${reason}); reload the page to try again.`;
        throw error;
      },
    );
    return this.#loading;
  }

  #attach(live: LiveLesson): void {
    if (live.problem) this.problem = live.problem;
    this.cues.push(...live.cues);
    this.live = live;
    if (!live.problem) super.show(this.step);
    if ([...live.runs.values()].some((r) => r.scenario.architecture === 'unified')) {
      void loadUnifiedReasons().then(() => (this.unifiedReasons = true));
    }
  }

  /** What the pipeline picture draws: the live session, or the shipped first screen. */
  get picture(): SessionPicture {
    return this.live?.sim ?? this.#shipped;
  }

  /** Before the engine: shows the step's text at once; a step without a shipped screen loads it. */
  override show(step: number): void {
    if (this.live) return super.show(step);
    this.step = Math.min(Math.max(1, step), this.lesson.steps.length);
    if (this.step !== this.first?.step) void this.whenReady().catch(() => undefined);
  }

  /** Before the engine: moves once it has loaded (the step is returned unchanged meanwhile). */
  override next(reducedMotion?: boolean): number {
    if (this.live) return super.next(reducedMotion);
    void this.queue(() => super.next(reducedMotion));
    return this.step;
  }

  override back(): number {
    if (this.live) return super.back();
    void this.queue(() => super.back());
    return this.step;
  }

  protected get playhead(): Playhead {
    return this.live?.sim ?? STILL;
  }

  protected run(file: string): boolean {
    const sim = this.live?.sim;
    if (!sim) return false;
    if (sim.run(this.lesson.scenarios[file], { kind: 'custom' })) return true;
    this.problem = sim.problems.join(' ');
    return false;
  }

  /** The run the current step plays (cues and question numbers are read from it). */
  get simulation(): Simulation | null {
    return this.live?.runs.get(this.files[this.step - 1]) ?? null;
  }

  get reducedMotion(): boolean {
    return this.live?.sim.reducedMotion ?? this.#motion.current;
  }

  get sandboxPosition(): number {
    return this.live?.sim.position ?? this.first?.position ?? 0;
  }

  get highlighted(): string[] {
    const view = this.picture.view;
    const step = this.current;
    return step && view && !this.asking ? step.highlights.map((h) => highlightWords(h, view)) : [];
  }

  reveal(n: number): Reveal | null {
    const question = this.lesson.steps[n - 1]?.question;
    const simulation = this.live?.runs.get(this.files[n - 1]);
    if (!question || !simulation || (n === this.step && this.asking)) return null;
    const at = viewAt(simulation, this.cues[n - 1]);
    const day = refDay(at, question.value);
    const actual = valueOn(at, question.value.measure, day) ?? 0;
    const before =
      valueOn(viewAt(simulation, this.positionOf(n, true)), question.value.measure, day) ?? 0;
    const measure = question.value.measure;
    void this.unifiedReasons; // read again once they are loaded
    const reasons =
      measure === 'served' || measure === 'gap'
        ? simulation.explain(at.step, day).reasons
        : measure === 'sink'
          ? sinkReasons(simulation, at, question.value.day)
          : [];
    return { actual, before, reasons, what: describeRef(question.value, day) };
  }

  override dispose(): void {
    this.#disposed = true;
    this.#cancelIdle();
    super.dispose();
    this.live?.sim.dispose();
  }
}

/** What the picture draws before the engine has loaded: the shipped first screen, on its step. */
class ShippedPicture implements SessionPicture {
  readonly scenario = null;
  readonly incoming = null;
  readonly progress = 0;
  readonly selectedDay = null;
  readonly lineage = null;
  readonly handOff = null;

  constructor(private readonly session: LessonSession) {}

  get view(): SimulationView | null {
    const { first, step, revealed } = this.session;
    return first && step === first.step && !revealed.includes(step) ? first.view : null;
  }

  get reducedMotion(): boolean {
    return this.session.reducedMotion;
  }

  get displayTime(): number {
    return this.view?.time ?? 0;
  }

  /** A served number clicked before the engine is there: selected once it is. */
  selectDay(day: string | null): void {
    void this.session.queue(() => this.session.live?.sim.selectDay(day));
  }
}

/** The playhead before the engine has loaded: still, at no position (moves wait for the engine). */
const STILL: Playhead = {
  position: 0,
  playing: false,
  seek: () => undefined,
  setRate: () => undefined,
  play: () => undefined,
  pause: () => undefined,
  tick: () => undefined,
};
