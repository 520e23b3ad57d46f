/** A compare lesson's picture kit (see `picture-kit.ts`): loaded on demand. */
import ComparePicture from './ComparePicture.svelte';
import { CompareLessonSession } from './compare-lesson-session.svelte.ts';
import type { PictureKit } from './picture-kit.ts';

export const compareKit: PictureKit = {
  create: (lesson) => new CompareLessonSession(lesson),
  Picture: ComparePicture,
};
