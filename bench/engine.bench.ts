/**
 * `npm run bench`: the engine's speed and memory on a large generated scenario.
 *
 * For each architecture a child process generates 1,000,000 signups over 3 days, runs them
 * through the engine (Lambda: at-least-once with one speed-layer crash; Kappa: one deploy and
 * replay), and, in the same process, a bare loop that computes the same per-day distinct counts.
 * The two sides run alternately, `RUNS` times each (bare, engine, bare, engine, …), and the ratio
 * is of their medians, wall time and CPU time (`process.cpuUsage`, which a loaded machine skews
 * less): both sides include their first, cold run and share whatever load the machine has.
 * Then a ~10,000-step run is built and seeked to random steps. Results print as a table; copy
 * them into docs/benchmarks.md with the machine and date.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseScenario, Simulation, runScenario } from '../src/engine/index.ts';
import type { Scenario, ScenarioInput } from '../src/engine/index.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MB = 1024 * 1024;

function scenarioInput(architecture: 'lambda' | 'kappa', count: number): ScenarioInput {
  return {
    name: `bench ${architecture}`,
    seed: 2026,
    architecture,
    start: '2026-11-22T00:00:00Z',
    end: '2026-11-25T00:00:00Z',
    generate: {
      count,
      from: '2026-11-22T00:00:00Z',
      to: '2026-11-25T00:00:00Z',
      lateFraction: 0.05,
      maxLateness: '6h',
      repeatFraction: 0.1,
    },
    delivery: 'at-least-once',
    faults:
      architecture === 'lambda'
        ? [{ kind: 'crash', job: 'speed', at: '2026-11-23T12:00:00Z', downFor: '5m' }]
        : [{ kind: 'deploy', at: '2026-11-24T06:00:00Z', logic: { counting: 'distinct-users' } }],
    queries: [
      { at: '2026-11-24T23:00:00Z', day: 'yesterday' },
      { at: '2026-11-24T23:00:00Z', day: 'today' },
    ],
  };
}

function parse(input: ScenarioInput): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.scenario;
}

/** The reference: per-day distinct new users, one pass, plain objects, UTC days. */
function bareLoop(s: Scenario): Map<number, number> {
  const earliest = new Map<string, number>();
  for (const e of s.events) {
    const prev = earliest.get(e.user);
    if (prev === undefined || e.time < prev) earliest.set(e.user, e.time);
  }
  const perDay = new Map<number, number>();
  for (const t of earliest.values()) {
    const day = Math.floor(t / 86_400_000);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return perDay;
}

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
}

/** Wall and CPU time (this process, all threads: the collector's included) of one call. */
function timeCpu<T>(f: () => T): [T, number, number] {
  const c0 = process.cpuUsage();
  const [value, ms] = time(f);
  const c = process.cpuUsage(c0);
  return [value, ms, (c.user + c.system) / 1000];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** One architecture, in this process: prints one JSON line. */
function child(architecture: 'lambda' | 'kappa'): void {
  const [scenario, parseMs] = time(() => parse(scenarioInput(architecture, EVENTS)));
  // Alternately, so that both sides see the same load; medians of RUNS each, cold runs included.
  const bare: number[] = [];
  const bareCpu: number[] = [];
  const headless: number[] = [];
  const headlessCpu: number[] = [];
  let report: ReturnType<typeof runScenario> | null = null;
  for (let k = 0; k < RUNS; k++) {
    const [, bMs, bCpu] = timeCpu(() => bareLoop(scenario));
    bare.push(bMs);
    bareCpu.push(bCpu);
    const [r, eMs, eCpu] = timeCpu(() => runScenario(scenario));
    report = r;
    headless.push(eMs);
    headlessCpu.push(eCpu);
  }
  const [sim, simMs] = time(() => Simulation.create(scenario));
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      architecture,
      events: scenario.events.length,
      steps: report!.steps,
      parseMs,
      bareMs: median(bare),
      bareCpuMs: median(bareCpu),
      headlessMs: median(headless),
      headlessCpuMs: median(headlessCpu),
      loadAverage: loadavg()[0],
      simMs,
      checkpoints: sim.checkpointStats,
      peakMb,
      heapMb: process.memoryUsage().heapUsed / MB,
    }),
  );
}

