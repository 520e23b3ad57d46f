/**
 * A small Vite plugin: reads every lesson folder `src/lessons/NN-slug/` at build time, parses
 * `lesson.md` with `marked` and `yaml` and checks it against the engine, then serves virtual
 * modules: `virtual:lesson-catalog` (titles and summaries, for the first page),
 * `virtual:lesson-loaders` (one loader per lesson, so a lesson page loads only its own lesson:
 * `virtual:lesson/<id>`, also what an embedded lesson loads; a pipeline lesson's chunk carries its
 * first screen, computed here by the engine: `lesson.first-screen.ts`). Any problem fails the build (and shows
 * Vite's overlay in development) with messages naming the file, the step and what is wrong.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import type { Lesson, LessonEntry } from '../lesson.types.ts';
import { checkLesson } from './lesson.check.ts';
import { shippedLesson } from './lesson.first-screen.ts';
import { parseLesson } from './lesson.parse.ts';

const CATALOG = 'virtual:lesson-catalog';
/** `virtual:lesson-loaders`: one loader per lesson id, so a lesson page loads only its lesson. */
const LOADERS = 'virtual:lesson-loaders';
/** `virtual:lesson/<id>`: one lesson (what the player needs). */
const ONE = 'virtual:lesson/';

export type LoadResult = { ok: true; lessons: Lesson[] } | { ok: false; problems: string[] };

/** Reads, parses and checks every lesson folder under `dir` (folders sorted by name). */
export function loadLessons(dir: string, root = process.cwd()): LoadResult {
  const problems: string[] = [];
  const lessons: Lesson[] = [];
  const folders = readdirSync(dir)
    .filter((name) => /^\d{2}-/.test(name) && statSync(join(dir, name)).isDirectory())
    .sort();
  for (const id of folders) {
    const folder = join(dir, id);
    const path = relative(root, join(folder, 'lesson.md'));
    const names = readdirSync(folder);
    if (!names.includes('lesson.md')) {
      problems.push(`${relative(root, folder)}: missing lesson.md`);
      continue;
    }
    const files: Record<string, string> = {};
    for (const name of names)
      if (name !== 'lesson.md' && name.endsWith('.json'))
        files[name] = readFileSync(join(folder, name), 'utf8');
    const parsed = parseLesson({
      id,
      path,
      markdown: readFileSync(join(folder, 'lesson.md'), 'utf8'),
      files,
    });
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    const found = checkLesson(parsed.lesson, path);
    if (found.length > 0) problems.push(...found);
    else lessons.push(parsed.lesson);
  }
  const numbers = new Map<number, string>();
  for (const l of lessons) {
    const other = numbers.get(l.number);
    if (other) problems.push(`src/lessons: ${other} and ${l.id} have the same number`);
    numbers.set(l.number, l.id);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lessons };
}

export function catalogOf(lessons: Lesson[]): LessonEntry[] {
  return lessons.map((l) => ({
    id: l.id,
    number: l.number,
    title: l.title,
    summary: l.summary,
    steps: l.steps.length,
  }));
}

export function lessonsPlugin(dir: string): Plugin {
  /** Read once per build (and again after a lesson file changes in development). */
  let cached: LoadResult | null = null;
  const isOurs = (id: string) => id === CATALOG || id === LOADERS;
  return {
    name: 'lambda-kappa-lessons',
    resolveId(id) {
      if (isOurs(id) || id.startsWith(ONE)) return `\0${id}`;
      return null;
    },
    watchChange() {
      cached = null;
    },
    load(id) {
      if (!id.startsWith('\0') || !(isOurs(id.slice(1)) || id.startsWith(`\0${ONE}`))) return null;
      this.addWatchFile(dir);
      for (const name of readdirSync(dir)) {
        const folder = join(dir, name);
        if (!/^\d{2}-/.test(name) || !statSync(folder).isDirectory()) continue;
        for (const file of readdirSync(folder)) this.addWatchFile(join(folder, file));
      }
      const result = (cached ??= loadLessons(dir));
      if (!result.ok) this.error(`Lessons are invalid:\n${result.problems.join('\n')}`);
      const lessons = result.lessons;
      if (id === `\0${CATALOG}`) return `export default ${JSON.stringify(catalogOf(lessons))};`;
      if (id === `\0${LOADERS}`)
        return `export default {${lessons
          .map((l) => `${JSON.stringify(l.id)}: () => import(${JSON.stringify(ONE + l.id)})`)
          .join(',')}};`;
      const lesson = lessons.find((l) => `\0${ONE}${l.id}` === id);
      if (!lesson) this.error(`There is no lesson "${id.slice(ONE.length + 1)}"`);
      return `export default ${JSON.stringify(shippedLesson(lesson))};`;
    },
  };
}
