/**
 * One lesson being played: the engine run of its scenario (through the app's
 * `SimulationSession`; a step may play another scenario file of the lesson, which is then run
 * instead), the position of every step's cue, which questions were revealed and what the
 * learner answered. Moving forward animates to the cue (or jumps under reduced
 * motion); moving back, or opening a step by its address, lands exactly on the step's state.
 */
import { SimulationSession } from '../../app/simulation.svelte.ts';
import { formatProblem } from '../../engine/scenario/scenario.checks.ts';
import { parseTrustedScenarioText } from '../../engine/scenario/scenario.trusted.ts';
import { Simulation } from '../../engine/simulation/simulation.ts';
import { startFrameClock } from '../../app/playback/frame-clock.ts';
import { resolveCue } from '../lesson.cues.ts';
import type { Lesson } from '../lesson.types.ts';
import { positionFor, travelPlan } from './player.logic.ts';

export class LessonSession {
  /** Lesson scenarios were validated by the build: read without the validator. */
  readonly sim = new SimulationSession({ parse: parseTrustedScenarioText });
  /**
   * The same runs, kept on this page for cues and the numbers questions reveal, one per
   * scenario file the lesson plays (the session may build big runs in a worker; a lesson's
   * scenarios are small and deterministic, so both agree).
   */
  // Filled once in the constructor, never changed: deliberately not reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly runs = new Map<string, Simulation>();
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
  problem: string | null = null;
  /** The scenario file the session is running. */
  #loaded = '';
  #stopTravel: (() => void) | null = null;

  constructor(readonly lesson: Lesson) {
    for (const step of lesson.steps) {
      const file = step.scenarioFile;
      let simulation = this.runs.get(file);
      if (!simulation) {
        const parsed = parseTrustedScenarioText(lesson.scenarios[file]);
        if (!parsed.ok) {
          this.problem = parsed.problems.map((p) => formatProblem(p)).join(' ');
          return;
        }
        simulation = Simulation.create(parsed.scenario);
        this.runs.set(file, simulation);
      }
      const cue = resolveCue(simulation, step.cue);
      this.cues.push(cue.ok ? cue.position : simulation.stepCount);
      this.files.push(file);
    }
    if (!this.#load(this.files[0] ?? lesson.scenarioFile)) return;
  }

  get current() {
    return this.lesson.steps[this.step - 1];
  }

  /** The run the current step plays (cues and question numbers are read from it). */
  get run(): Simulation | null {
    return this.runs.get(this.files[this.step - 1]) ?? null;
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

  /** Where the current step puts the simulation. */
  get target(): number {
    return this.positionOf(this.step, this.asking);
  }

  /**
   * Makes the session run the current step's scenario file; a change of file runs that
   * scenario afresh (deterministic: the same file always gives the same run).
   */
  #load(file: string): boolean {
    if (file === this.#loaded) return true;
    if (!this.sim.run(this.lesson.scenarios[file], { kind: 'custom' })) {
      this.problem = this.sim.problems.join(' ');
      return false;
    }
    this.#loaded = file;
    return true;
  }

  /** Shows step `step` exactly (a deep link, Back, or a step chosen from the menu). */
  show(step: number): void {
    this.#halt();
    this.step = Math.min(Math.max(1, step), this.lesson.steps.length);
    if (this.#load(this.files[this.step - 1])) this.sim.seek(this.target);
  }

  /** Next: reveals the current question, else moves to the following step, animating. */
  next(reducedMotion: boolean): number {
    if (this.asking) this.revealed = [...this.revealed, this.step];
    else if (this.step < this.lesson.steps.length) this.step += 1;
    this.#halt();
    if (this.#load(this.files[this.step - 1])) this.#travel(this.target, reducedMotion);
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
    const plan = travelPlan(this.sim.position, target, reducedMotion);
    if (!plan) {
      this.sim.seek(target);
      return;
    }
    this.sim.seek(plan.startAt);
    this.sim.setRate(plan.rate);
    this.sim.play();
    this.#stopTravel = startFrameClock((dt) => {
      this.sim.tick(dt);
      // Land exactly on the cue (a frame may carry the playhead past it).
      if (this.sim.position >= target || !this.sim.playing) this.#halt(target);
    });
  }

  /** Stops an animation in progress; with a target, lands on it. */
  #halt(landOn?: number): void {
    this.#stopTravel?.();
    this.#stopTravel = null;
    if (landOn !== undefined) this.sim.seek(landOn);
    else if (this.sim.playing) this.sim.pause();
  }

  /** True while Next is animating the way to a cue. */
  get travelling(): boolean {
    return this.sim.playing;
  }

  dispose(): void {
    this.#halt();
    this.sim.dispose();
  }
}