function seekBench(): void {
  // About 10,000 steps: three steps per event plus commits and batch runs.
  const scenario = parse({ ...scenarioInput('lambda', 2800), end: '2026-11-25T00:00:00Z' });
  const [sim, buildMs] = time(() => Simulation.create(scenario));
  let seed = 7;
  const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const seeks: number[] = [];
  const infos: number[] = [];
  for (let k = 0; k < 300; k++) {
    const i = Math.floor(rand() * sim.stepCount);
    seeks.push(time(() => sim.view(i))[1]);
    infos.push(time(() => sim.stepInfo(i))[1]);
  }
  const sorted = [...seeks].sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      seek: true,
      steps: sim.stepCount,
      buildMs,
      p50: median(seeks),
      p95: sorted[Math.floor(sorted.length * 0.95)],
      max: sorted[sorted.length - 1],
      stepInfoP95: [...infos].sort((a, b) => a - b)[Math.floor(infos.length * 0.95)],
    }),
  );
}

function main(): void {
  const mode = process.argv[2];
  if (mode === 'lambda' || mode === 'kappa') return child(mode);
  if (mode === 'seek') return seekBench();
  const self = fileURLToPath(import.meta.url);
  const results: Record<string, number | string | object>[] = [];
  for (const m of ['lambda', 'kappa', 'seek']) {
    const out = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--max-old-space-size=4096', self, m],
      { encoding: 'utf8' },
    );
    if (out.status !== 0) {
      process.stderr.write(out.stderr);
      process.exit(1);
    }
    results.push(JSON.parse(out.stdout.trim().split('\n').pop()!));
  }
  const fmt = (n: number): string => n.toFixed(0);
  console.log(
    `Lambda·Kappa Lab engine benchmark — ${cpus()[0]?.model ?? '?'} ×${cpus().length}, ${fmt(totalmem() / MB / 1024)} GiB, Node ${process.version}`,
  );
  console.log(
    `Medians of ${RUNS} alternating runs each (bare loop, engine, bare loop, engine, …) in one process; CPU time by process.cpuUsage.`,
  );
  console.log(
    '| run | events | steps | engine run (headless) | events/s | with checkpoints | bare loop | ratio (wall) | ratio (CPU) | load | peak RSS |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results.slice(0, 2) as Record<string, number>[]) {
    console.log(
      `| ${r.architecture} | ${r.events} | ${r.steps} | ${fmt(r.headlessMs)} ms (CPU ${fmt(r.headlessCpuMs)} ms) | ${fmt((r.events / r.headlessMs) * 1000)} | ${fmt(r.simMs)} ms | ${fmt(r.bareMs)} ms (CPU ${fmt(r.bareCpuMs)} ms) | ${(r.headlessMs / r.bareMs).toFixed(1)}× (${(r.simMs / r.bareMs).toFixed(1)}× with checkpoints) | ${(r.headlessCpuMs / r.bareCpuMs).toFixed(1)}× | ${r.loadAverage.toFixed(1)} | ${fmt(r.peakMb)} MB |`,
    );
  }
  const s = results[2] as Record<string, number>;
  console.log(
    `\nSeek: a ${s.steps}-step run (built in ${fmt(s.buildMs)} ms); 300 random seeks: p50 ${s.p50.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms, max ${s.max.toFixed(2)} ms; stepInfo p95 ${s.stepInfoP95.toFixed(2)} ms.`,
  );
  console.log(
    `Generating and validating the scenario (not in the ratio): lambda ${fmt((results[0] as Record<string, number>).parseMs)} ms.`,
  );
}

main();
