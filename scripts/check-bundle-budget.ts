/**
 * The first page's JavaScript budget (`npm run budget`, part of `npm test`): reads the build in
 * dist/ and sums the gzipped size of the scripts `index.html` loads eagerly (its module script
 * and modulepreload links); fails past the budget. Prints every chunk's weight, so
 * docs/benchmarks.md can list them (`-- --markdown` prints the table).
 *
 * The budget is issue 9's 60 KB for the first page (the lessons index, since the sandbox, the
 * lesson player and the rest load on demand); lower it as the page shrinks, never raise it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_KB = 60;
export const GOAL_KB = 60;

const DIST = process.argv.find((a) => a.startsWith('--dist='))?.slice(7) ?? 'dist';

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

function eagerScripts(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) out.add(m[1]);
  for (const m of html.matchAll(
    /<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g,
  )) {
    out.add(m[1]);
  }
  return [...out].map((src) => src.replace(/^\.?\//, ''));
}

function main(): void {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const eager = eagerScripts(html);
  if (eager.length === 0) throw new Error(`${DIST}/index.html loads no module script`);
  const assets = readdirSync(join(DIST, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  const rows = assets
    .map((f) => {
      const file = join(DIST, 'assets', f);
      return {
        file: `assets/${f}`,
        raw: statSync(file).size / 1024,
        gzip: gz(file),
        eager: eager.includes(`assets/${f}`),
      };
    })
    .sort((a, b) => b.gzip - a.gzip);
  const total = rows
    .filter((r) => r.eager && r.file.endsWith('.js'))
    .reduce((n, r) => n + r.gzip, 0);
  const kb = (x: number) => `${x.toFixed(1)} KB`;
  if (process.argv.includes('--markdown')) {
    console.log('| chunk | loaded | size | gzipped |\n| --- | --- | --- | --- |');
    for (const r of rows) {
      console.log(
        `| \`${r.file}\` | ${r.eager ? 'first page' : 'on demand'} | ${kb(r.raw)} | ${kb(r.gzip)} |`,
      );
    }
  } else {
    for (const r of rows) {
      console.log(
        `${r.eager ? 'first page' : 'on demand '}  ${kb(r.gzip).padStart(9)} gz  ${r.file}`,
      );
    }
  }
  console.log(
    `First page JavaScript: ${kb(total)} gzipped (budget ${BUDGET_KB} KB, goal ${GOAL_KB} KB).`,
  );
  if (total > BUDGET_KB * 1.0) {
    console.error(`\nOver budget by ${kb(total - BUDGET_KB)}: load the new part on demand.`);
    process.exitCode = 1;
  }
}

main();
