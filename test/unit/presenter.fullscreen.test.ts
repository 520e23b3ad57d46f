/**
 * Presenter mode and the browser's full screen: leaving full screen (the browser's own Escape)
 * ends presenter mode, but a late `fullscreenchange` left over from an earlier exit does not end
 * an entry made right after it (pressing P again quickly).
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { Presenter } from '../../src/app/presenter/presenter.svelte.ts';

let fullscreen: Element | null = null;
let pending: Array<() => void> = [];
const root = document.documentElement;

beforeEach(() => {
  fullscreen = null;
  pending = [];
  Object.defineProperty(document, 'fullscreenElement', {
    configurable: true,
    get: () => fullscreen,
  });
  // The browser answers later: each request or exit settles when the test says so.
  root.requestFullscreen = () =>
    new Promise<void>((resolve) => pending.push(() => ((fullscreen = root), resolve())));
  document.exitFullscreen = () =>
    new Promise<void>((resolve) => pending.push(() => ((fullscreen = null), resolve())));
});

afterEach(() => {
  delete root.dataset.presenter;
  delete root.dataset.profile;
});

/** Lets the browser settle its oldest pending request, then the promise callbacks run. */
async function settle(): Promise<void> {
  pending.shift()?.();
  await Promise.resolve();
  await Promise.resolve();
}

test('leaving full screen with the browser ends presenter mode', async () => {
  const presenter = new Presenter();
  presenter.enter();
  await settle();
  expect(fullscreen).toBe(root);
  fullscreen = null; // the browser's own Escape
  presenter.fullscreenChanged();
  expect(presenter.on).toBe(false);
  expect(root.dataset.presenter).toBeUndefined();
});

test('a blanked screen stays in presenter mode when full screen is left', async () => {
  const presenter = new Presenter();
  presenter.enter();
  await settle();
  presenter.blank = true;
  fullscreen = null;
  presenter.fullscreenChanged();
  expect(presenter.on).toBe(true);
});

test("P right after an exit: the exit's late change does not undo the new entry", async () => {
  const presenter = new Presenter();
  presenter.enter();
  await settle(); // in full screen
  presenter.exit(); // asks the browser to leave; it has not yet
  presenter.enter(); // P again at once; its request waits behind the exit
  await settle(); // the exit lands: full screen is gone…
  presenter.fullscreenChanged(); // …and its change event arrives
  expect(presenter.on).toBe(true);
  expect(root.dataset.presenter).toBe('on');
  await settle(); // the new request lands
  expect(fullscreen).toBe(root);
  presenter.fullscreenChanged();
  expect(presenter.on).toBe(true);
});

test('an exit before the browser answered: the late full screen is left again', async () => {
  const presenter = new Presenter();
  presenter.enter();
  presenter.exit(); // before full screen arrived
  await settle(); // full screen arrives for an entry that has ended
  await settle(); // so the presenter leaves it
  expect(fullscreen).toBeNull();
  expect(presenter.on).toBe(false);
});
