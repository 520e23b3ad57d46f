/**
 * How much room an embed's stage has (`?embed`, an iframe in a course page), shared through a
 * context with the picture inside it, however deep (the sandbox's picture, a lesson's picture):
 * the picture fits itself to it (`Pipeline`'s `embedHeight`, the unified picture's compact
 * layout) rather than make the iframe scroll. Outside an embed there is no such context.
 */
import { getContext, setContext } from 'svelte';

export interface EmbedFit {
  /** Height of the stage (CSS px); null until measured. */
  readonly height: number | null;
}

const KEY = Symbol('embed-fit');

export function setEmbedFit(fit: EmbedFit): void {
  setContext(KEY, fit);
}

/** The embed's stage, or null outside an embed. */
export function embedFit(): EmbedFit | null {
  return getContext<EmbedFit | undefined>(KEY) ?? null;
}
