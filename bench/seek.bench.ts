/**
 * Seeking benchmark (`npm run bench:seek [-- --events 2000000]`): what the simulation worker does
 * to answer one frame of a big run (`computeFrame`: view, narration of the recent steps,
 * explanations of the shown days), in Node, with the engine code the worker runs. Builds the
 * bigrun bench's Lambda scenario, then times frames at Go to end, one Previous step, and ten
 * Timeline positions across the run (each then one step back), and prints the median and the
 * worst. Run it briefly: a 2,000,000-event run needs about 3 GB.
 */
import { loadavg } from 'node:os';
import { parseScenarioText, Simulation } from '../src/engine/index.ts';
import { computeFrame } from '../src/app/worker/frame.ts';
import { bigRunScenario } from './big-run.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 2_000_000);

const text = bigRunScenario(EVENTS, 'lambda', 'Seek bench');

const parsed = parseScenarioText(text);
if (!parsed.ok) throw new Error('bench scenario invalid');
const t = performance.now();
const sim = Simulation.create(parsed.scenario);
const built = performance.now() - t;
const n = sim.stepCount;
const frame = (position: number): number => {
  const t0 = performance.now();
  computeFrame(sim, { position, playing: false, selectedDay: null, recent: 8 });
  return performance.now() - t0;
};
const times: { what: string; ms: number }[] = [];
times.push({ what: 'Go to end', ms: frame(n) });
times.push({ what: 'Previous step at the end', ms: frame(n - 1) });
times.push({ what: 'Previous step again', ms: frame(n - 2) });
for (let k = 1; k <= 10; k++) {
  const p = Math.round((n * k) / 11);
  times.push({ what: `Timeline ${k}/11`, ms: frame(p) });
  times.push({ what: `  then Previous step`, ms: frame(p - 1) });
}
const sorted = times.map((x) => x.ms).sort((a, b) => a - b);
for (const x of times) console.log(`${x.what.padEnd(26)} ${x.ms.toFixed(0).padStart(7)} ms`);
console.log(
  `${EVENTS.toLocaleString('en-US')} events, ${n.toLocaleString('en-US')} steps, built in ${(built / 1000).toFixed(1)} s; ` +
    `frames: median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms; ` +
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
