/** Starts a tokens worker (the hosted build; `spawn.single.ts` replaces this in the single file). */
export function spawnTokensWorker(): Worker | null {
  return new Worker(new URL('./tokens.worker.ts', import.meta.url), {
    type: 'module',
    name: 'tokens',
  });
}
