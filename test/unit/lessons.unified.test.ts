/**
 * Questions about a unified run: the latest pane of a window, what the sink holds for it, how
 * many panes it fired, and the records dropped, read from the engine at the cue (never typed into
 * the lesson), refused with a clear message when the run is not unified or the window never
 * exists. Checked on the three unified lessons' own scenarios.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseScenarioText, Simulation } from '../../src/engine/index.ts';
import { checkLesson } from '../../src/lessons/build/lesson.check.ts';
import { parseLesson, parseNumberRef } from '../../src/lessons/build/lesson.parse.ts';
import { describeRef, resolveCue, valueOn, viewAt } from '../../src/lessons/lesson.cues.ts';
import { sinkReasons } from '../../src/lessons/lesson.unified.ts';
import { installUnifiedReasons } from '../../src/engine/arch/unified/unified.reasons.ts';

installUnifiedReasons();

const PATH = 'src/lessons/99-test/lesson.md';
const DIR = 'src/lessons/13-triggers-and-accumulation/';
const ACCUMULATING = readFileSync(`${DIR}scenario.json`, 'utf8');
const ADD_ALL = readFileSync(`${DIR}add-all.json`, 'utf8');
const LAMBDA = readFileSync('src/lessons/01-the-log/scenario.json', 'utf8');

const FRONT = `---
title: A test lesson
summary: One line.
scenario: scenario.json
takeaways: [Something]
try: Change something.
further-reading:
  - title: A source
---
`;

const step = (title: string, settings: string) =>
  `\n## ${title}\n\n\`\`\`step\n${settings}\n\`\`\`\n\nSome narration.\n`;

function problems(body: string, scenario = ACCUMULATING): string[] {
  const parsed = parseLesson({
    id: '99-test',
    path: PATH,
    markdown: FRONT + body,
    files: { 'scenario.json': scenario },
  });
  if (!parsed.ok) return parsed.problems;
  return checkLesson(parsed.lesson, PATH);
}

function simulationOf(text: string): Simulation {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return Simulation.create(parsed.scenario);
}

/** The engine's number for `value` after the `n`-th step of `kind`. */
function valueAfter(text: string, kind: string, n: number, value: string): number | null {
  const simulation = simulationOf(text);
  const cue = resolveCue(simulation, { kind: 'step-kind', stepKind: kind, occurrence: n });
  if (!cue.ok) throw new Error(cue.problem);
  const ref = parseNumberRef(value);
  if (typeof ref === 'string') throw new Error(ref);
  return valueOn(viewAt(simulation, cue.position), ref.measure, ref.day);
}

/** The engine's reasons a `sink` question's window differs from truth after the cue. */
function reasonsAfter(text: string, kind: string, n: number, ref: string) {
  const simulation = simulationOf(text);
  const cue = resolveCue(simulation, { kind: 'step-kind', stepKind: kind, occurrence: n });
  if (!cue.ok) throw new Error(cue.problem);
  return sinkReasons(simulation, viewAt(simulation, cue.position), ref).map((r) => [
    r.kind,
    r.count,
  ]);
}

describe('a sink question reveals why the window differs from its truth', () => {
  const lesson12 = (file: string) =>
    readFileSync(`src/lessons/12-watermarks-and-late-data/${file}`, 'utf8');
  it('the add-all sink: 5 + 5 + 14 = 24 against 14, the earlier panes counted again', () => {
    expect(reasonsAfter(ADD_ALL, 'pane.fired', 7, '12:00')).toEqual([['add-all', 10]]);
    expect(reasonsAfter(ACCUMULATING, 'pane.fired', 7, '12:00')).toEqual([]);
  });
  it("Frank's 9: not arrived yet within allowed lateness; dropped without it", () => {
    expect(reasonsAfter(lesson12('lateness.json'), 'pane.fired', 3, '12:00')).toEqual([
      ['not-arrived', -9],
    ]);
    expect(reasonsAfter(lesson12('heuristic.json'), 'record.dropped', 1, '12:00')).toEqual([
      ['dropped', -9],
    ]);
  });
  it('another architecture has no window to explain', () => {
    expect(reasonsAfter(LAMBDA, 'record.appended', 1, '12:00')).toEqual([]);
  });
});

describe('unified question measures', () => {
  it('parses pane, sink and panes of a window, and dropped', () => {
    expect(parseNumberRef('pane 12:00')).toEqual({ measure: 'pane', day: '12:00' });
    expect(parseNumberRef('sink today')).toEqual({ measure: 'sink', day: 'today' });
    expect(parseNumberRef('panes 12:00:30')).toEqual({ measure: 'panes', day: '12:00:30' });
    expect(parseNumberRef('dropped')).toEqual({ measure: 'dropped', day: '' });
    expect(parseNumberRef('pane noon')).toMatch(/should read/);
    expect(parseNumberRef('served 12:00')).toMatch(/should read/);
  });

  it('reads the engine: fig. 2-11 panes for 12:00–12:02 are 5, 5, then the late 14', () => {
    expect(valueAfter(ACCUMULATING, 'pane.fired', 1, 'pane 12:00')).toBe(5);
    expect(valueAfter(ACCUMULATING, 'pane.fired', 2, 'panes 12:00')).toBe(2);
    expect(valueAfter(ACCUMULATING, 'pane.fired', 7, 'pane 12:00')).toBe(14);
    expect(valueAfter(ACCUMULATING, 'pane.fired', 7, 'sink 12:00')).toBe(14);
    expect(valueAfter(ACCUMULATING, 'pane.fired', 7, 'panes 12:00')).toBe(3);
    // A window with no pane yet holds nothing.
    expect(valueAfter(ACCUMULATING, 'pane.fired', 1, 'sink 12:06')).toBe(0);
  });

  it('the add-all sink adds accumulating panes: 5 + 5 + 14', () => {
    expect(valueAfter(ADD_ALL, 'pane.fired', 7, 'sink 12:00')).toBe(24);
  });

  it('dropped counts the records past allowed lateness', () => {
    const text = readFileSync('src/lessons/12-watermarks-and-late-data/heuristic.json', 'utf8');
    expect(valueAfter(text, 'record.dropped', 1, 'dropped')).toBe(1);
    expect(valueAfter(text, 'pane.fired', 1, 'dropped')).toBe(0);
  });

  it('describes the number in words', () => {
    expect(describeRef({ measure: 'sink', day: '12:00' }, '12:00')).toBe(
      'what the sink holds for the window starting 12:00',
    );
  });

  it('refuses a unified measure in a Lambda or Kappa run, and a window the run never has', () => {
    expect(
      problems(
        step('One', 'cue: end\nquestion:\n  ask: How many?\n  value: pane 12:00'),
        LAMBDA,
      )[0],
    ).toContain('question: "pane" exists only in unified runs');
    expect(
      problems(step('One', 'cue: end\nquestion:\n  ask: How many?\n  value: sink 13:00'))[0],
    ).toContain('question: no window starts at 13:00 in this run');
    expect(
      problems(
        step('One', 'cue: pane.fired 7th\nquestion:\n  ask: How many?\n  value: pane 12:00'),
      ),
    ).toEqual([]);
  });
});
