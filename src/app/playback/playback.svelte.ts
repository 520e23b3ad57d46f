/**
 * One playback over the steps of something already computed, shared by the sandbox's
 * `SimulationSession` and the compare view's `CompareSession` (issue 9: they repeated this
 * plumbing): the playback actor (its only subscriber), its state as runes and the controls that
 * `StepControls` and `PlaybackDriver` call. Components never touch the actor.
 */
import { createActor } from 'xstate';
import { playbackMachine } from './playback.machine.ts';

export class Playback {
  #actor = createActor(playbackMachine, { input: { stepCount: 0 } });
  #snapshot = $state.raw(this.#actor.getSnapshot());

  /** `rate`: steps per second to start with (the machine's default otherwise). */
  constructor(rate?: number) {
    this.#actor.start();
    if (rate !== undefined) this.#actor.send({ type: 'speed.set', rate });
    this.#snapshot = this.#actor.getSnapshot();
    // Subscribed once started, so that `playbackChanged` is never called from this constructor
    // (a subclass's own fields do not exist yet then).
    this.#actor.subscribe((snapshot) => {
      this.#snapshot = snapshot;
      this.playbackChanged();
    });
  }

  /** Called after every change of the playback (a subclass may ask for what it now needs). */
  protected playbackChanged(): void {}

  /** 0 = before the first step; p = steps 0..p-1 are done. */
  readonly position = $derived(this.#snapshot.context.position);
  readonly stepCount = $derived(this.#snapshot.context.stepCount);
  readonly playing = $derived(this.#snapshot.matches('playing'));
  /** Steps per second. */
  readonly rate = $derived(this.#snapshot.context.rate);
  /** How far the next step has got while playing, 0 ≤ p < 1 (0 when paused). */
  readonly stepProgress = $derived(this.#snapshot.context.progress);
  readonly atStart = $derived(this.position <= 0);
  readonly atEnd = $derived(this.position >= this.stepCount);

  /** A new run (or comparison) of `stepCount` steps is on screen, the playhead at `position`. */
  protected loadSteps(stepCount: number, position: number): void {
    this.#actor.send({ type: 'run.loaded', stepCount, position });
  }

  /** Stops the playback actor (the page does this when it unmounts). */
  dispose(): void {
    this.#actor.stop();
  }

  play(): void {
    this.#actor.send({ type: 'play' });
  }
  pause(): void {
    this.#actor.send({ type: 'pause' });
  }
  toggle(): void {
    this.#actor.send({ type: 'toggle' });
  }
  /** `dt`: wall-clock ms since the previous tick. */
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
