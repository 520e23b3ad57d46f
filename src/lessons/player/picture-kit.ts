/**
 * How a lesson's picture is played: the session that runs its scenarios and the component that
 * draws it. Pipeline lessons use the pipeline (its picture on every lesson page; its engine loads
 * on demand, `LessonSession`); a compare lesson's kit (the compare view's stage and its runs
 * through each column) loads only when such a lesson is opened, so other lesson pages do not
 * carry it.
 */
import type { Component } from 'svelte';
import type { Lesson } from '../lesson.types.ts';
import { loadLessonEngine } from './lesson-engine.ts';
import LessonPicture from './LessonPicture.svelte';
import { LessonSession } from './lesson-session.svelte.ts';
import type { LessonSteps } from './lesson-steps.svelte.ts';

export interface PictureKit {
  create(lesson: Lesson): LessonSteps;
  Picture: Component<{ session: LessonSteps }>;
}

export const pipelineKit: PictureKit = {
  create: (lesson) => new LessonSession(lesson),
  Picture: LessonPicture,
};

/**
 * The kit a lesson's `picture` needs. A compare lesson's is loaded on demand, with the engine
 * parts its scenarios need (the unified pipeline, say); a pipeline lesson's session loads its
 * engine itself, when the page is idle if the lesson shipped its first screen.
 */
export async function kitFor(lesson: Lesson): Promise<PictureKit> {
  if (lesson.picture !== 'compare') return pipelineKit;
  const [kit] = await Promise.all([
    import('./compare-kit.ts').then((m) => m.compareKit),
    loadLessonEngine(lesson),
  ]);
  return kit;
}
