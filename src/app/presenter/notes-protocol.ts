/**
 * Messages between the projected window and its speaker-notes window. Both are the same page
 * (the notes window is opened with `?notes`), so they talk with `postMessage` through
 * `window.opener`, which works from `file://` too, where BroadcastChannel and storage events may
 * not. Every message is checked: same origin as this page (a `file://` page's origin is the
 * string "null", and so is its notes window's), from the window we expect, and of a known shape.
 */

export const NOTES_TAG = 'lambda-kappa-lab/notes';

/** What the notes window shows: the step on screen, the next one, the question coming up. */
export interface NotesState {
  title: string;
  position: number;
  stepCount: number;
  playing: boolean;
  now: string;
  next: string | null;
  question: string | null;
  link: string;
}

export type NotesCommand = 'next' | 'previous' | 'toggle' | 'restart' | 'end';

export type NotesMessage =
  | { tag: typeof NOTES_TAG; type: 'hello' }
  | { tag: typeof NOTES_TAG; type: 'state'; state: NotesState }
  | { tag: typeof NOTES_TAG; type: 'command'; command: NotesCommand };

const COMMANDS = new Set<NotesCommand>(['next', 'previous', 'toggle', 'restart', 'end']);

/** The message, if `event` is one of ours from the same origin and `accept`ed source; else null. */
export function readNotesMessage(
  event: Pick<MessageEvent, 'origin' | 'source' | 'data'>,
  ownOrigin: string,
  accept: (source: MessageEventSource | null) => boolean,
): NotesMessage | null {
  if (event.origin !== ownOrigin || !accept(event.source)) return null;
  const data = event.data as Partial<NotesMessage> | null;
  if (typeof data !== 'object' || data === null || data.tag !== NOTES_TAG) return null;
  if (data.type === 'hello') return data as NotesMessage;
  if (data.type === 'command' && COMMANDS.has((data as { command: NotesCommand }).command)) {
    return data as NotesMessage;
  }
  if (data.type === 'state' && typeof (data as { state?: unknown }).state === 'object') {
    return data as NotesMessage;
  }
  return null;
}

/**
 * This page's origin as message events report it: a `file://` page's `location.origin` reads
 * "file://" in Chromium, but the messages it sends carry the origin "null".
 */
export function messageOrigin(location: Pick<Location, 'protocol' | 'origin'>): string {
  return location.protocol === 'file:' ? 'null' : location.origin;
}

/**
 * Where to send: `postMessage` cannot name the origin "null" as a target, so a page opened from
 * disk sends to "*"; the receiver's origin check above is what keeps others out.
 */
export function targetOrigin(ownOrigin: string): string {
  return ownOrigin === 'null' ? '*' : ownOrigin;
}

export function notesUrl(href: string): string {
  const url = new URL(href);
  url.search = '?notes';
  url.hash = '';
  return url.href;
}
