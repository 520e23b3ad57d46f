/**
 * Rendering benchmark (`npm run bench:render`): main-thread work and frame times of the sandbox
 * while it plays with about 1,200 records in flight, in Debian's headless Chromium at 1366×768.
 *
 * Two generated scenarios, each in Kappa and Lambda, run through "Scenario JSON" → "Run scenario":
 * - **burst**: 1,200 signups within 2 minutes, each processed 30 minutes after it is read (3,603
 *   steps, built on the page). From the first step with the most records in flight: paused for
 *   2 s (a baseline), then Play for 5 s at 4 steps/s and at 64 steps/s (one step a frame, every
 *   step drawn).
 * - **steady**: 54,000 signups over 22.5 hours, the same 30 minutes each, so about 1,200 are in
 *   flight for some 150,000 steps (built in the simulation worker, as every run over 2,000 events
 *   is). From the first step with 1,150 in flight: Play for 5 s at the top speed, 16,384 steps/s
 *   (each frame shows where playback has got, skipping the steps between).
 *
 * Per window: requestAnimationFrame deltas in the page (p50, p95, max, dropped frames), the
 * main-thread work per frame by Chromium's own accounting (CDP `Performance.getMetrics`
 * TaskDuration over the window ÷ frames) and long tasks (a `longtask` observer, over 50 ms).
 * Targets (issue 9): at the top speed ≤ 8 ms of work per frame and p95 ≤ 17.5 ms.
 *
 * Options: `-- --profile` writes CPU profiles of the 64 steps/s and top-speed windows to
 * bench/out/ and prints their heaviest functions; `-- --trace` prints how those windows' main
 * thread time splits by trace event (script, style, layout, paint …); `-- --no-minify` keeps
 * function names readable in profiles; `-- --only kappa|lambda`;
 * `-- --against <dir>` also measures another build (say main's, built into <dir>), alternating
 * with this one per architecture, and prints both and their ratio; `-- --write-docs` appends
 * the tables to docs/benchmarks.md. BENCH_PORT picks the port (and the next one, with --against).
 */
import type { Browser, CDPSession, Page } from '@playwright/test';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { format } from 'prettier';
import { parseScenarioText, Simulation } from '../src/engine/index.ts';
import { build, launch, serve } from './browser.ts';
import {
  measureWindow,
  selfTimes,
  traced,
  traceSelfTimes,
  type CpuProfile,
  type Window,
} from './page-metrics.ts';

const arg = (name: string): string | null =>
  ((i) => (i >= 0 ? (process.argv[i + 1] ?? null) : null))(process.argv.indexOf(`--${name}`));

const PORT = Number(process.env.BENCH_PORT ?? 4180);
const MEASURE_MS = 5000;
const PROFILE = process.argv.includes('--profile');
const TRACE = process.argv.includes('--trace');

type Architecture = 'kappa' | 'lambda';
type Shape = 'burst' | 'steady';

/** Speed slider values are log2 of the rate: 2 is 4 steps/s, 14 the top (16,384 steps/s). */
const RUNS: { shape: Shape; label: string; slider: string; heavy: boolean }[] = [
  { shape: 'burst', label: '4 steps/s', slider: '2', heavy: false },
  { shape: 'burst', label: '64 steps/s', slider: '6', heavy: true },
  { shape: 'steady', label: 'top speed (16,384 steps/s)', slider: '14', heavy: true },
];

function scenario(architecture: Architecture, shape: Shape): string {
  const processing = { processingTime: '30m', commitEvery: '1m' };
  const generate =
    shape === 'burst'
      ? { count: 1200, from: '2026-11-23T10:00:00Z', to: '2026-11-23T10:02:00Z' }
      : { count: 54_000, from: '2026-11-23T00:00:00Z', to: '2026-11-23T22:30:00Z' };
  return JSON.stringify(
    {
      name: `Render bench: 1,200 records in flight (${shape}, ${architecture})`,
      seed: 2026,
      architecture,
      timeZone: 'UTC',
      start: shape === 'burst' ? '2026-11-23T10:00:00Z' : '2026-11-23T00:00:00Z',
      end: shape === 'burst' ? '2026-11-23T11:00:00Z' : '2026-11-23T23:30:00Z',
      generate,
      ...(architecture === 'kappa' ? { kappa: processing } : { speed: processing }),
    },
    null,
    2,
  );
}

interface Target {
  /** Steps done when the window starts (as the Timeline). */
  step: number;
  steps: number;
  inFlight: number;
}

/**
 * Burst: the first step with the most records in flight. Steady: the first step (in strides of
 * 100) with at least 1,150 in flight. By the engine, in Node.
 */
