/**
 * What the browser benchmarks measure in a page: requestAnimationFrame deltas, Chromium's own
 * main-thread task time (CDP `Performance.getMetrics` TaskDuration), long tasks (a `longtask`
 * PerformanceObserver, over 50 ms), and where main-thread time goes (a CPU profile's self time
 * per function, or a trace's self time per event name: script, style, layout, paint …).
 *
 * Page code is passed as strings, not functions: tsx's esbuild would wrap named inner functions
 * in `__name(...)`, which does not exist in the page.
 */
import type { Browser, CDPSession, Page } from '@playwright/test';

export const FRAME = 1000 / 60;

export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  /** Each delta over 1.5 frames counts ⌊delta / 16.7⌋ − 1. */
  dropped: number;
}

export interface Window {
  frames: FrameStats;
  /** Main-thread work per frame (CDP TaskDuration over the window ÷ frames), ms. */
  taskPerFrame: number;
  longTasks: number;
  longestTask: number;
}

export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

export const median = (xs: number[]): number =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

export function frameStats(deltas: number[]): FrameStats {
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

/** requestAnimationFrame deltas in the page for `duration` ms. */
export async function frameDeltas(page: Page, duration: number): Promise<number[]> {
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

/** Chromium's own count of main-thread task time so far, ms (CDP Performance.getMetrics). */
export async function taskDuration(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return 1000 * (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0);
}

/** Starts collecting long tasks in the page (read them with `takeLongTasks`). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__longTasks = [];
    if (window.__longTaskObserver) window.__longTaskObserver.disconnect();
    window.__longTaskObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    });
    window.__longTaskObserver.observe({ type: 'longtask' });
  })()`);
}

/** The long tasks (ms) seen since `watchLongTasks` or the last call. */
export async function takeLongTasks(page: Page): Promise<number[]> {
  return page.evaluate<number[]>(`(() => {
    const out = window.__longTasks || [];
    window.__longTasks = [];
    return out;
  })()`);
}

/** Frames, main-thread work and long tasks over `duration` ms. */
export async function measureWindow(
  page: Page,
  cdp: CDPSession,
  duration: number,
): Promise<Window> {
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

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function of a CPU profile (ms), the heaviest first. */
export function selfTimes(profile: CpuProfile, top = 25): { name: string; ms: number }[] {
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
    .slice(0, top);
}

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/**
 * Self time per trace event name on the page's main thread (`CrRendererMain`), ms, the heaviest
 * first: how a window's main-thread work splits into script (`FunctionCall`, `v8.*`), style
 * (`UpdateLayoutTree`), layout, pre-paint, paint, layerize/commit and the rest.
 */
export function traceSelfTimes(events: TraceEvent[], top = 20): { name: string; ms: number }[] {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const spans = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && mains.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const totals = new Map<string, number>();
  // Per thread, a stack of open spans; each span's self time is its duration minus its children.
  const stacks = new Map<string, { end: number; name: string; self: number }[]>();
  const close = (stack: { end: number; name: string; self: number }[], until: number) => {
    while (stack.length > 0 && stack[stack.length - 1].end <= until) {
      const done = stack.pop()!;
      totals.set(done.name, (totals.get(done.name) ?? 0) + done.self / 1000);
    }
  };
  for (const e of spans) {
    const key = `${e.pid}:${e.tid}`;
    const stack = stacks.get(key) ?? [];
    stacks.set(key, stack);
    close(stack, e.ts);
    const parent = stack[stack.length - 1];
    if (parent) parent.self -= e.dur!;
    stack.push({ end: e.ts + e.dur!, name: e.name, self: e.dur! });
  }
  for (const stack of stacks.values()) close(stack, Infinity);
  return [...totals]
    .map(([name, ms]) => ({ name, ms }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink',
  'cc',
  'v8',
  'toplevel',
];

/** Runs `during` while Chromium traces the page; returns the trace's events. */
export async function traced(
  browser: Browser,
  page: Page,
  during: () => Promise<void>,
): Promise<TraceEvent[]> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await during();
  const buffer = await browser.stopTracing();
  const json = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(json) ? json : (json.traceEvents ?? []);
}
