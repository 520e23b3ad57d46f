/**
 * A lesson's picture kit whose session has its engine loaded already (as a lesson page has it
 * once idle): a test's short waits are then for what it checks (the question box, a reveal), not
 * for the engine's first run of the lesson's scenarios, which a pipeline lesson's session does
 * after the player has rendered (it loads its engine on demand).
 */
import type { Lesson } from '../../../src/lessons/lesson.types.ts';
import { pipelineKit, type PictureKit } from '../../../src/lessons/player/picture-kit.ts';

export async function loadedKit(
  lesson: Lesson,
  kit: PictureKit = pipelineKit,
): Promise<PictureKit> {
  if (kit !== pipelineKit) return kit;
  const session = kit.create(lesson);
  await session.whenReady();
  return { Picture: kit.Picture, create: () => session };
}