function target(text: string, shape: Shape): Target {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(`bench scenario invalid: ${JSON.stringify(parsed.problems)}`);
  const sim = Simulation.create(parsed.scenario);
  const inFlightAt = (step: number) =>
    sim.view(step - 1).jobs.reduce((n, job) => n + job.inFlight.length, 0);
  let best: Target = { step: 0, inFlight: -1, steps: sim.stepCount };
  for (let step = 1; step <= sim.stepCount; step += shape === 'burst' ? 1 : 100) {
    const inFlight = inFlightAt(step);
    if (shape === 'steady' && inFlight >= 1150) return { step, inFlight, steps: sim.stepCount };
    if (inFlight > best.inFlight) best = { step, inFlight, steps: sim.stepCount };
  }
  return best;
}

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

interface Row extends Window, Target {
  architecture: Architecture;
  shape: Shape;
  what: string;
  /** In-flight tokens drawn at the end of the window. */
  tokens: number;
  stepsPlayed: number;
}

interface Ctx {
  browser: Browser;
  page: Page;
  cdp: CDPSession;
}

/** Measures one window, with a CPU profile or a trace of it when asked and `heavy`. */
async function window_(ctx: Ctx, name: string, heavy: boolean, ms: number): Promise<Window> {
  if (TRACE && heavy) {
    let measured: Window | null = null;
    const events = await traced(ctx.browser, ctx.page, async () => {
      measured = await measureWindow(ctx.page, ctx.cdp, ms);
    });
    console.log(`Main thread by trace event (${name}), self time over ${ms / 1000} s:`);
    for (const { name: event, ms: t } of traceSelfTimes(events))
      console.log(`  ${t.toFixed(0).padStart(6)} ms  ${event}`);
    return measured!;
  }
  if (!(PROFILE && heavy)) return measureWindow(ctx.page, ctx.cdp, ms);
  await ctx.cdp.send('Profiler.enable');
  await ctx.cdp.send('Profiler.start');
  const measured = await measureWindow(ctx.page, ctx.cdp, ms);
  const { profile } = (await ctx.cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const file = `bench/out/render-${name.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`;
  writeFileSync(file, JSON.stringify(profile));
  console.log(`CPU profile (${name}) in ${file}; self time:`);
  for (const { name: fn, ms: t } of selfTimes(profile))
    console.log(`  ${t.toFixed(0).padStart(6)} ms  ${fn}`);
  return measured;
}

async function load(page: Page, text: string, steps: number): Promise<void> {
  await page.getByRole('textbox', { name: 'Scenario JSON' }).fill(text);
  await page.getByRole('button', { name: 'Run scenario' }).click();
  await page
    .getByText(/^\s*Step \d+ of \d+/)
    .first()
    .filter({ hasText: `of ${steps}` })
    .waitFor({ timeout: 120_000 });
}

/** Puts the playhead at `step` and waits for its exact picture. */
async function seek(page: Page, step: number): Promise<void> {
  await page.getByRole('slider', { name: 'Timeline' }).fill(String(step));
  await page.locator(`[data-frame-position="${step}"]`).waitFor({ timeout: 120_000 });
}

async function play(
  ctx: Ctx,
  base: Omit<Row, keyof Window | 'what' | 'tokens' | 'stepsPlayed'>,
  run: (typeof RUNS)[number],
): Promise<Row> {
  const { page } = ctx;
  await seek(page, base.step);
  await page.getByRole('slider', { name: 'Speed' }).fill(run.slider);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
  const measured = await window_(ctx, `${base.architecture} ${run.label}`, run.heavy, MEASURE_MS);
  const tokens = await tokensOnScreen(page);
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  if (await pause.isVisible()) await pause.click();
  const played = Number(await page.getByRole('slider', { name: 'Timeline' }).inputValue());
  return { ...base, what: run.label, tokens, stepsPlayed: played - base.step, ...measured };
}

async function measure(ctx: Ctx, architecture: Architecture): Promise<Row[]> {
  const rows: Row[] = [];
  for (const shape of ['burst', 'steady'] as const) {
    const text = scenario(architecture, shape);
    const at = target(text, shape);
    await load(ctx.page, text, at.steps);
    const base = { architecture, shape, ...at };
    if (shape === 'burst' && !RUN) {
      await seek(ctx.page, at.step);
      const paused = await window_(ctx, `${architecture} paused`, false, 2000);
      rows.push({
        ...base,
        what: 'paused',
        tokens: await tokensOnScreen(ctx.page),
        stepsPlayed: 0,
        ...paused,
      });
    }
    for (const run of RUNS.filter((r) => r.shape === shape && (!RUN || r.label.startsWith(RUN))))
      rows.push(await play(ctx, base, run));
  }
  return rows;
}

const ONLY = arg('only');
/** `--run top`, `--run 64` …: only the runs whose label starts so (and no paused baseline). */
const RUN = arg('run');
const ms = (x: number) => `${x.toFixed(1)} ms`;
const thousands = (x: number) => x.toLocaleString('en-US');
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** Opens the sandbox of a served build in a fresh page, with CDP performance metrics on. */
async function open(browser: Browser, url: string): Promise<{ ctx: Ctx; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${url}#/sandbox`); // the home page is the lessons index
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return { ctx: { browser, page, cdp }, errors };
}

function table(rows: Row[]): string {
  const line = (r: Row) =>
    `| ${r.architecture === 'kappa' ? 'Kappa' : 'Lambda'}, ${r.shape}, ${r.what} | ${thousands(r.step)} (${thousands(r.steps)}) | ${thousands(r.inFlight)} | ${thousands(r.tokens)} | ${thousands(r.stepsPlayed)} | ${r.frames.frames} | ${ms(r.frames.p50)} | ${ms(r.frames.p95)} | ${ms(r.frames.max)} | ${r.frames.dropped} | ${ms(r.taskPerFrame)} | ${r.longTasks}${r.longTasks > 0 ? ` (max ${ms(r.longestTask)})` : ''} |`;
  return [
    '| run | from step (of) | in flight there (engine) | tokens drawn at the end | steps played | frames | p50 | p95 | max | dropped frames | main-thread work per frame | long tasks (> 50 ms) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(line),
  ].join('\n');
}

/** Base and this build side by side: work per frame and p95, and their ratio. */
function comparison(base: Row[], mine: Row[]): string {
  const name = (r: Row) =>
    `${r.architecture === 'kappa' ? 'Kappa' : 'Lambda'}, ${r.shape}, ${r.what}`;
  return [
    '| run | before: work per frame | p95 | long tasks | after: work per frame | p95 | long tasks | work after ÷ before |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...mine.map((r, k) => {
      const b = base[k];
      return `| ${name(r)} | ${ms(b.taskPerFrame)} | ${ms(b.frames.p95)} | ${b.longTasks} | ${ms(r.taskPerFrame)} | ${ms(r.frames.p95)} | ${r.longTasks} | ${(r.taskPerFrame / b.taskPerFrame).toFixed(2)} |`;
    }),
  ].join('\n');
}

