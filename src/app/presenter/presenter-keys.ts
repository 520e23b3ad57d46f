/**
 * Presenter keys, as presentation remotes send them: PageDown / PageUp (and ↓ ↑; → ← are the
 * step keys everywhere) move a step, `.` and `B` blank the screen, `P` toggles presenter mode,
 * `S` opens the speaker notes, Escape leaves. Left alone while the teacher types in a field.
 */

export type PresenterKeyAction = 'presenter' | 'notes' | 'next' | 'previous' | 'blank' | 'exit';

const ALWAYS: Record<string, PresenterKeyAction> = {
  p: 'presenter',
  P: 'presenter',
  s: 'notes',
  S: 'notes',
};

const PRESENTING: Record<string, PresenterKeyAction> = {
  PageDown: 'next',
  ArrowDown: 'next',
  PageUp: 'previous',
  ArrowUp: 'previous',
  '.': 'blank',
  b: 'blank',
  B: 'blank',
  Escape: 'exit',
};

const TYPING = 'input, textarea, select, [contenteditable="true"]';

export function presenterKeyAction(
  event: Pick<
    KeyboardEvent,
    'key' | 'target' | 'altKey' | 'ctrlKey' | 'metaKey' | 'defaultPrevented'
  >,
  presenting: boolean,
): PresenterKeyAction | null {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return null;
  const target = event.target;
  if (typeof Element !== 'undefined' && target instanceof Element && target.closest(TYPING)) {
    // Sliders are inputs too, but a remote's page keys must still move the step.
    const slider = target instanceof HTMLInputElement && target.type === 'range';
    if (!(slider && presenting && event.key in PRESENTING)) return null;
  }
  return (presenting ? PRESENTING[event.key] : undefined) ?? ALWAYS[event.key] ?? null;
}
