/**
 * Rendering benchmark (`npm run bench:render`): frame times of the pipeline picture while it
 * plays with about a thousand records in flight, in Debian's headless Chromium.
 *
 * Builds the app (into bench/out/dist, so a build in dist/ that another run is serving is left
 * alone), serves it with `vite preview` on 127.0.0.1:4180 in its own process group (killed at the
 * end, also on error or Ctrl-C), opens it at 1366×768, runs a generated scenario through
 * "Scenario JSON" → "Run scenario", seeks with the Timeline slider to the first step with the
 * most records in flight, presses Play at 4 steps/s and records requestAnimationFrame deltas for
 * 5 s in the page. Prints a markdown table; `-- --write-docs` also appends it to
 * docs/benchmarks.md. Target: p95 ≤ 16.7 ms.
 */
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { format } from 'prettier';
import { CHROMIUM_ARGS, chromiumPath } from '../chromium.config.ts';
import { parseScenarioText, Simulation } from '../src/engine/index.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4180);
const URL_ = `http://127.0.0.1:${PORT}/`;
const OUT_DIR = 'bench/out/dist';
const FRAME = 1000 / 60;
const MEASURE_MS = 5000;
/** Speed slider values: log2 of the rate, so 2 is 4 steps/s (the app's default). */
/**
 * 64 steps/s is one step a frame, every step drawn: the heaviest playback for the picture (it was
 * the top speed until issue 9). Faster rates skip steps between frames, so they cost no more per
 * frame; on this 3,603-step run the slider's top (2^14 steps/s) would end in a fraction of a
 * second, so it is not measured here.
 */
const SPEEDS = [
  { label: '4 steps/s', slider: '2' },
  { label: '64 steps/s', slider: '6' },
] as const;
const PROFILE = process.argv.includes('--profile');

/** 1,200 signups within two minutes, each processed 30 minutes after it is read. */
function scenario(architecture: 'kappa' | 'lambda'): string {
  return JSON.stringify(
    {
      name: `Render bench: 1,200 records in flight (${architecture})`,
      seed: 2026,
      architecture,
      timeZone: 'UTC',
      start: '2026-11-23T10:00:00Z',
      end: '2026-11-23T11:00:00Z',
      generate: { count: 1200, from: '2026-11-23T10:00:00Z', to: '2026-11-23T10:02:00Z' },
      ...(architecture === 'kappa'
        ? { kappa: { processingTime: '30m', commitEvery: '1m' } }
        : { speed: { processingTime: '30m', commitEvery: '1m' } }),
    },
    null,
    2,
  );
}

/** The first step with the most records in flight, by the engine (steps done, as the Timeline). */
function busiestStep(text: string): { step: number; inFlight: number; steps: number } {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(`bench scenario invalid: ${JSON.stringify(parsed.problems)}`);
  const sim = Simulation.create(parsed.scenario);
  let best = { step: 0, inFlight: -1, steps: sim.stepCount };
  for (let step = 1; step <= sim.stepCount; step++) {
    const inFlight = sim.view(step - 1).jobs.reduce((n, job) => n + job.inFlight.length, 0);
    if (inFlight > best.inFlight) best = { step, inFlight, steps: sim.stepCount };
  }
  return best;
}

async function waitForServer(server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`vite preview exited (${server.exitCode})`);
    try {
      if ((await fetch(URL_)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`vite preview did not answer on ${URL_} within 30 s`);
}

function stopServer(server: ChildProcess | null): void {
  if (!server || server.pid === undefined || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM'); // the whole group: npx and vite (TOOLCHAIN pitfall 10)
  } catch {
    // already gone
  }
}

interface Row {
  architecture: string;
  /** "4 steps/s", "64 steps/s" or "paused". */
  what: string;
  step: number;
  steps: number;
  inFlight: number;
  /** In-flight tokens drawn: paused, at the step sought; playing, at the end. */
  tokens: number;
  frames: FrameStats;
  stepsPlayed: number;
  /** Main-thread work per frame (CDP TaskDuration ÷ frames), ms. */
  taskPerFrame: number;
  /** Tasks over 50 ms seen by a `longtask` PerformanceObserver, and the longest. */
  longTasks: number;
  longestTask: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * In-flight tokens drawn: on the canvas layer (its `data-token-count`) when there are many,
 * otherwise in the SVG, where each job's dots are one path of `M x,y h0` segments.
 */
async function tokensOnScreen(page: Page): Promise<number> {
  return page.evaluate<number>(`Array.from(
    document.querySelectorAll('g.tokens g[data-tokens] path:first-child'),
  ).reduce((n, path) => n + ((path.getAttribute('d') || '').match(/M/g) || []).length, 0)
    + Array.from(document.querySelectorAll('canvas[data-token-count]'))
      .reduce((n, c) => n + Number(c.getAttribute('data-token-count')), 0)`);
}

async function stepsDone(page: Page): Promise<number> {
  return Number(await page.getByRole('slider', { name: 'Timeline' }).inputValue());
}

/** requestAnimationFrame deltas in the page for `duration` ms. */
async function frameDeltas(page: Page, duration: number): Promise<number[]> {
  // A string, not a function: tsx's esbuild would wrap named inner functions in `__name(...)`,
  // which does not exist in the page.
  return page.evaluate<number[]>(`new Promise((resolve) => {
    const out = [];
    let last = -1;
    let start = -1;
    const frame = (t) => {
      if (start < 0) start = t;
      else out.push(t - last);
      last = t;
      if (t - start < ${duration}) requestAnimationFrame(frame);
      else resolve(out);
    };
    requestAnimationFrame(frame);
  })`);
}

interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  dropped: number;
}

function frameStats(deltas: number[]): FrameStats {
  const sorted = [...deltas].sort((a, b) => a - b);
  return {
    frames: deltas.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1],
    dropped: deltas
      .filter((d) => d > 1.5 * FRAME)
      .reduce((n, d) => n + Math.floor(d / FRAME) - 1, 0),
  };
}

