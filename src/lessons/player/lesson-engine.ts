/**
 * The engine parts a lesson needs beyond what every lesson page has (the engine with Lambda and
 * Kappa): the unified pipeline, for a lesson that plays a unified scenario. `kitFor` loads
 * them with the lesson's picture kit, before the player starts.
 */
import type { Lesson } from '../lesson.types.ts';

/** True when any scenario the lesson plays is a unified one. */
export function playsUnified(lesson: Lesson): boolean {
  return Object.values(lesson.scenarios).some((text) => {
    try {
      return (JSON.parse(text) as { architecture?: unknown }).architecture === 'unified';
    } catch {
      return false; // the build refuses such a lesson; the player reports it
    }
  });
}

/** Resolves once the engine can run every scenario of the lesson. */
export async function loadLessonEngine(lesson: Lesson): Promise<void> {
  if (playsUnified(lesson)) await import('../../engine/arch/unified/unified.register.ts');
}
