/**
 * `npx tsx bench/lifecycle.bench.ts`: a small scenario with a very busy lifecycle. 30 signups,
 * a batch run every minute for 366 days (about a million steps, nearly all batch starts and
 * publishes). Lifecycle steps must stay cheap: target under 5 s headless.
 */
import { parseScenario, runScenario } from '../src/engine/index.ts';

const events = Array.from({ length: 30 }, (_, i) => ({
  id: `e${i}`,
  user: `u${i % 20}`,
  time: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}T10:00:00Z`,
}));
const parsed = parseScenario({
  name: 'busy lifecycle',
  architecture: 'lambda',
  timeZone: 'America/New_York',
  start: '2026-01-01T00:00:00Z',
  end: '2027-01-02T00:00:00Z',
  batch: { every: '1m', duration: '30s' },
  events,
  queries: [{ at: '2026-12-31T12:00:00Z', day: 'yesterday' }],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const t0 = performance.now();
const report = runScenario(parsed.scenario);
const ms = performance.now() - t0;
console.log(`${report.steps.toLocaleString('en')} steps in ${ms.toFixed(0)} ms headless`);
