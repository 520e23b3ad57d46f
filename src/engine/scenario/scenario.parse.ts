/**
 * Reading a scenario file: JSON syntax, then structure (valibot, `scenario.schema.ts`), then the
 * checks and defaults of `scenario.normalize.ts`. Every problem found at a stage is reported, one
 * per problem, in document order, each naming where it is (`events[3].time`) and what was
 * expected and found. The CLI prints them one a line; the browser lists them.
 */
import * as v from 'valibot';
import { formatPath, formatProblem, type PathKey, type PathProblem } from './scenario.checks.ts';
import { findJsonSyntaxError } from './scenario.json.ts';
import { normalizeScenario } from './scenario.normalize.ts';
import { ScenarioInputSchema } from './scenario.schema.ts';
import type { ParseResult, ScenarioInput, ScenarioProblem } from './scenario.types.ts';

export { formatPath, formatProblem };

/** Parses the text of a scenario file (JSON). A syntax error is one problem at `(json)`. */
export function parseScenarioText(text: string): ParseResult {
  // Editors on Windows like to start files with a byte-order mark; JSON.parse refuses it.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    return { ok: false, problems: [{ path: '(json)', message: jsonMessage(source, error) }] };
  }
  return parseScenario(value);
}

/**
 * Validates a parsed scenario (any value, e.g. from `JSON.parse`) and normalizes it. The input
 * is not modified; `input` in the result is a validated copy of it.
 */
export function parseScenario(value: unknown): ParseResult {
  const parsed = v.safeParse(ScenarioInputSchema, value);
  if (!parsed.success) {
    return { ok: false, problems: inDocumentOrder(issueProblems(parsed.issues), value) };
  }
  const input: ScenarioInput = parsed.output;
  const normalized = normalizeScenario(input);
  if (!normalized.ok) return { ok: false, problems: inDocumentOrder(normalized.problems, value) };
  return { ok: true, scenario: normalized.scenario, input };
}

function jsonMessage(text: string, error: unknown): string {
  let found = null;
  try {
    found = findJsonSyntaxError(text);
  } catch {
    // A nesting too deep for the scanner's recursion: fall back to the engine's own words.
  }
  if (found)
    return `not valid JSON: ${found.message} at line ${found.line}, column ${found.column}`;
  const reported = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(reported);
  const words = reported
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .replace(/\s*at position \d+.*$/s, '');
  if (!position) return `not valid JSON: ${words}`;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `not valid JSON: ${words} at line ${line}, column ${column}`;
}

/** Valibot issues as problems: one per path, and one per unknown field (valibot names only the first). */
function issueProblems(issues: readonly v.BaseIssue<unknown>[]): PathProblem[] {
  const problems: PathProblem[] = [];
  const seen = new Set<string>();
  const add = (path: PathKey[], message: string) => {
    const key = formatPath(path);
    if (seen.has(key)) return; // a pipe's later checks on a value already reported
    seen.add(key);
    problems.push({ path, message });
  };
  for (const issue of issues) {
    const items = issue.path ?? [];
    const path = items.map((item): PathKey =>
      typeof item.key === 'number' ? item.key : String(item.key),
    );
    const last = items.at(-1);
    if (issue.type === 'strict_object' && issue.expected === 'never' && last) {
      const known = knownFieldsAt(path.slice(0, -1), last.input);
      const unknown = known ? Object.keys(last.input as object).filter((k) => !known.has(k)) : [];
      for (const key of unknown.length ? unknown : [String(last.key)]) {
        add([...path.slice(0, -1), key], issue.message);
      }
    } else add(path, issue.message);
  }
  return problems;
}

/** The parts of a valibot schema this file walks; valibot's own types are too generic to walk. */
interface SchemaNode {
  type: string;
  entries?: Record<string, SchemaNode>;
  item?: SchemaNode;
  wrapped?: SchemaNode;
  options?: SchemaNode[];
  key?: string;
  literal?: unknown;
  kind?: string;
  pipe?: SchemaNode[];
}

/** The field names the schema allows for the object at `path` (whose value is `parent`). */
function knownFieldsAt(path: readonly PathKey[], parent: unknown): Set<string> | null {
  let node: SchemaNode | undefined = ScenarioInputSchema as unknown as SchemaNode;
  for (const key of path) {
    node = unwrap(node);
    node = typeof key === 'number' ? node?.item : node?.entries?.[key];
  }
  node = unwrap(node);
  if (node?.type === 'variant' && parent && typeof parent === 'object') {
    const discriminator = node.key ?? '';
    const kind = (parent as Record<string, unknown>)[discriminator];
    node = node.options?.find((option) => option.entries?.[discriminator]?.literal === kind);
  }
  return node?.entries ? new Set(Object.keys(node.entries)) : null;
}

/** Through `optional` and pipes (a pipe's last schema is what its value must be). */
function unwrap(node: SchemaNode | undefined): SchemaNode | undefined {
  for (;;) {
    if (node?.type === 'optional') node = node.wrapped;
    else if (node?.pipe) {
      const self: SchemaNode = node;
      node = [...node.pipe].reverse().find((item) => item.kind === 'schema' && item !== self);
    } else return node;
  }
}

/**
 * Problems sorted by where their path points in the document (object keys in written order,
 * missing keys after their siblings), each formatted. The sort is stable.
 */
function inDocumentOrder(problems: readonly PathProblem[], doc: unknown): ScenarioProblem[] {
  const placed = problems.map((p) => ({ p, position: positionOf(p.path, doc) }));
  placed.sort((a, b) => comparePositions(a.position, b.position));
  return placed.map(({ p }) => ({ path: formatPath(p.path), message: p.message }));
}

function positionOf(path: readonly PathKey[], doc: unknown): number[] {
  const position: number[] = [];
  let node = doc;
  for (const key of path) {
    if (typeof key === 'number' || !node || typeof node !== 'object') {
      position.push(typeof key === 'number' ? key : 0);
    } else {
      const keys = Object.keys(node);
      const index = keys.indexOf(key);
      position.push(index < 0 ? keys.length : index);
    }
    node = node && typeof node === 'object' ? (node as Record<PathKey, unknown>)[key] : undefined;
  }
  return position;
}

function comparePositions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}
