/**
 * Helpers for the browser benchmarks: build the app into bench/out, serve it with `vite preview`
 * in its own process group (killed at the end), and launch Debian's Chromium.
 */
import { chromium, type Browser } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { CHROMIUM_ARGS, chromiumPath } from '../chromium.config.ts';

export interface Served {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

async function waitForServer(server: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`vite preview exited (${server.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`vite preview did not answer on ${url} within 30 s`);
}

function stopServer(server: ChildProcess | null): void {
  if (!server || server.pid === undefined || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM'); // the whole group: npx and vite
  } catch {
    // already gone
  }
}

/**
 * Builds the app into `outDir`. `minify: false` keeps function names readable in CPU profiles
 * (the code then runs a little differently: measure with the default).
 */
export function build(outDir: string, { minify = true }: { minify?: boolean } = {}): void {
  const args = ['vite', 'build', '--outDir', outDir, '--emptyOutDir'];
  if (!minify) args.push('--minify', 'false');
  const built = spawnSync('npx', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error(`vite build failed (${built.status})`);
}

/** Serves a built `outDir` with `vite preview` on 127.0.0.1:`port` (its own process group). */
export async function serve(outDir: string, port: number): Promise<{ url: string; close(): void }> {
  const url = `http://127.0.0.1:${port}/`;
  const args = ['vite', 'preview', '--outDir', outDir, '--host', '127.0.0.1'];
  const server = spawn('npx', [...args, '--port', String(port), '--strictPort'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const onSignal = () => {
    stopServer(server);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await waitForServer(server, url);
  } catch (error) {
    stopServer(server);
    throw error;
  }
  return { url, close: () => stopServer(server) };
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/** Builds into `outDir`, serves it on `port` and launches Chromium. */
export async function buildAndServe(
  outDir: string,
  port: number,
  options: { minify?: boolean } = {},
): Promise<Served> {
  build(outDir, options);
  const server = await serve(outDir, port);
  try {
    const browser = await launch();
    return {
      url: server.url,
      browser,
      close: async () => {
        await browser.close();
        server.close();
      },
    };
  } catch (error) {
    server.close();
    throw error;
  }
}
