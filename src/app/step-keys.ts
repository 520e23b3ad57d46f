/**
 * Keyboard playback (VisuAlgo's set): Space plays or pauses, ←/→ step, Home/End jump, − and +
 * halve or double the speed. Keys are left alone while the learner types or uses a control
 * that has its own meaning for them (text fields, selects, sliders; Space also on buttons,
 * links and checkboxes, which it activates).
 */

import type { Moment } from '../engine/simulation/navigate.ts';

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

/** False when the page should leave this key press alone (typing, modifiers, Space on a button). */
function forPlayback(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return false;
  const target = event.target;
  if (target instanceof HTMLElement) {
    if (target.isContentEditable || target.closest(TYPING) !== null) return false;
    if (event.key === ' ' && target.closest(ACTIVATED_BY_SPACE) !== null) return false;
  }
  return true;
}

/** The playback action a key press asks for, or null when the page should leave it alone. */
export function stepKeyAction(event: KeyboardEvent): StepKeyAction | null {
  return forPlayback(event) ? (ACTIONS[event.key] ?? null) : null;
}

const HOUR = 3_600_000;

/** Coarse navigation for long runs: by simulated time, or to the next moment of a kind. */
export type JumpKeyAction =
  { kind: 'time'; ms: number } | { kind: 'moment'; which: Moment; direction: 1 | -1 };

/** The keys, as the page lists them: ] [ an hour, } { a day, r c d q (Shift: back; b is the presenter's blank key). */
export const JUMP_KEYS: Record<string, JumpKeyAction> = {
  ']': { kind: 'time', ms: HOUR },
  '[': { kind: 'time', ms: -HOUR },
  '}': { kind: 'time', ms: 24 * HOUR },
  '{': { kind: 'time', ms: -24 * HOUR },
  r: { kind: 'moment', which: 'batch', direction: 1 },
  R: { kind: 'moment', which: 'batch', direction: -1 },
  c: { kind: 'moment', which: 'crash', direction: 1 },
  C: { kind: 'moment', which: 'crash', direction: -1 },
  d: { kind: 'moment', which: 'deploy', direction: 1 },
  D: { kind: 'moment', which: 'deploy', direction: -1 },
  q: { kind: 'moment', which: 'query', direction: 1 },
  Q: { kind: 'moment', which: 'query', direction: -1 },
};

export function jumpKeyAction(event: KeyboardEvent): JumpKeyAction | null {
  return forPlayback(event) ? (JUMP_KEYS[event.key] ?? null) : null;
}
