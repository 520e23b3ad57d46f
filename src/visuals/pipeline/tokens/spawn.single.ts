/** The single-file build has no worker file to load: the page draws the tokens itself. */
export function spawnTokensWorker(): Worker | null {
  return null;
}
