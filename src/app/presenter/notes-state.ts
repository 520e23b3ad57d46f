/** What the speaker notes show, from the simulation on screen (pure: the view models it reads). */
import type { Scenario, StepInfo } from '../../engine/index.ts';
import type { NotesState } from './notes-protocol.ts';

const ISO_MINUTE = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** The scenario's next query at or after `time`, as the question the class is about to be asked. */
export function upcomingQuestion(
  scenario: Scenario,
  time: number,
  answered: number,
): string | null {
  const query = scenario.queries.filter((q) => q.at >= time)[0] ?? scenario.queries[answered];
  if (!query) return null;
  const day =
    query.day === 'today'
      ? 'today so far'
      : query.day === 'yesterday'
        ? 'yesterday'
        : `on ${query.day}`;
  return `How many new users ${day}? (asked at ${ISO_MINUTE(query.at)} UTC) Ask the class before the answer appears.`;
}

export function notesState(input: {
  scenario: Scenario;
  position: number;
  stepCount: number;
  playing: boolean;
  time: number;
  current: StepInfo | null;
  next: StepInfo | null;
  answered: number;
  link: string;
}): NotesState {
  return {
    title: input.scenario.name,
    position: input.position,
    stepCount: input.stepCount,
    playing: input.playing,
    now:
      input.current?.description ??
      'Before the first step: nothing has happened yet. Press Play or Next step to begin.',
    next: input.next?.description ?? null,
    question: upcomingQuestion(input.scenario, input.time, input.answered),
    link: input.link,
  };
}
