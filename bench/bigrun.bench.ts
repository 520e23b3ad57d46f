/**
 * Big-run benchmark (`npm run bench:bigrun [-- --events 2000000]`): builds a large generated run
 * in the browser (the simulation worker), then seeks in it, in Debian's headless Chromium.
 * Measures the longest main-thread task (a `longtask` PerformanceObserver, tasks over 50 ms)
 * while building and while seeking, the time to the first picture of the new run, how long the
 * exact picture takes after a seek, and the peak memory of the browser (RSS of Chromium's
 * processes, sampled every 250 ms). Prints a markdown table.
 */
import type { Page } from '@playwright/test';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { buildAndServe } from './browser.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4181);
const arg = (name: string, fallback: number) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : fallback;
};
const EVENTS = arg('events', 2_000_000);
const ARCHITECTURE = process.argv.includes('--kappa') ? 'kappa' : 'lambda';

function scenario(): string {
  return JSON.stringify({
    name: `Big run: ${EVENTS.toLocaleString('en-US')} signups over 2 days`,
    seed: 2026,
    architecture: ARCHITECTURE,
    timeZone: 'UTC',
    start: '2026-11-22T00:00:00Z',
    end: '2026-11-24T06:00:00Z',
    generate: {
      count: EVENTS,
      from: '2026-11-22T00:00:00Z',
      to: '2026-11-24T00:00:00Z',
      lateFraction: 0.05,
      maxLateness: '6h',
    },
  });
}

/** Our descendants' RSS (Chromium and its renderers; the vite server is another group), MB. */
function descendantsRss(): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(fields[1]));
      rss.set(Number(d), (Number(fields[21]) * 4096) / 1e6);
    } catch {
      // gone
    }
  }
  let total = 0;
  for (const [pid, r] of rss) {
    let p = parent.get(pid);
    while (p !== undefined && p > 1 && p !== process.pid) p = parent.get(p);
    if (p === process.pid) total += r;
  }
  return total;
}

async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate<number[]>(
    `(() => { const t = window.__lt || []; window.__lt = []; return t; })()`,
  );
}

async function watch(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__lt = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push(e.duration); })
      .observe({ type: 'longtask' });
  })()`);
}

async function main(): Promise<void> {
  const served = await buildAndServe('bench/out/dist-bigrun', PORT);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, descendantsRss())), 250);
  try {
    const page = await served.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${served.url}#/sandbox`); // the home page is the lessons index
    await page
      .getByText(/^\s*Step \d+ of \d+\s*$/)
      .first()
      .waitFor();
    const picture = page.locator('section.area-picture');
    const counter = page.getByText(/^\s*Step \d+ of \d+\s*$/).first();
    const before = (await counter.textContent()) ?? '';

    console.log(`Building ${EVENTS.toLocaleString('en-US')} events (${ARCHITECTURE}) …`);
    await page.getByRole('textbox', { name: 'Scenario JSON' }).fill(scenario());
    await watch(page);
    const baseline = descendantsRss();
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Run scenario' }).click();
    const progress = page.getByRole('progressbar', { name: 'Building the run' });
    const progressShown = await progress
      .waitFor({ timeout: 5_000 })
      .then(() => `${Date.now() - t0} ms`)
      .catch(() => 'built before it showed');
    // Still responsive while it builds: the old run's Next step works.
    await page.getByRole('button', { name: 'Next step' }).click();
    const oldStillThere = (await counter.textContent()) !== before;
    const oldCount = /of (\d+)/.exec(before)?.[1];
    for (;;) {
      const m = /Step 0 of (\d+)/.exec((await counter.textContent()) ?? '');
      if (m && m[1] !== oldCount) break;
      const problems = page.getByRole('alert');
      if (await problems.count()) throw new Error(await problems.first().innerText());
      if (Date.now() - t0 > 600_000) throw new Error('the run was not built within 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const built = Date.now() - t0;
    await picture.and(page.locator('[data-frame-position="0"]')).waitFor({ timeout: 60_000 });
    const firstPicture = Date.now() - t0;
    const stepCount = Number(/of (\d+)/.exec((await counter.textContent()) ?? '')?.[1]);
    const buildTasks = await longTasks(page);
    const afterBuild = descendantsRss();

    // Seeking: Timeline moves across the run, End, then a step back; each waits for the exact
    // picture and records how long it took.
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    const cdp = await page.context().newCDPSession(page);
    if (process.argv.includes('--profile')) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const waits: number[] = [];
    const exact = async (position: number) => {
      const t = Date.now();
      await picture.and(page.locator(`[data-frame-position="${position}"]`)).waitFor();
      waits.push(Date.now() - t);
    };
    for (let k = 1; k <= 10; k++) {
      const position = Math.floor((stepCount * k * 7) / 71) % stepCount;
      await timeline.fill(String(position));
      await exact(position);
    }
    await page.getByRole('button', { name: 'Go to end' }).click();
    await exact(stepCount);
    await page.getByRole('button', { name: 'Previous step' }).click();
    await exact(stepCount - 1);
    await page.getByRole('button', { name: 'Previous step' }).click();
    await exact(stepCount - 2);
    const seekTasks = await longTasks(page);
    if (process.argv.includes('--profile')) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync('bench/out/bigrun-seek.cpuprofile', JSON.stringify(profile));
      console.log('CPU profile of the seeks in bench/out/bigrun-seek.cpuprofile');
    }
    if (errors.length > 0) throw new Error(errors.join('\n'));
    const max = (xs: number[]) => (xs.length ? Math.max(...xs).toFixed(0) : '0');
    const sorted = [...waits].sort((a, b) => a - b);
    console.log(`| events | architecture | steps | progress shown | old run usable while building | built | first picture | long tasks building (max) | long tasks seeking (max) | exact picture after a seek: median, max | browser RSS before | after build | peak |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| ${EVENTS.toLocaleString('en-US')} | ${ARCHITECTURE} | ${stepCount.toLocaleString('en-US')} | ${progressShown} | ${oldStillThere ? 'yes' : 'no'} | ${(built / 1000).toFixed(1)} s | ${(firstPicture / 1000).toFixed(1)} s | ${buildTasks.length} (${max(buildTasks)} ms) | ${seekTasks.length} (${max(seekTasks)} ms) | ${sorted[Math.floor(sorted.length / 2)]} ms, ${sorted[sorted.length - 1]} ms | ${baseline.toFixed(0)} MB | ${afterBuild.toFixed(0)} MB | ${peak.toFixed(0)} MB |`);
  } finally {
    clearInterval(sampler);
    await served.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
