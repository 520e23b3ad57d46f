/**
 * What the first lesson's JavaScript is made of (`npm run budget:explain`): builds the hosted
 * site with source maps into a temporary folder, takes the files the first lesson loads (as
 * `npm run budget` counts them) and attributes every minified byte of them to the source file
 * it came from, with source-map-explorer. Sources are grouped by npm package and by folder of
 * `src/`; `--files` lists single source files instead. Sizes are minified bytes before gzip
 * (gzip works across a whole chunk, so per-source gzipped sizes would not add up); each chunk's
 * gzipped size is printed too.
 *
 * Why source-map-explorer: it reads only the build's own source maps, so it measures exactly
 * the minified output that ships (after tree-shaking and minification), needs no plugin in the
 * build, and works with Vite 8's Rolldown, whose plugin API the Rollup visualizers only partly
 * support.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { explore } from 'source-map-explorer';
import { build } from 'vite';
import { firstPages } from './check-bundle-budget.ts';

const byFile = process.argv.includes('--files');

/** `node_modules/xstate/dist/…` → `xstate`; `src/engine/scenario/x.ts` → `src/engine/scenario`. */
function group(source: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return `npm: ${pkg[1]}`;
  const own = /(?:^|\/)(src\/.*)$/.exec(source);
  if (!own) return source;
  return byFile ? own[1] : own[1].split('/').slice(0, -1).join('/');
}

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'lkl-composition-'));
  try {
    await build({
      logLevel: 'warn',
      build: {
        outDir: out,
        emptyOutDir: true,
        sourcemap: true,
        // Rolldown's plugin timing report is noise here.
        rolldownOptions: { checks: { pluginTimings: false } },
      },
    });
    const { lesson } = firstPages(out);
    const scripts = [...lesson].filter((f) => f.endsWith('.js')).map((f) => join(out, f));
    const result = await explore(scripts, { output: { format: 'json' }, noBorderChecks: true });
    const sizes = new Map<string, number>();
    let total = 0;
    console.log('First lesson chunks (minified, gzipped):');
    for (const bundle of result.bundles) {
      const gz = gzipSync(readFileSync(bundle.bundleName), { level: 9 }).length;
      console.log(
        `  ${(bundle.totalBytes / 1024).toFixed(1).padStart(6)} KB  ${(gz / 1024).toFixed(1).padStart(5)} KB gz  ${bundle.bundleName.slice(out.length + 1)}`,
      );
      for (const [source, { size }] of Object.entries(bundle.files)) {
        const key = group(source);
        sizes.set(key, (sizes.get(key) ?? 0) + size);
        total += size;
      }
    }
    // A chunk without a source map (a lesson's data, a virtual module) is counted whole.
    for (const failed of result.errors.filter((e) => !e.isWarning)) {
      const bytes = readFileSync(failed.bundleName);
      const gz = gzipSync(bytes, { level: 9 }).length;
      console.log(
        `  ${(bytes.length / 1024).toFixed(1).padStart(6)} KB  ${(gz / 1024).toFixed(1).padStart(5)} KB gz  ${failed.bundleName.slice(out.length + 1)} (no source map: ${failed.code})`,
      );
      const key = '[chunks without a source map]';
      sizes.set(key, (sizes.get(key) ?? 0) + bytes.length);
      total += bytes.length;
    }
    console.log(`\nBy ${byFile ? 'source file' : 'package and folder'} (minified bytes):`);
    for (const [key, size] of [...sizes].sort((a, b) => b[1] - a[1])) {
      const share = ((100 * size) / total).toFixed(1);
      console.log(`  ${(size / 1024).toFixed(1).padStart(6)} KB  ${share.padStart(4)} %  ${key}`);
    }
    console.log(`  ${(total / 1024).toFixed(1).padStart(6)} KB  in all`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

await main();
