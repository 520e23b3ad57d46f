/**
 * A pipeline lesson ships its first screen (computed by the engine at build time) so that its
 * page draws the first step before the engine has loaded. What ships must be exactly what the
 * live engine shows once it takes over: the shipped module (the lessons plugin's own output) is
 * compared with a player session run from the lesson's source files, for every lesson that
 * ships one. A lesson whose scenario changed after its first screen was computed is told apart.
 */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { loadLessons, lessonsPlugin } from '../../src/lessons/build/lessons.plugin.ts';
import type { Lesson } from '../../src/lessons/lesson.types.ts';
import { LessonSession } from '../../src/lessons/player/lesson-session.svelte.ts';

const DIR = 'src/lessons';
const loaded = loadLessons(DIR);
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
/** The lessons as read from their source files (no first screen: that is the build's). */
const sources = loaded.lessons;

/** The lesson module the build ships for `id`: the lessons plugin's `load` output, evaluated. */
function shipped(id: string): Lesson {
  const plugin = lessonsPlugin(DIR);
  const load = plugin.load as (this: unknown, id: string) => string;
  const context = {
    addWatchFile: () => undefined,
    error: (message: string) => {
      throw new Error(message);
    },
  };
  const code = load.call(context, `\0virtual:lesson/${id}`);
  const json = /^export default (.*);$/s.exec(code)?.[1];
  if (!json) throw new Error(`unexpected module for ${id}: ${code.slice(0, 80)}`);
  return JSON.parse(json) as Lesson;
}

/** A player session on the lesson, at step 1, once its engine has loaded and taken over. */
async function live(lesson: Lesson): Promise<LessonSession> {
  const session = new LessonSession(lesson);
  session.show(1);
  await session.whenReady();
  flushSync();
  return session;
}

const withScreen = sources.filter((l) => shipped(l.id).first);

describe('the first screen a lesson ships', () => {
  it('ships with the first lesson and every pipeline lesson of Lambda or Kappa', () => {
    expect(withScreen[0]?.id).toBe(sources[0].id);
    const expected = sources.filter(
      (l) =>
        l.picture === 'pipeline' &&
        !Object.values(l.scenarios).some((t) => t.includes('"unified"')),
    );
    expect(withScreen.map((l) => l.id)).toEqual(expected.map((l) => l.id));
  });

  it.each(withScreen.map((l) => [l.id, l] as const))(
    '%s: what ships is what the live engine shows at step 1',
    async (_id, source) => {
      const first = shipped(source.id).first!;
      const session = await live(source);
      const sim = session.live!.sim;
      expect(session.step).toBe(1);
      expect(first.step).toBe(1);
      expect(first.position).toBe(sim.position);
      // Everything the picture reads: the shipped view, and no motion at rest.
      expect(first.view).toStrictEqual(JSON.parse(JSON.stringify(sim.view)));
      expect(first.view).toEqual(sim.view);
      expect([sim.incoming, sim.handOff, sim.lineage, sim.progress]).toEqual([null, null, null, 0]);
      expect(sim.displayTime).toBe(first.view.time);
      session.dispose();
    },
  );

  it('draws the shipped screen before the engine, with the same highlights in words', async () => {
    const lesson = shipped(withScreen[0].id);
    const session = new LessonSession(lesson);
    session.show(1);
    expect(session.ready).toBe(false);
    expect(session.picture.view).toBe(lesson.first!.view);
    const before = session.highlighted;
    await session.whenReady();
    flushSync();
    expect(session.ready).toBe(true);
    expect(session.picture).toBe(session.live!.sim);
    expect(session.highlighted).toEqual(before);
    session.dispose();
  });

  it('Next asked for before the engine has loaded waits for it, then moves', async () => {
    const lesson = shipped(withScreen[0].id);
    const session = new LessonSession(lesson);
    session.show(1);
    const moved = session.queue(() => session.next(true));
    expect(session.step).toBe(1); // nothing moves without the engine
    await moved;
    flushSync();
    expect(session.step).toBe(2);
    expect(session.live!.sim.position).toBe(session.target);
    session.dispose();
  });

  it('a step without a shipped screen loads the engine at once and shows that step', async () => {
    const lesson = shipped(withScreen[0].id);
    const session = new LessonSession(lesson);
    session.show(2);
    expect(session.picture.view).toBeNull();
    await session.whenReady();
    flushSync();
    expect(session.step).toBe(2);
    expect(session.live!.sim.position).toBe(session.target);
    session.dispose();
  });

  it('a first screen computed before the scenario changed differs from the live engine', async () => {
    const source = withScreen[0];
    const old = shipped(source.id).first!;
    const input = JSON.parse(source.scenarioText) as { events: { time: string }[] };
    input.events = input.events.slice(1); // one sign-up fewer
    const text = JSON.stringify(input);
    const changed: Lesson = {
      ...source,
      scenarioText: text,
      scenarios: { ...source.scenarios, [source.scenarioFile]: text },
    };
    const session = await live(changed);
    expect(old.view).not.toEqual(session.live!.sim.view);
    session.dispose();
  });
});
