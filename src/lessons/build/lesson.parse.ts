/**
 * Reads a lesson folder's `lesson.md` into a `Lesson` (build time and tests only: `marked` and
 * `yaml` are dev dependencies and never reach the browser). The format is documented in
 * docs/authoring-lessons.md. Problems are collected, not thrown, and each names the file, the
 * step (number and title) and what is wrong, so one build shows every mistake at once.
 */
import { marked, type Token, type Tokens } from 'marked';
import { parse as parseYaml } from 'yaml';
import type {
  Cue,
  FurtherReading,
  Highlight,
  Lesson,
  LessonStep,
  NumberRef,
  Question,
} from '../lesson.types.ts';
import { parseIsoTime } from '../../engine/time/time.logic.ts';
import { isUnifiedMeasure, WINDOW_REF } from '../lesson.unified.ts';
import {
  COLUMNS,
  compareRules,
  isColumn,
  parseColumns,
  pipelineRules,
} from './lesson.parse-compare.ts';

export interface LessonFiles {
  /** The folder name, e.g. `03-serving-merge`. */
  id: string;
  /** Path shown in messages, e.g. `src/lessons/03-serving-merge/lesson.md`. */
  path: string;
  markdown: string;
  /** Other files of the folder by name (scenario files). */
  files: Record<string, string>;
}

export type ParseResult = { ok: true; lesson: Lesson } | { ok: false; problems: string[] };

const FOLDER = /^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FRONT_KEYS = [
  'title',
  'summary',
  'scenario',
  'picture',
  'columns',
  'takeaways',
  'further-reading',
  'try',
];
const STEP_KEYS = ['cue', 'scenario', 'highlight', 'notes', 'question'];
const QUESTION_KEYS = ['ask', 'answer', 'value'];
const READING_KEYS = ['title', 'url', 'note'];
const MEASURES = ['served', 'truth', 'batch', 'speed', 'gap'];
/** Compare lessons only: the work a column has done so far (no day). */
const WORK_MEASURES = ['processed', 'batch-read'];
const DAY = /^(today|yesterday|\d{4}-\d{2}-\d{2})$/;

export type Where = (what: string) => string;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unknownKeys(obj: Record<string, unknown>, allowed: string[], where: Where, out: string[]) {
  for (const key of Object.keys(obj))
    if (!allowed.includes(key))
      out.push(where(`unknown field "${key}" (expected one of: ${allowed.join(', ')})`));
}

function text(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number') return String(v);
  return null;
}

/** `batch.published`, `batch.published 2nd` (or `2`), `2026-01-11T00:45:00Z`, `step 12`, `start`, `end`. */
export function parseCue(raw: unknown): Cue | string {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0)
    return { kind: 'position', position: raw };
  if (typeof raw !== 'string' || raw.trim() === '')
    return 'a cue is a step kind (e.g. "batch.published 2nd"), a time, "step N", "start" or "end"';
  const cue = raw.trim();
  if (cue === 'start') return { kind: 'position', position: 0 };
  if (cue === 'end') return { kind: 'end' };
  const step = /^step (\d+)$/.exec(cue);
  if (step) return { kind: 'position', position: Number(step[1]) };
  if (/^\d{4}-\d{2}-\d{2}T/.test(cue)) {
    const time = parseIsoTime(cue);
    if (time === null) return `"${cue}" is not an ISO-8601 date-time with a zone`;
    return { kind: 'time', time };
  }
  const kind = /^([a-z]+\.[a-z-]+)(?:\s+#?(\d+)(?:st|nd|rd|th)?)?$/.exec(cue);
  if (kind) {
    const occurrence = kind[2] === undefined ? 1 : Number(kind[2]);
    if (occurrence < 1) return `occurrence in "${cue}" counts from 1st`;
    return { kind: 'step-kind', stepKind: kind[1], occurrence };
  }
  return `"${cue}" is not a cue: use a step kind ("batch.published 2nd"), a time ("2026-01-11T00:45:00Z"), "step N", "start" or "end"`;
}

