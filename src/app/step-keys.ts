/**
 * Keyboard playback (VisuAlgo's set): Space plays or pauses, ←/→ step, Home/End jump, − and +
 * halve or double the speed. Keys are left alone while the learner types or uses a control
 * that has its own meaning for them (text fields, selects, sliders; Space also on buttons,
 * links and checkboxes, which it activates).
 */

export type StepKeyAction =
  'toggle' | 'next' | 'previous' | 'restart' | 'end' | 'faster' | 'slower';

const ACTIONS: Record<string, StepKeyAction> = {
  ' ': 'toggle',
  ArrowRight: 'next',
  ArrowLeft: 'previous',
  Home: 'restart',
  End: 'end',
  '+': 'faster',
  '=': 'faster',
  '-': 'slower',
};

const TYPING = 'input, textarea, select';
const ACTIVATED_BY_SPACE = 'button, a[href], summary, [role="button"], [role="checkbox"]';

/** The playback action a key press asks for, or null when the page should leave it alone. */
export function stepKeyAction(event: KeyboardEvent): StepKeyAction | null {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return null;
  const target = event.target;
  if (target instanceof HTMLElement) {
    if (target.isContentEditable || target.closest(TYPING) !== null) return null;
    if (event.key === ' ' && target.closest(ACTIVATED_BY_SPACE) !== null) return null;
  }
  return ACTIONS[event.key] ?? null;
}