async function main(): Promise<void> {
  const started = loadAverage();
  const against = arg('against');
  build('bench/out/dist', { minify: !process.argv.includes('--no-minify') });
  const servers = [await serve('bench/out/dist', PORT)];
  try {
    if (against) servers.push(await serve(against, PORT + 1));
    const browser = await launch();
    mkdirSync('bench/out', { recursive: true });
    const rows: Row[] = [];
    const baseRows: Row[] = [];
    try {
      for (const architecture of ['kappa', 'lambda'] as const) {
        if (ONLY && ONLY !== architecture) continue;
        // With --against, the base build first, then this one, for each architecture in turn,
        // so that both see about the same load.
        for (const [k, server] of [...servers].reverse().entries()) {
          const isBase = against !== null && k === 0;
          console.log(`Measuring ${architecture}${isBase ? ` (base: ${against})` : ''} …`);
          const { ctx, errors } = await open(browser, server.url);
          (isBase ? baseRows : rows).push(...(await measure(ctx, architecture)));
          await ctx.page.close();
          if (errors.length > 0) throw new Error(`errors in the page:\n${errors.join('\n')}`);
        }
      }
    } finally {
      await browser.close();
    }

    const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '?';
    const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
    const section = `
## Rendering — ${date} UTC

\`npm run bench:render\`. Machine: ${cpu}, ${cpus().length} cores, Node ${process.version},
Chromium ${browser.version()} (Debian's, headless with \`--disable-gpu\`: software
rendering). Load average ${started} at the start, ${loadAverage()} at the end. Scenarios and
measures as described at the top of \`bench/render.bench.ts\`.

${table(rows)}
${against ? `\nBase (\`--against ${against}\`), measured alternately with the above:\n\n${table(baseRows)}\n\n${comparison(baseRows, rows)}\n` : ''}`;
    // Formatted as `npm run lint` expects (prettier aligns the table).
    const formatted = `\n${await format(section, { parser: 'markdown', printWidth: 100 })}`;
    console.log(formatted);
    if (process.argv.includes('--write-docs')) {
      appendFileSync('docs/benchmarks.md', formatted);
      console.log('Appended to docs/benchmarks.md');
    }
  } finally {
    for (const server of servers) server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
