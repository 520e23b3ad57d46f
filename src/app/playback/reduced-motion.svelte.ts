/**
 * The learner's "reduce motion" preference, live: `current` changes when the system setting
 * does. Where `matchMedia` is missing (jsdom, old browsers) motion is not reduced.
 */
import { createSubscriber } from 'svelte/reactivity';

const QUERY = '(prefers-reduced-motion: reduce)';

export class ReducedMotion {
  #query: MediaQueryList | null =
    typeof window !== 'undefined' && typeof window.matchMedia === 'function'
      ? window.matchMedia(QUERY)
      : null;

  #subscribe = createSubscriber((update) => {
    const query = this.#query;
    if (!query) return;
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  });

  get current(): boolean {
    this.#subscribe();
    return this.#query?.matches ?? false;
  }
}
