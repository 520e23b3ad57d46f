/**
 * Big-run benchmark (`npm run bench:bigrun [-- --events 2000000] [-- --kappa]`): builds a large
 * generated run in the browser (the simulation worker), then moves around in it, in Debian's
 * headless Chromium. Phases, each with the long tasks (a `longtask` PerformanceObserver: main-
 * thread tasks over 50 ms) seen during it:
 *
 * - **build**: Run scenario until the new run's first picture (progress shown? the old run still
 *   steps?);
 * - **drag**: the Timeline dragged with the mouse across the run (40 moves, no waiting), then the
 *   exact picture where it stopped;
 * - **seek**: ten Timeline positions, each waiting for the exact picture;
 * - **end**: Go to end, Previous step twice, Next step;
 * - **coarse**: the jump keys (+1 h, +1 day, next batch run, crash, query, their reverses).
 *
 * Memory (bench/memory.ts): PSS of Chromium's processes (total and per type) before the run,
 * after the build, after the moves and at the peak (sampled every 250 ms), and the JS heaps of
 * the page and the simulation worker, and in which phase the peak fell (`PSS_TRACE=1` prints every
 * sample). `-- --profile` writes CPU profiles of the build window
 * and of the moves (bench/out/bigrun-*.cpuprofile) and prints their heaviest functions;
 * `-- --no-minify` keeps names readable. Prints markdown tables.
 */
import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { buildAndServe } from './browser.ts';
import { bigRunScenario } from './big-run.ts';
import { Heaps, chromiumPss, type PssSample } from './memory.ts';
import { selfTimes, traced, traceSelfTimes, type CpuProfile } from './page-metrics.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4181);
const arg = (name: string, fallback: number) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : fallback;
};
const EVENTS = arg('events', 2_000_000);
const ARCHITECTURE: 'lambda' | 'kappa' = process.argv.includes('--kappa') ? 'kappa' : 'lambda';
const PROFILE = process.argv.includes('--profile');

interface LongTask {
  start: number;
  duration: number;
}

