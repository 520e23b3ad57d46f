import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLesson } from '../../src/lessons/build/lesson.check.ts';
import { parseLesson } from '../../src/lessons/build/lesson.parse.ts';
import { catalogOf, loadLessons } from '../../src/lessons/build/lessons.plugin.ts';

const PATH = 'src/lessons/99-test/lesson.md';
const SCENARIO = readFileSync('src/lessons/01-the-log/scenario.json', 'utf8');

const FRONT = `---
title: A test lesson
summary: One line.
scenario: scenario.json
takeaways: [Something]
try: Change something.
further-reading:
  - title: A source
    url: https://example.org/
---
`;

function lesson(body: string, front = FRONT, scenario = SCENARIO) {
  return parseLesson({
    id: '99-test',
    path: PATH,
    markdown: front + body,
    files: { 'scenario.json': scenario },
  });
}

/** Parses and checks: every problem, as the build would report them. */
function problems(body: string, front = FRONT, scenario = SCENARIO): string[] {
  const parsed = lesson(body, front, scenario);
  if (!parsed.ok) return parsed.problems;
  return checkLesson(parsed.lesson, PATH);
}

const step = (title: string, settings: string, text = 'Some narration.') =>
  `\n## ${title}\n\n\`\`\`step\n${settings}\n\`\`\`\n\n${text}\n`;

describe('lesson validation', () => {
  it('accepts a well-formed lesson', () => {
    expect(problems(step('One', 'cue: start') + step('Two', 'cue: record.appended 2nd'))).toEqual(
      [],
    );
  });

  it('a step kind that never happens names the file, the step and the kind', () => {
    expect(problems(step('One', 'cue: start') + step('Hand-off', 'cue: batch.published'))).toEqual([
      `${PATH}: step 2 "Hand-off": cue "batch.published": "batch.published" never happens in this scenario`,
    ]);
  });

  it('an occurrence that does not exist says how many there are', () => {
    expect(problems(step('Deploy', 'cue: deploy.started 2nd'))[0]).toContain(
      'step 1 "Deploy": cue "deploy.started 2nd": "deploy.started" happens only 1 time in this scenario, not 2',
    );
  });

  it('an occurrence written with "#" (a YAML comment) is refused, not silently the 1st', () => {
    expect(problems(step('Two', 'cue: record.appended #2'))).toEqual([
      `${PATH}: step 1 "Two": cue: " #" starts a YAML comment; write the occurrence as "batch.published 2nd"`,
    ]);
  });

  it('a time outside the run is refused', () => {
    expect(problems(step('Late', 'cue: 2026-12-01T00:00:00Z'))[0]).toMatch(
      /step 1 "Late": cue "2026-12-01T00:00:00Z": 2026-12-01T00:00:00.000Z is outside the run/,
    );
  });

  it('cues out of order are refused', () => {
    const found = problems(
      step('After', 'cue: serving.switched') + step('Before', 'cue: deploy.started'),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('step 2 "Before": cue "deploy.started"');
    expect(found[0]).toContain('comes before the cue of step 1 "After"');
  });

  it('an unknown field is refused, in the frontmatter and in a step', () => {
    expect(problems(step('One', 'cue: start\ncolour: red'))).toEqual([
      `${PATH}: step 1 "One": unknown field "colour" (expected one of: cue, highlight, notes, question)`,
    ]);
    expect(
      problems(step('One', 'cue: start'), FRONT.replace('summary:', 'author: me\nsummary:')),
    ).toEqual([
      `${PATH}: frontmatter: unknown field "author" (expected one of: title, summary, scenario, picture, takeaways, further-reading, try)`,
    ]);
  });

  it('a missing title is refused', () => {
    expect(
      problems(step('One', 'cue: start'), FRONT.replace('title: A test lesson\n', '')),
    ).toEqual([`${PATH}: frontmatter: missing title`]);
  });

  it("an invalid scenario is refused with the engine's message", () => {
    const found = problems(
      step('One', 'cue: start'),
      FRONT,
      '{ "architecture": "gamma", "events": [] }',
    );
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(
      /^src\/lessons\/99-test\/lesson.md: scenario "scenario.json" is invalid: architecture/,
    );
  });

  it('a step without a cue, a bad highlight or a bad question value is refused', () => {
    expect(problems(step('One', 'notes: hi'))).toContain(`${PATH}: step 1 "One": missing cue`);
    expect(problems(step('One', 'cue: start\nhighlight: job nobody'))[0]).toContain(
      'highlight "job nobody": this run has no such job',
    );
    expect(
      problems(step('One', 'cue: end\nquestion:\n  ask: How many?\n  value: served tomorrow'))[0],
    ).toContain('question: value "served tomorrow" should read');
    expect(
      problems(step('One', 'cue: end\nquestion:\n  ask: How many?\n  value: batch today'))[0],
    ).toContain('question: "batch" exists only in Lambda runs');
  });

  it('text before the first step is refused', () => {
    expect(problems('Hello\n' + step('One', 'cue: start'))).toEqual([
      `${PATH}: text before the first step (each step starts with a "## " heading)`,
    ]);
  });
});

describe('the shipped lessons', () => {
  const loaded = loadLessons('src/lessons');

  it('all parse and check against their scenarios', () => {
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
  });

  it('are numbered in order from 1, and the catalog lists them all', () => {
    if (!loaded.ok) return;
    expect(loaded.lessons.map((l) => l.number)).toEqual(loaded.lessons.map((_, i) => i + 1));
    expect(catalogOf(loaded.lessons).map((l) => l.id)).toEqual(loaded.lessons.map((l) => l.id));
  });

  it('render markdown to HTML at build time', () => {
    if (!loaded.ok) return;
    const first = loaded.lessons[0];
    expect(first.steps[0].html).toMatch(/^<p>/);
    expect(first.takeaways[0]).toContain('<strong>');
  });
});
