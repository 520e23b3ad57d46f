/**
 * "Your scenario": a run the learner made their own (edited, injected into, imported or run
 * from the Scenario JSON box) is not lost when they pick a bundled scenario. It is kept, with
 * the step they were on, and the picker offers it again as "Your scenario: …"; a short note
 * says so instead of a blocking "discard?" dialog.
 */
import type { SimulationSession } from '../simulation.svelte.ts';

export interface Kept {
  /** The scenario as JSON text (what the Scenario JSON box showed). */
  text: string;
  name: string;
  /** Steps done when it was left. */
  position: number;
}

export class KeptScenario {
  kept = $state.raw<Kept | null>(null);
  /** What was just kept, said next to the picker until the learner returns or keeps another. */
  note = $state<string | null>(null);

  /** Keeps the learner's own run, if that is what is on screen, before another is picked. */
  keepFrom(session: SimulationSession): void {
    if (session.source?.kind !== 'custom' || !session.input) return;
    const name = session.scenario?.name ?? 'unnamed';
    this.kept = {
      text: JSON.stringify(session.input, null, 2),
      name,
      position: session.position,
    };
    this.note = `Your scenario “${name}” is kept: pick “Your scenario” in the list to return to it.`;
  }

  /** Runs the kept scenario again at the step it was left on. */
  returnTo(session: SimulationSession): boolean {
    const kept = this.kept;
    if (!kept) return false;
    const ran = session.run(kept.text, { kind: 'custom' }, { kind: 'start' }, () =>
      session.seek(kept.position),
    );
    if (!ran) return false;
    session.draft = kept.text;
    this.kept = null;
    this.note = null;
    return true;
  }
}
