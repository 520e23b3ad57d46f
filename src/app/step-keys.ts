/**
 * Keyboard stepping: ←/→ step, Home/End jump. Keys are left alone while the learner types or
 * uses a control that has its own meaning for them (text fields, the picker, the slider).
 */

export type StepKeyAction = 'next' | 'previous' | 'restart' | 'end';

const ACTIONS: Record<string, StepKeyAction> = {
  ArrowRight: 'next',
  ArrowLeft: 'previous',
  Home: 'restart',
  End: 'end',
};

/** The step action a key press asks for, or null when the page should not step. */
export function stepKeyAction(event: KeyboardEvent): StepKeyAction | null {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return null;
  const target = event.target;
  if (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.closest('input, textarea, select') !== null)
  ) {
    return null;
  }
  return ACTIONS[event.key] ?? null;
}