/** `job speed`, `record e7`, `day yesterday` / `day 2026-01-10`, `column kappa` (compare). */
export function parseHighlight(raw: unknown): Highlight | string {
  const m = typeof raw === 'string' ? /^(job|record|day|column)\s+(\S+)$/.exec(raw.trim()) : null;
  if (!m)
    return `highlight ${JSON.stringify(raw)} should read "job <name>", "record <event id>", "day <today|yesterday|YYYY-MM-DD>" or, in a compare lesson, "column <lambda|kappa|unified>"`;
  if (m[1] === 'job') return { kind: 'job', job: m[2] };
  if (m[1] === 'column') {
    if (!isColumn(m[2]))
      return `highlight "${raw}": the column is ${COLUMNS.join(', ')}, not "${m[2]}"`;
    return { kind: 'column', column: m[2] };
  }
  if (m[1] === 'record') return { kind: 'record', event: m[2] };
  if (!DAY.test(m[2])) return `highlight "${raw}": the day is today, yesterday or YYYY-MM-DD`;
  return { kind: 'day', day: m[2] };
}

/**
 * `served yesterday`, `truth 2026-01-10`, `gap today`; unified: `pane 12:00`, `dropped`;
 * compare lessons: `served kappa yesterday` (the column before the day), `processed kappa`,
 * `batch-read lambda`.
 */
export function parseNumberRef(raw: unknown): NumberRef | string {
  if (typeof raw === 'string' && raw.trim() === 'dropped') return { measure: 'dropped', day: '' };
  const work = typeof raw === 'string' ? /^([a-z-]+)\s+([a-z]+)$/.exec(raw.trim()) : null;
  if (work && WORK_MEASURES.includes(work[1]) && isColumn(work[2]))
    return { measure: work[1] as NumberRef['measure'], day: '', column: work[2] };
  const col = typeof raw === 'string' ? /^(\w+)\s+([a-z]+)\s+(\S+)$/.exec(raw.trim()) : null;
  if (col && MEASURES.includes(col[1]) && isColumn(col[2]) && DAY.test(col[3]))
    return { measure: col[1] as NumberRef['measure'], day: col[3], column: col[2] };
  const m = typeof raw === 'string' ? /^(\w+)\s+(\S+)$/.exec(raw.trim()) : null;
  if (m && isUnifiedMeasure(m[1]) && WINDOW_REF.test(m[2])) return { measure: m[1], day: m[2] };
  if (!m || !MEASURES.includes(m[1]) || !DAY.test(m[2]))
    return (
      `value ${JSON.stringify(raw)} should read "<${MEASURES.join('|')}> <today|yesterday|YYYY-MM-DD>", ` +
      `or in a unified run "<pane|sink|panes> <window start, e.g. 12:00, or a day>" or "dropped", ` +
      `or in a compare lesson "<measure> <column> <day>" (e.g. "served kappa today"), "processed <column>" or "batch-read <column>"`
    );
  return { measure: m[1] as NumberRef['measure'], day: m[2] };
}

function parseQuestion(raw: unknown, where: Where, out: string[]): Question | null {
  if (!isRecord(raw)) {
    out.push(where('question: expected fields ask, answer and value'));
    return null;
  }
  unknownKeys(raw, QUESTION_KEYS, (w) => where(`question: ${w}`), out);
  const ask = text(raw.ask);
  if (!ask) out.push(where('question: missing "ask" (the question the learner answers)'));
  const answer = raw.answer ?? 'number';
  if (answer !== 'number' && answer !== 'direction')
    out.push(where(`question: answer is "number" or "direction", not ${JSON.stringify(answer)}`));
  const value = parseNumberRef(raw.value);
  if (typeof value === 'string') out.push(where(`question: ${value}`));
  if (!ask || typeof value === 'string' || (answer !== 'number' && answer !== 'direction'))
    return null;
  return { kind: answer, ask, value };
}

