/** Starts a simulation worker (the hosted build; `spawn.single.ts` replaces this in the single file). */
export function spawnWorker(): Worker | null {
  return new Worker(new URL('./simulation.worker.ts', import.meta.url), {
    type: 'module',
    name: 'simulation',
  });
}
