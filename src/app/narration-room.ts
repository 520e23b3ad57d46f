/**
 * How much room the narration box keeps: the texts it is sized for. The box is as tall as the
 * longest of them (they are laid out, invisible, in the same place as the narration on screen),
 * so a long sentence is never cut off and the picture below the box does not move from step to
 * step of a run.
 */

/** A local run's first steps read for their narration (about 40 ms for 1,000 steps). */
export const NARRATION_SCAN = 1_000;

/** How many of the longest texts the box is sized for (wrapping is not only a matter of length). */
export const ROOM_FOR = 3;

/** The `keep` longest distinct texts, longest first (ties: the first seen). */
export function longestTexts(texts: Iterable<string>, keep = ROOM_FOR): string[] {
  const kept: string[] = [];
  for (const text of texts) {
    if (kept.length === keep && text.length <= kept[keep - 1].length) continue;
    if (kept.includes(text)) continue;
    let at = kept.length;
    while (at > 0 && kept[at - 1].length < text.length) at--;
    kept.splice(at, 0, text);
    if (kept.length > keep) kept.pop();
  }
  return kept;
}

/** The narrations of steps `0 … min(count, limit) − 1`, read one at a time. */
export function* narrationsOf(
  count: number,
  describe: (i: number) => string,
  limit = NARRATION_SCAN,
): Generator<string> {
  const n = Math.min(count, limit);
  for (let i = 0; i < n; i++) yield describe(i);
}