async function watch(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__lt = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__lt.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  })()`);
}

async function longTasks(page: Page): Promise<LongTask[]> {
  return page.evaluate<LongTask[]>(
    `(() => { const t = window.__lt || []; window.__lt = []; return t; })()`,
  );
}

const mb = (x: number) => `${x.toFixed(0)} MB`;
const maxOf = (xs: LongTask[]) =>
  xs.length ? `${xs.length} (${Math.max(...xs.map((t) => t.duration)).toFixed(0)} ms)` : '0';

async function main(): Promise<void> {
  const served = await buildAndServe('bench/out/dist-bigrun', PORT, {
    minify: !process.argv.includes('--no-minify'),
  });
  let peak: PssSample = { total: 0, byType: {} };
  /** What the page was doing (`phase`) when the peak was sampled. */
  let phase = 'loading';
  let peakPhase = phase;
  const sampler = setInterval(() => {
    const s = chromiumPss();
    if (s.total > peak.total) {
      peak = s;
      peakPhase = phase;
    }
    if (process.env.PSS_TRACE) console.log(`${phase} ${Date.now()} ${s.total.toFixed(0)} MB`);
  }, 250);
  try {
    const page = await served.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const cdp = await page.context().newCDPSession(page);
    const heaps = await Heaps.attach(cdp);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${served.url}#/sandbox`); // the home page is the lessons index
    const counter = page.getByText(/^\s*Step \d+ of \d+\s*$/).first();
    await counter.waitFor();
    const picture = page.locator('section.area-picture');
    const before = (await counter.textContent()) ?? '';

    console.log(`Building ${EVENTS.toLocaleString('en-US')} events (${ARCHITECTURE}) …`);
    await page
      .getByRole('textbox', { name: 'Scenario JSON' })
      .fill(bigRunScenario(EVENTS, ARCHITECTURE));
    await watch(page);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // settle before the baseline
    const pssBefore = chromiumPss();
    const heapsBefore = await heaps.sample();
    if (PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const clickedAt = await page.evaluate<number>('performance.now()');
    const t0 = Date.now();
    phase = 'building';
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
    let builtAt = 0;
    for (;;) {
      const m = /Step 0 of (\d+)/.exec((await counter.textContent()) ?? '');
      if (m && m[1] !== oldCount) break;
      const problems = page.getByRole('alert');
      if (await problems.count()) throw new Error(await problems.first().innerText());
      if (Date.now() - t0 > 900_000) throw new Error('the run was not built within 15 minutes');
      builtAt = await page.evaluate<number>('performance.now()');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const built = Date.now() - t0;
    await picture.and(page.locator('[data-frame-position="0"]')).waitFor({ timeout: 120_000 });
    const firstPicture = Date.now() - t0;
    const stepCount = Number(/of (\d+)/.exec((await counter.textContent()) ?? '')?.[1]);
    await new Promise((resolve) => setTimeout(resolve, 500)); // let a late long task report
    const phases: Record<string, LongTask[]> = { build: await longTasks(page) };
    if (PROFILE) await stopProfile(cdp, 'build');
    const pssBuilt = chromiumPss();
    phase = 'moving around';
    const heapsBuilt = await heaps.sample();

    if (PROFILE) await cdp.send('Profiler.start');
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    const waits: number[] = [];
    const exact = async (position: number) => {
      const t = Date.now();
      await picture.and(page.locator(`[data-frame-position="${position}"]`)).waitFor({
        timeout: 120_000,
      });
      waits.push(Date.now() - t);
    };
    const exactHere = async () => exact(Number(await timeline.inputValue()));

    // Drag the Timeline's thumb across the run.
    const drag = async () => {
      const box = (await timeline.boundingBox())!;
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + 4, y);
      await page.mouse.down();
      for (let k = 1; k <= 40; k++) {
        await page.mouse.move(box.x + 4 + ((box.width - 8) * k) / 41, y);
      }
      await page.mouse.up();
      await exactHere();
    };
    if (process.argv.includes('--trace')) {
      const events = await traced(served.browser, page, drag);
      console.log('Trace of the drag, self time on the main thread:');
      for (const { name, ms } of traceSelfTimes(events, 12)) {
        console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${name}`);
      }
      const long = events.filter(
        (e) => e.name === 'RunTask' && (e.dur ?? 0) > 50_000 && e.ph === 'X',
      );
      console.log(
        `  tasks over 50 ms (any thread): ${long.map((e) => `${((e.dur ?? 0) / 1000).toFixed(0)} ms (tid ${e.tid})`).join(', ') || 'none'}`,
      );
    } else await drag();
    phases.drag = await longTasks(page);

    for (let k = 1; k <= 10; k++) {
      const position = Math.floor((stepCount * k * 7) / 71) % stepCount;
      await timeline.fill(String(position));
      await exact(position);
    }
    phases.seek = await longTasks(page);

    await page.getByRole('button', { name: 'Go to end' }).click();
    await exact(stepCount);
    await page.getByRole('button', { name: 'Previous step' }).click();
    await exact(stepCount - 1);
    await page.getByRole('button', { name: 'Previous step' }).click();
    await exact(stepCount - 2);
    await page.getByRole('button', { name: 'Next step' }).click();
    await exact(stepCount - 1);
    phases.end = await longTasks(page);

    // Coarse navigation from the first hour: keys on the page (not in a text box).
    await timeline.fill(String(Math.floor(stepCount / 100)));
    await exactHere();
    await longTasks(page);
    const coarse: string[] = [];
    for (const key of [']', ']', '}', 'r', 'R', 'c', 'q', '[', '{', 'r']) {
      const from = await timeline.inputValue();
      // On the page, not in the Timeline (a slider keeps keys for itself).
      await page.evaluate('document.activeElement && document.activeElement.blur()');
      await page.keyboard.press(key);
      await exactHere();
      coarse.push(`${key} ${from}→${await timeline.inputValue()}`);
    }
    phases.coarse = await longTasks(page);
    if (PROFILE) await stopProfile(cdp, 'moves');
    const pssMoved = chromiumPss();
    phase = 'done';
    const heapsMoved = await heaps.sample();
    if (errors.length > 0) throw new Error(errors.join('\n'));

    const sorted = [...waits].sort((a, b) => a - b);
    const builtFrom = builtAt - clickedAt;
    console.log(
      `\nLong tasks while building, ms after the click (built ≈ ${builtFrom.toFixed(0)} ms): ${
        phases.build
          .map((t) => `${t.duration.toFixed(0)} ms at ${(t.start - clickedAt).toFixed(0)}`)
          .join(', ') || 'none'
      }`,
    );
    console.log(`Coarse moves (key from→to): ${coarse.join(', ')}`);
    console.log(`
| events | architecture | steps | progress shown | old run usable while building | built | first picture | long tasks: building | dragging | seeking | at the end | coarse jumps | exact picture after a move: median, max |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| ${EVENTS.toLocaleString('en-US')} | ${ARCHITECTURE} | ${stepCount.toLocaleString('en-US')} | ${progressShown} | ${oldStillThere ? 'yes' : 'no'} | ${(built / 1000).toFixed(1)} s | ${(firstPicture / 1000).toFixed(1)} s | ${maxOf(phases.build)} | ${maxOf(phases.drag)} | ${maxOf(phases.seek)} | ${maxOf(phases.end)} | ${maxOf(phases.coarse)} | ${sorted[Math.floor(sorted.length / 2)]} ms, ${sorted[sorted.length - 1]} ms |
`);
    const types = [
      ...new Set([pssBefore, pssBuilt, pssMoved, peak].flatMap((s) => Object.keys(s.byType))),
    ].sort();
    const row = (name: string, s: PssSample) =>
      `| ${name} | ${mb(s.total)} | ${mb(s.total - pssBefore.total)} | ${types.map((t) => mb(s.byType[t] ?? 0)).join(' | ')} |`;
    console.log(`| browser PSS | total | added by the run | ${types.join(' | ')} |
| --- | --- | --- | ${types.map(() => '---').join(' | ')} |
${row('before the run', pssBefore)}
${row('built', pssBuilt)}
${row('after the moves', pssMoved)}
${row('peak (250 ms samples)', peak)}

The peak was sampled while ${peakPhase}.
`);
    const targets = [
      ...new Set([heapsBefore, heapsBuilt, heapsMoved].flatMap((h) => Object.keys(h))),
    ];
    console.log(`| JS heap + ArrayBuffers | ${targets.join(' | ')} |
| --- | ${targets.map(() => '---').join(' | ')} |
| before the run | ${targets.map((t) => (t in heapsBefore ? mb(heapsBefore[t]) : '–')).join(' | ')} |
| built | ${targets.map((t) => (t in heapsBuilt ? mb(heapsBuilt[t]) : '–')).join(' | ')} |
| after the moves | ${targets.map((t) => (t in heapsMoved ? mb(heapsMoved[t]) : '–')).join(' | ')} |`);
  } finally {
    clearInterval(sampler);
    await served.close();
  }
}

async function stopProfile(
  cdp: import('@playwright/test').CDPSession,
  name: string,
): Promise<void> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const file = `bench/out/bigrun-${name}.cpuprofile`;
  writeFileSync(file, JSON.stringify(profile));
  console.log(`CPU profile (${name}) in ${file}; self time:`);
  for (const { name: fn, ms } of selfTimes(profile, 15))
    console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${fn}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
