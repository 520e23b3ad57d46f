/**
 * How a lesson's picture is played: the session that runs its scenarios and the component that
 * draws it. Pipeline lessons use the pipeline (on every lesson page already); a compare lesson's
 * kit (the compare view's stage and its runs through each column) loads only when such a lesson
 * is opened, so other lesson pages do not carry it.
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
 * The kit a lesson's `picture` needs (a compare lesson's is loaded on demand), once the engine
 * can run every scenario the lesson plays (the unified pipeline is loaded on demand too).
 */
export async function kitFor(lesson: Lesson): Promise<PictureKit> {
  const [kit] = await Promise.all([
    lesson.picture === 'compare'
      ? import('./compare-kit.ts').then((m) => m.compareKit)
      : Promise.resolve(pipelineKit),
    loadLessonEngine(lesson),
  ]);
  return kit;
}
