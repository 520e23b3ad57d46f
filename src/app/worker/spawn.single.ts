/**
 * The single-file build has no worker file to load (and `file://` pages cannot start module
 * workers), so it builds every run on the page.
 */
export function spawnWorker(): Worker | null {
  return null;
}
