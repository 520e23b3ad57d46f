import type { PresenterKeyAction } from './presenter-keys.ts';

/**
 * Presenter mode: full screen (where the browser allows it), the projector profile (high
 * contrast, thick strokes), large type and only the controls, narration and picture
 * (`presenter.css`). `blank` covers the screen, as a remote's "." or B key asks.
 */
export class Presenter {
  on = $state(false);
  blank = $state(false);
  #profile: string | undefined;

  enter(): void {
    if (this.on) return;
    const root = document.documentElement;
    this.#profile = root.dataset.profile;
    root.dataset.profile = 'projector';
    root.dataset.presenter = 'on';
    this.on = true;
    // Refused without a user gesture or inside some iframes: presenter mode works anyway.
    root.requestFullscreen?.().catch(() => {});
  }

  exit(): void {
    if (!this.on) return;
    const root = document.documentElement;
    if (this.#profile === undefined) delete root.dataset.profile;
    else root.dataset.profile = this.#profile;
    delete root.dataset.presenter;
    this.on = false;
    this.blank = false;
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  }

  toggle(): void {
    if (this.on) this.exit();
    else this.enter();
  }
}

/** One presenter mode for the whole page: it stays on when the teacher moves between pages. */
export const presenter = new Presenter();

/** What the page does for a presenter key's action: its notes window and its commands. */
export interface PresenterPage {
  openNotes(): void;
  command(command: 'next' | 'previous' | 'pause'): void;
}

/** Carries out a presenter key's action (`presenter-keys.ts` says which key means what). */
export function applyPresenterAction(action: PresenterKeyAction, page: PresenterPage): void {
  switch (action) {
    case 'presenter':
      presenter.toggle();
      break;
    case 'notes':
      page.openNotes();
      break;
    case 'next':
    case 'previous':
      page.command(action);
      break;
    case 'blank':
      page.command('pause');
      presenter.blank = !presenter.blank;
      break;
    case 'exit':
      if (presenter.blank) presenter.blank = false;
      else presenter.exit();
      break;
  }
}
