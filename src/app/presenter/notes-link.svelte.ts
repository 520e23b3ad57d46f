/**
 * The projected window's side of the speaker notes: opens the notes window, sends it the state
 * of the step on screen whenever it changes, and obeys its commands. The notes window says hello
 * when it loads and every two seconds, so either window can reload and they find each other again.
 */
import {
  messageOrigin,
  NOTES_TAG,
  notesUrl,
  readNotesMessage,
  targetOrigin,
  type NotesCommand,
  type NotesState,
} from './notes-protocol.ts';

export class NotesLink {
  /** Whether a notes window is connected. */
  connected = $state(false);
  #window: Window | null = null;
  #oncommand: (command: NotesCommand) => void;

  constructor(oncommand: (command: NotesCommand) => void) {
    this.#oncommand = oncommand;
  }

  open(): void {
    if (this.#window && !this.#window.closed) {
      this.#window.focus();
      return;
    }
    this.#window = window.open(
      notesUrl(location.href),
      'lambda-kappa-lab-notes',
      'popup,width=760,height=640',
    );
  }

  /** For `<svelte:window onmessage>`. */
  onMessage(event: MessageEvent): void {
    const message = readNotesMessage(event, messageOrigin(location), (source) => source !== window);
    if (!message) return;
    if (message.type === 'hello') {
      this.#window = event.source as Window;
      this.connected = true;
      this.#lastSent = '';
      this.send(this.#state ?? null);
      return;
    }
    if (message.type !== 'command') return;
    // A command also says where the notes window is (after this window reloaded).
    this.#window = event.source as Window;
    this.connected = true;
    this.#oncommand(message.command);
  }

  #state: NotesState | null = null;
  #lastSent = '';

  /** Sends the state if it changed (called by an effect). */
  send(state: NotesState | null): void {
    this.#state = state;
    const target = this.#window;
    if (!state || !target || target.closed) {
      if (target?.closed) this.connected = false;
      return;
    }
    const text = JSON.stringify(state);
    if (text === this.#lastSent) return;
    this.#lastSent = text;
    target.postMessage(
      { tag: NOTES_TAG, type: 'state', state },
      targetOrigin(messageOrigin(location)),
    );
  }
}