function parseReading(raw: unknown, where: Where, out: string[]): FurtherReading | null {
  if (typeof raw === 'string' && raw.trim() !== '')
    return { title: raw.trim(), url: null, note: null };
  if (!isRecord(raw)) {
    out.push(where('further-reading: each entry is a title or { title, url, note }'));
    return null;
  }
  unknownKeys(raw, READING_KEYS, (w) => where(`further-reading: ${w}`), out);
  const title = text(raw.title);
  if (!title) {
    out.push(where('further-reading: an entry has no title'));
    return null;
  }
  const url = text(raw.url);
  if (url && !/^https?:\/\//.test(url))
    out.push(where(`further-reading: "${url}" is not an http(s) address`));
  return { title, url, note: text(raw.note) };
}

function strings(raw: unknown, field: string, where: Where, out: string[]): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.some((s) => text(s) === null)) {
    out.push(where(`${field}: expected a list of sentences`));
    return [];
  }
  return raw.map((s) => text(s) as string);
}

function splitFrontmatter(markdown: string): { front: string; body: string } | null {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(markdown);
  return m ? { front: m[1], body: m[2] } : null;
}

function readYaml(source: string, where: Where, out: string[]): unknown {
  try {
    return parseYaml(source);
  } catch (error) {
    out.push(
      where(`not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : error}`),
    );
    return undefined;
  }
}

function inlineHtml(markdown: string): string {
  return (marked.parseInline(markdown, { async: false }) as string).trim();
}

interface RawStep {
  title: string;
  settings: unknown;
  settingsCount: number;
  tokens: Token[];
}

function splitSteps(body: string, where: Where, out: string[]): RawStep[] {
  const steps: RawStep[] = [];
  for (const token of marked.lexer(body)) {
    if (token.type === 'heading' && (token as Tokens.Heading).depth === 2) {
      steps.push({
        title: (token as Tokens.Heading).text.trim(),
        settings: undefined,
        settingsCount: 0,
        tokens: [],
      });
      continue;
    }
    const current = steps.at(-1);
    if (!current) {
      if (token.type !== 'space')
        out.push(where('text before the first step (each step starts with a "## " heading)'));
      continue;
    }
    if (token.type === 'code' && /^(yaml\s+)?step$/.test((token as Tokens.Code).lang ?? '')) {
      current.settingsCount++;
      current.settings = (token as Tokens.Code).text;
      continue;
    }
    current.tokens.push(token);
  }
  return steps;
}

