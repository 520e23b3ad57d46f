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
  /** Counts entries, so a late answer from an earlier entry's full screen is not taken for this one. */
  #entry = 0;
  /** Whether this entry reached full screen (only then does leaving full screen end it). */
  #fullscreen = false;

  enter(): void {
    if (this.on) return;
    const root = document.documentElement;
    this.#profile = root.dataset.profile;
    root.dataset.profile = 'projector';
    root.dataset.presenter = 'on';
    this.on = true;
    const entry = ++this.#entry;
    this.#fullscreen = false;
    // Refused without a user gesture or inside some iframes: presenter mode works anyway.
    root
      .requestFullscreen?.()
      .then(() => {
        if (this.on && entry === this.#entry) this.#fullscreen = true;
        else if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
      })
      .catch(() => {});
  }

  /**
   * The browser left full screen (its own Escape): presenter mode ends too, unless the screen is
   * blanked or this entry never was in full screen (a change left over from an earlier exit,
   * when P is pressed again quickly).
   */
  fullscreenChanged(): void {
    if (document.fullscreenElement || !this.on || this.blank || !this.#fullscreen) return;
    this.exit();
  }

  exit(): void {
    if (!this.on) return;
    const root = document.documentElement;
    if (this.#profile === undefined) delete root.dataset.profile;
    else root.dataset.profile = this.#profile;
    delete root.dataset.presenter;
    this.on = false;
    this.blank = false;
    this.#fullscreen = false;
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
