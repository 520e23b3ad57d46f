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
