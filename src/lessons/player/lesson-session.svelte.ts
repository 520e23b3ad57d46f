/**
 * One pipeline lesson being played: the engine run of its scenario (through the app's
 * `SimulationSession`; a step may play another scenario file of the lesson, which is then run
 * instead), and the numbers its questions reveal. Steps, questions and moving between them are
 * `LessonSteps`'.
 */
import { SimulationSession } from '../../app/simulation.svelte.ts';
import { formatProblem } from '../../engine/scenario/scenario.checks.ts';
import { parseTrustedScenarioText } from '../../engine/scenario/scenario.trusted.ts';
import { Simulation } from '../../engine/simulation/simulation.ts';
import { describeRef, refDay, resolveCue, valueOn, viewAt } from '../lesson.cues.ts';
import { loadUnifiedReasons, sinkReasons } from '../lesson.unified.ts';
import type { Lesson } from '../lesson.types.ts';
import { highlightWords } from './highlight.logic.ts';
import { LessonSteps, type Playhead, type Reveal } from './lesson-steps.svelte.ts';

export class LessonSession extends LessonSteps {
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
  /** A unified run's reasons load on demand, while the learner answers (then reveals re-read). */
  private unifiedReasons = $state(false);

  constructor(lesson: Lesson) {
    super(lesson);
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
    this.load(this.files[0] ?? lesson.scenarioFile);
    if ([...this.runs.values()].some((r) => r.scenario.architecture === 'unified')) {
      void loadUnifiedReasons().then(() => (this.unifiedReasons = true));
    }
  }

  protected get playhead(): Playhead {
    return this.sim;
  }

  protected run(file: string): boolean {
    if (this.sim.run(this.lesson.scenarios[file], { kind: 'custom' })) return true;
    this.problem = this.sim.problems.join(' ');
    return false;
  }

  /** The run the current step plays (cues and question numbers are read from it). */
  get simulation(): Simulation | null {
    return this.runs.get(this.files[this.step - 1]) ?? null;
  }

  get reducedMotion(): boolean {
    return this.sim.reducedMotion;
  }

  get sandboxPosition(): number {
    return this.sim.position;
  }

  get highlighted(): string[] {
    const view = this.sim.view;
    const step = this.current;
    return step && view && !this.asking ? step.highlights.map((h) => highlightWords(h, view)) : [];
  }

  reveal(n: number): Reveal | null {
    const question = this.lesson.steps[n - 1]?.question;
    const simulation = this.runs.get(this.files[n - 1]);
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
    super.dispose();
    this.sim.dispose();
  }
}