/** Parses one lesson folder. Scenario validity and cues are checked by `checkLesson` afterwards. */
export function parseLesson(input: LessonFiles): ParseResult {
  const out: string[] = [];
  const file: Where = (w) => `${input.path}: ${w}`;
  const folder = FOLDER.exec(input.id);
  if (!folder) out.push(file(`the folder name "${input.id}" should look like "03-serving-merge"`));

  const split = splitFrontmatter(input.markdown);
  if (!split)
    return {
      ok: false,
      problems: [file('missing frontmatter (a block between two "---" lines at the top)')],
    };
  const front = readYaml(split.front, (w) => file(`frontmatter: ${w}`), out);
  if (!isRecord(front)) {
    if (front !== undefined)
      out.push(file('frontmatter: expected fields such as title and scenario'));
    return { ok: false, problems: out };
  }
  unknownKeys(front, FRONT_KEYS, (w) => file(`frontmatter: ${w}`), out);
  const title = text(front.title);
  if (!title) out.push(file('frontmatter: missing title'));
  const summary = text(front.summary);
  if (!summary) out.push(file('frontmatter: missing summary'));
  const scenarioFile = text(front.scenario);
  let scenarioText = '';
  if (!scenarioFile)
    out.push(file('frontmatter: missing scenario (a scenario file in the lesson folder)'));
  else if (!(scenarioFile in input.files))
    out.push(file(`frontmatter: scenario "${scenarioFile}" is not a file in the lesson folder`));
  else scenarioText = input.files[scenarioFile];
  const scenarios: Record<string, string> = scenarioFile ? { [scenarioFile]: scenarioText } : {};
  const picture = front.picture ?? 'pipeline';
  if (picture !== 'pipeline' && picture !== 'compare')
    out.push(
      file(`frontmatter: picture is "pipeline" or "compare", not ${JSON.stringify(picture)}`),
    );
  const columns = parseColumns(front.columns, picture === 'compare', file, out);
  const takeaways = strings(front.takeaways, 'takeaways', (w) => file(`frontmatter: ${w}`), out);
  if (takeaways.length === 0)
    out.push(file('frontmatter: missing takeaways (what the learner should remember)'));
  const readingRaw = front['further-reading'];
  const furtherReading: FurtherReading[] = [];
  if (!Array.isArray(readingRaw) || readingRaw.length === 0)
    out.push(file('frontmatter: missing further-reading (a list of sources)'));
  else
    for (const r of readingRaw) {
      const reading = parseReading(r, (w) => file(`frontmatter: ${w}`), out);
      if (reading) furtherReading.push(reading);
    }
  const tryIt = text(front.try);
  if (!tryIt) out.push(file('frontmatter: missing try (what to change in the sandbox)'));

  const steps: LessonStep[] = [];
  const raw = splitSteps(split.body, file, out);
  if (raw.length === 0) out.push(file('no steps (each step starts with a "## " heading)'));
  raw.forEach((r, i) => {
    const where: Where = (w) => file(`step ${i + 1} "${r.title}": ${w}`);
    if (r.settingsCount === 0) {
      out.push(where('missing its ```step block (with at least a cue)'));
      return;
    }
    if (r.settingsCount > 1) out.push(where('has more than one ```step block'));
    // In YAML " #" starts a comment: `cue: batch.published #2` would silently mean the 1st.
    if (/^cue:[^'"\n]*\s#/m.test(String(r.settings)))
      out.push(
        where('cue: " #" starts a YAML comment; write the occurrence as "batch.published 2nd"'),
      );
    const settings = readYaml(String(r.settings), where, out);
    if (!isRecord(settings)) {
      if (settings !== undefined)
        out.push(where('the ```step block should hold fields such as cue'));
      return;
    }
    unknownKeys(settings, STEP_KEYS, where, out);
    if (settings.cue === undefined) out.push(where('missing cue'));
    const cue = settings.cue === undefined ? null : parseCue(settings.cue);
    if (typeof cue === 'string') out.push(where(`cue: ${cue}`));
    const list =
      settings.highlight === undefined
        ? []
        : Array.isArray(settings.highlight)
          ? settings.highlight
          : [settings.highlight];
    const highlights: Highlight[] = [];
    for (const h of list) {
      const highlight = parseHighlight(h);
      if (typeof highlight === 'string') out.push(where(highlight));
      else highlights.push(highlight);
    }
    let stepScenario = scenarioFile ?? '';
    if (settings.scenario !== undefined) {
      const named = text(settings.scenario);
      if (!named) out.push(where('scenario: expected a scenario file name'));
      else if (!(named in input.files))
        out.push(where(`scenario "${named}" is not a file in the lesson folder`));
      else {
        stepScenario = named;
        scenarios[named] = input.files[named];
      }
    }
    const notes = text(settings.notes);
    const question =
      settings.question === undefined ? null : parseQuestion(settings.question, where, out);
    if (picture === 'compare')
      compareRules(String(settings.cue), cue, highlights, question, columns, where, out);
    else pipelineRules(highlights, question, where, out);
    const html = marked.parser(r.tokens as Token[]).trim();
    if (html === '') out.push(where('has no narration'));
    if (cue && typeof cue !== 'string')
      steps.push({
        title: r.title,
        html,
        cue,
        cueText: String(settings.cue),
        highlights,
        notes: notes ? inlineHtml(notes) : null,
        question,
        scenarioFile: stepScenario,
      });
  });

  if (out.length > 0) return { ok: false, problems: out };
  return {
    ok: true,
    lesson: {
      id: input.id,
      number: Number(folder![1]),
      title: title!,
      summary: summary!,
      scenarioFile: scenarioFile!,
      scenarioText,
      scenarios,
      picture: picture as Lesson['picture'],
      columns,
      takeaways: takeaways.map(inlineHtml),
      furtherReading,
      tryIt: inlineHtml(tryIt!),
      steps,
    },
  };
}
