/**
 * The generated run the big-run benchmarks share (`bench:bigrun` in the browser, `bench/seek.bench.ts`
 * and `bench/host-memory.ts` in Node): N signups over two days, 5 % of them late by up to 6 h, so
 * their figures are about the same run.
 */
export function bigRunScenario(
  events: number,
  architecture: 'lambda' | 'kappa' = 'lambda',
  name = `Big run: ${events.toLocaleString('en-US')} signups over 2 days`,
): string {
  return JSON.stringify({
    name,
    seed: 2026,
    architecture,
    timeZone: 'UTC',
    start: '2026-11-22T00:00:00Z',
    end: '2026-11-24T06:00:00Z',
    generate: {
      count: events,
      from: '2026-11-22T00:00:00Z',
      to: '2026-11-24T00:00:00Z',
      lateFraction: 0.05,
      maxLateness: '6h',
    },
  });
}