/** Chromium's own count of main-thread task time so far, ms (CDP Performance.getMetrics). */
async function taskDuration(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return 1000 * (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0);
}

/** Starts collecting long tasks in the page (read them with `takeLongTasks`). */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__longTasks = [];
    if (window.__longTaskObserver) window.__longTaskObserver.disconnect();
    window.__longTaskObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    });
    window.__longTaskObserver.observe({ type: 'longtask' });
  })()`);
}

async function takeLongTasks(page: Page): Promise<number[]> {
  return page.evaluate<number[]>(`(() => {
    const out = window.__longTasks || [];
    window.__longTasks = [];
    return out;
  })()`);
}

/** Frames, main-thread work and long tasks over `duration` ms. */
async function window_(
  page: Page,
  cdp: CDPSession,
  duration: number,
): Promise<Pick<Row, 'frames' | 'taskPerFrame' | 'longTasks' | 'longestTask'>> {
  await watchLongTasks(page);
  const before = await taskDuration(cdp);
  const deltas = await frameDeltas(page, duration);
  const work = (await taskDuration(cdp)) - before;
  const long = await takeLongTasks(page);
  return {
    frames: frameStats(deltas),
    taskPerFrame: work / Math.max(1, deltas.length),
    longTasks: long.length,
    longestTask: long.length > 0 ? Math.max(...long) : 0,
  };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function of a CPU profile, the heaviest first. */
function selfTimes(profile: CpuProfile): { name: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, k) => {
    const frame = byId.get(id)?.callFrame;
    const file = frame?.url.split('/').pop() ?? '';
    const name = `${frame?.functionName || '(anonymous)'} ${file}:${(frame?.lineNumber ?? 0) + 1}`;
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
  });
  return [...totals]
    .map(([name, ms]) => ({ name, ms }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 25);
}

async function measure(
  page: Page,
  cdp: CDPSession,
  architecture: 'kappa' | 'lambda',
): Promise<Row[]> {
  const text = scenario(architecture);
  const target = busiestStep(text);
  await page.getByRole('textbox', { name: 'Scenario JSON' }).fill(text);
  await page.getByRole('button', { name: 'Run scenario' }).click();
  const counter = page.getByText(/^\s*Step \d+ of \d+\s*$/).first();
  await counter.filter({ hasText: `of ${target.steps}` }).waitFor();
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await timeline.fill(String(target.step));
  await counter.filter({ hasText: `Step ${target.step} of` }).waitFor();
  const base = {
    architecture,
    step: target.step,
    steps: target.steps,
    inFlight: target.inFlight,
  };
  const rows: Row[] = [
    {
      ...base,
      what: 'paused',
      tokens: await tokensOnScreen(page),
      stepsPlayed: 0,
      ...(await window_(page, cdp, 2000)),
    },
  ];
  for (const speed of SPEEDS) {
    await timeline.fill(String(target.step));
    await counter.filter({ hasText: `Step ${target.step} of` }).waitFor();
    await page.getByRole('slider', { name: 'Speed' }).fill(speed.slider);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    const profiling = PROFILE && speed.label === '64 steps/s';
    if (profiling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const measured = await window_(page, cdp, MEASURE_MS);
    if (profiling) {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      const file = `bench/out/render-${architecture}-64.cpuprofile`;
      writeFileSync(file, JSON.stringify(profile));
      console.log(`CPU profile (${architecture}, 64 steps/s) in ${file}; self time:`);
      for (const { name, ms } of selfTimes(profile))
        console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${name}`);
    }
    const tokens = await tokensOnScreen(page);
    const pause = page.getByRole('button', { name: 'Pause', exact: true });
    if (await pause.isVisible()) await pause.click();
    rows.push({
      ...base,
      what: speed.label,
      tokens,
      stepsPlayed: (await stepsDone(page)) - target.step,
      ...measured,
    });
  }
  return rows;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const thousands = (x: number) => x.toLocaleString('en-US');

