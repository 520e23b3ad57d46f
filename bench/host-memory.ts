/**
 * Node-side memory of the simulation worker's host for a big generated run (`npx tsx
 * --expose-gc bench/host-memory.ts [--events 2000000]`): V8's used heap and ArrayBuffers after
 * a full GC, before the build, once built and sent, and after frames at a few positions; what
 * the engine states and step columns take. Quicker to iterate on than the browser benchmark
 * (`bench:bigrun`), which is the one that counts (Node has no pointer compression, so strings
 * and objects weigh more here than in Chromium).
 */
import { createHost } from '../src/app/worker/host.ts';
import type { FromWorker } from '../src/app/worker/protocol.ts';
import { bigRunScenario } from './big-run.ts';

const k = process.argv.indexOf('--events');
const EVENTS = k > 0 ? Number(process.argv[k + 1]) : 2_000_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npx tsx --expose-gc …)');

function sample(label: string): void {
  gc!();
  gc!();
  const m = process.memoryUsage();
  const mb = (x: number) => `${(x / 1e6).toFixed(0)} MB`.padStart(8);
  console.log(
    `${label.padEnd(28)} heap ${mb(m.heapUsed)}  arrayBuffers ${mb(m.arrayBuffers)}  rss ${mb(m.rss)}`,
  );
}

const text = bigRunScenario(
  EVENTS,
  process.argv.includes('--kappa') ? 'kappa' : 'lambda',
  'Big run',
);

sample('before');
let built: Extract<FromWorker, { type: 'built' }> | null = null;
let frames = 0;
const t0 = Date.now();
const handle = createHost((m) => {
  if (m.type === 'built') built = m;
  if (m.type === 'frame') frames++;
  if (m.type === 'failed') throw new Error(m.message);
});
handle({ type: 'build', id: 1, text });
console.log(
  `built in ${((Date.now() - t0) / 1000).toFixed(1)} s, load ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
const steps = built!.stepCount;
const page = { kinds: built!.kinds, times: built!.times };
sample('built (page columns kept)');
for (const f of [0.5, 0.9, 0.1, 1]) {
  handle({
    type: 'frame',
    id: 1,
    seq: 1,
    position: Math.floor(steps * f),
    playing: false,
    selectedDay: '2026-11-23',
    recent: 5,
  });
}
sample(`after ${frames} frames`);
console.log(
  `steps ${steps}, page columns ${((page.kinds.byteLength + page.times.byteLength) / 1e6).toFixed(0)} MB`,
);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1e3).toFixed(0)} MB`);
