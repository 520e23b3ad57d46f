/**
 * The first pages' JavaScript budget (`npm run budget`, part of `npm test`): reads the build in
 * dist/ and sums the gzipped JavaScript a visitor's first page loads, for both first pages:
 *
 * - the lessons index (home): what `index.html` loads eagerly (its module script and
 *   modulepreload links);
 * - the first lesson: that, plus the lesson player and every chunk it imports statically (from
 *   Vite's manifest, dist/.vite/manifest.json), i.e. the picture and the player, and the first
 *   lesson's own chunk. The engine (with XState) is not among them: the lesson ships its first
 *   screen, computed by the engine at build time, and the page loads the engine when idle or at
 *   the first move (`src/lessons/player/lesson-session.svelte.ts`; test/e2e/first-screen.spec.ts).
 *
 * Fails past a page's budget. Prints every chunk's weight, so docs/benchmarks.md can list them
 * (`-- --markdown` prints the table). Budgets are ratchets: lower them as the pages shrink,
 * raise one only for a reason written beside it. Both pages meet issue 9's 60 KB goal.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_KB = 60;
/**
 * A ratchet under the goal: the first lesson's weight on 2026-12-03 (55.2 KB), down from 87.5 KB
 * once the engine left the first page (the lesson ships its first screen; docs/benchmarks.md),
 * and from 113.4 KB before the cuts listed there. Raised once to 57 KB (56.6 KB): the log's marks
 * laid out so that no two overlap (issue 7) are drawn on the first lesson's first screen. Raised
 * again to 58 KB (57.2 KB): the picture's compact form and its fit for an embed's small frame
 * (issue 11) are part of the picture's own fit-to-screen code that the lesson also uses.
 */
export const LESSON_BUDGET_KB = 58;
export const GOAL_KB = 60;

const DIST = process.argv.find((a) => a.startsWith('--dist='))?.slice(7) ?? 'dist';
/** The lesson player, the one module a lesson page imports on top of the index. */
const LESSON_ENTRY = 'src/lessons/player/LessonPage.svelte';
/** The manifest's keys of the lessons' own chunks (one per lesson folder, sorted by number). */
const LESSON_DATA = 'virtual:lesson/';

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

interface ManifestChunk {
  file: string;
  src?: string;
  imports?: string[];
  css?: string[];
}

/** The files (scripts and styles) an entry loads: its own and every static import's, transitively. */
function staticClosure(manifest: Record<string, ManifestChunk>, key: string): string[] {
  const seen = new Set<string>();
  const visit = (k: string) => {
    if (seen.has(k) || !manifest[k]) return;
    seen.add(k);
    for (const i of manifest[k].imports ?? []) visit(i);
  };
  visit(key);
  return [...seen].flatMap((k) => [manifest[k].file, ...(manifest[k].css ?? [])]);
}

/**
 * The files each first page loads before anything is prefetched: the index's eager scripts and
 * styles; for the first lesson, those plus the lesson player's static closure and the first
 * lesson's own data chunk (`virtual:lesson/01-…`, which the player imports as soon as it opens).
 */
export function firstPages(dist: string): { index: string[]; lesson: Set<string> } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const index = eagerScripts(html);
  if (index.length === 0) throw new Error(`${dist}/index.html loads no module script`);
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  if (!manifest[LESSON_ENTRY]) throw new Error(`the build has no chunk for ${LESSON_ENTRY}`);
  const first = Object.keys(manifest)
    .filter((k) => k.startsWith(LESSON_DATA))
    .sort()[0];
  if (!first) throw new Error(`the build has no lesson chunk (${LESSON_DATA}…)`);
  const lesson = new Set([
    ...index,
    ...staticClosure(manifest, LESSON_ENTRY),
    ...staticClosure(manifest, first),
  ]);
  return { index, lesson };
}

function main(): void {
  const { index, lesson } = firstPages(DIST);

  const assets = readdirSync(join(DIST, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  const rows = assets
    .map((f) => {
      const file = join(DIST, 'assets', f);
      const name = `assets/${f}`;
      return {
        file: name,
        raw: statSync(file).size / 1024,
        gzip: gz(file),
        loaded: index.includes(name)
          ? 'first page'
          : lesson.has(name)
            ? 'first lesson'
            : 'on demand',
      };
    })
    .sort((a, b) => b.gzip - a.gzip);
  const sum = (files: Iterable<string>) =>
    rows
      .filter((r) => r.file.endsWith('.js') && [...files].includes(r.file))
      .reduce((n, r) => n + r.gzip, 0);
  const kb = (x: number) => `${x.toFixed(1)} KB`;
  if (process.argv.includes('--markdown')) {
    console.log('| chunk | loaded | size | gzipped |\n| --- | --- | --- | --- |');
    for (const r of rows)
      console.log(`| \`${r.file}\` | ${r.loaded} | ${kb(r.raw)} | ${kb(r.gzip)} |`);
  } else {
    for (const r of rows)
      console.log(`${r.loaded.padEnd(12)}  ${kb(r.gzip).padStart(9)} gz  ${r.file}`);
  }
  const pages = [
    { name: 'Lessons index (home)', total: sum(index), budget: BUDGET_KB },
    { name: 'First lesson', total: sum(lesson), budget: LESSON_BUDGET_KB },
  ];
  for (const p of pages) {
    const goal = p.total > GOAL_KB ? `, over the ${GOAL_KB} KB goal` : '';
    console.log(`${p.name} JavaScript: ${kb(p.total)} gzipped (budget ${p.budget} KB${goal}).`);
    if (p.total > p.budget) {
      console.error(
        `\n${p.name}: over budget by ${kb(p.total - p.budget)}: load the new part on demand.`,
      );
      process.exitCode = 1;
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
