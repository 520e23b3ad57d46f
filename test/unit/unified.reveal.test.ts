/**
 * A unified lesson's `sink` question reveals the engine's reasons the window differs from its
 * truth, in plain words, as the served questions of Lambda and Kappa lessons do (issue 10).
 */
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { loadLessons } from '../../src/lessons/build/lessons.plugin.ts';
import LessonPlayer from '../../src/lessons/player/LessonPlayer.svelte';
import { loadedKit } from './support/loaded-kit.ts';

const loaded = loadLessons('src/lessons');
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const lessons = loaded.lessons;

async function reveal(id: string, title: string): Promise<string> {
  const lesson = lessons.find((l) => l.id === id)!;
  const step = lesson.steps.findIndex((s) => s.title === title) + 1;
  expect(step).toBeGreaterThan(0);
  const user = userEvent.setup();
  const kit = await loadedKit(lesson);
  const view = render(LessonPlayer, { lesson, next: null, step, ongo: () => {}, kit });
  const narration = screen.getByRole('region', { name: 'Narration' });
  const box = await within(narration).findByLabelText('Your answer');
  await user.type(box, '14');
  await user.click(screen.getByRole('button', { name: /^Next$/ }));
  // (Next waits for the lesson's engine if it is still loading.)
  await waitFor(() => expect(narration).toHaveTextContent('The engine shows'));
  // The reasons load on demand: they appear once loaded, without another click.
  await within(narration).findByText(/Why it differs from the truth/);
  const text = narration.querySelector('.reveal')?.textContent ?? '';
  view.unmount();
  return text.replace(/\s+/g, ' ');
}

it('the add-all sink: the reveal says the earlier panes are counted again, +10', async () => {
  const text = await reveal('13-triggers-and-accumulation', 'The sink that adds everything');
  expect(text).toContain('The engine shows 24');
  expect(text).toContain('Why it differs from the truth, according to the engine:');
  expect(text).toContain('+10: The add-all sink adds every pane');
});

it('allowed lateness: the late 9 has not arrived yet, −9', async () => {
  const text = await reveal('12-watermarks-and-late-data', 'Allowed lateness');
  expect(text).toContain('The engine shows 11');
  expect(text).toContain('−9: Events that already happened but have not reached the log yet');
});