async function main(): Promise<void> {
  const writeDocs = process.argv.includes('--write-docs');
  console.log(`Building into ${OUT_DIR} …`);
  const build = spawnSync('npx', ['vite', 'build', '--outDir', OUT_DIR, '--emptyOutDir'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error(`vite build failed (${build.status})`);

  let server: ChildProcess | null = null;
  const onSignal = () => {
    stopServer(server);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const browser = await (async () => {
    server = spawn(
      'npx',
      [
        'vite',
        'preview',
        '--outDir',
        OUT_DIR,
        '--host',
        '127.0.0.1',
        '--port',
        String(PORT),
        '--strictPort',
      ],
      { detached: true, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    await waitForServer(server);
    return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  })().catch((error: unknown) => {
    stopServer(server);
    throw error;
  });

  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${URL_}#/sandbox`); // the home page is the lessons index
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    mkdirSync('bench/out', { recursive: true });
    const rows: Row[] = [];
    for (const architecture of ['kappa', 'lambda'] as const) {
      console.log(`Measuring ${architecture} …`);
      rows.push(...(await measure(page, cdp, architecture)));
    }
    if (errors.length > 0) throw new Error(`errors in the page:\n${errors.join('\n')}`);

    const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '?';
    const date = new Date().toISOString().slice(0, 10);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const line = (r: Row) =>
      `| ${r.architecture === 'kappa' ? 'Kappa' : 'Lambda'}, ${r.what} | ${thousands(r.step)} (${thousands(r.steps)}) | ${thousands(r.inFlight)} | ${thousands(r.tokens)} | ${thousands(r.stepsPlayed)} | ${r.frames.frames} | ${ms(r.frames.p50)} | ${ms(r.frames.p95)} | ${ms(r.frames.max)} | ${r.frames.dropped} | ${ms(r.taskPerFrame)} | ${r.longTasks}${r.longTasks > 0 ? ` (max ${ms(r.longestTask)})` : ''} |`;
    const table = [
      '| run | step (of) | in flight at that step (engine) | tokens drawn (paused: at the step; playing: at the end) | steps played | frames | p50 | p95 | max | dropped frames | main-thread work per frame | long tasks (> 50 ms) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map(line),
    ].join('\n');
    const section = `
## Rendering — ${date}

Measured with \`npm run bench:render\`. Machine: ${cpu}, ${cpus().length} cores, Node
${process.version}, ${browser.version().startsWith('1') ? `Chromium ${browser.version()}` : browser.version()}
(Debian's, headless with \`--disable-gpu\`: software rendering, so a lower bound for a real
browser with a GPU). Page at 1366×768. Scenario: 1,200 generated signups within 2 minutes,
each processed 30 minutes after it is read (\`processingTime: "30m"\`), run through "Scenario
JSON"; the Timeline is set to the first step with the most records in flight, then Play for
${MEASURE_MS / 1000} s at 4 steps/s and, from the same step, at 64 steps/s (one step a frame), while a
requestAnimationFrame loop in the page records frame deltas ("paused": the same picture for 2 s
before Play, nothing to redraw, a baseline). Main-thread work per frame is Chromium's own task
accounting (CDP \`Performance.getMetrics\` TaskDuration over the window ÷ frames); long tasks
are those a \`longtask\` PerformanceObserver reports (over 50 ms). Targets: p95 ≤ 17.5 ms,
≤ 8 ms of work per frame at 64 steps/s.
Dropped frames: each delta over 1.5 × 16.7 ms counts ⌊delta / 16.7⌋ − 1. Load average at the
end: ${load}.

${table}
`;
    // Formatted as `npm run lint` expects (prettier aligns the table).
    const formatted = `\n${await format(section, { parser: 'markdown', printWidth: 100 })}`;
    console.log(formatted);
    if (writeDocs) {
      appendFileSync('docs/benchmarks.md', formatted);
      console.log('Appended to docs/benchmarks.md');
    }
  } finally {
    await browser.close();
    stopServer(server);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
