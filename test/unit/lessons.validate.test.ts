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

/** A second scenario for steps that name one: the same sign-ups, no deploy, one more event. */
const OTHER = JSON.stringify({
  ...JSON.parse(SCENARIO),
  faults: [],
  events: [...JSON.parse(SCENARIO).events, { id: 'e7', user: 'fay', time: '2026-11-23T14:10:00Z' }],
});

function lesson(body: string, front = FRONT, scenario = SCENARIO, other = OTHER) {
  return parseLesson({
    id: '99-test',
    path: PATH,
    markdown: front + body,
    files: { 'scenario.json': scenario, 'other.json': other },
  });
}

/** Parses and checks: every problem, as the build would report them. */
function problems(body: string, front = FRONT, scenario = SCENARIO, other = OTHER): string[] {
  const parsed = lesson(body, front, scenario, other);
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
      `${PATH}: step 1 "One": unknown field "colour" (expected one of: cue, scenario, highlight, notes, question)`,
    ]);
    expect(
      problems(step('One', 'cue: start'), FRONT.replace('summary:', 'author: me\nsummary:')),
    ).toEqual([
      `${PATH}: frontmatter: unknown field "author" (expected one of: title, summary, scenario, picture, columns, takeaways, further-reading, try)`,
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

  it('a step may play another scenario file of the folder; its cues are checked against that run', () => {
    const parsed = lesson(
      step('One', 'cue: serving.switched') +
        step('Other', 'cue: record.appended 7th\nscenario: other.json\nhighlight: record e7'),
    );
    expect(parsed.ok && parsed.lesson.steps.map((s) => s.scenarioFile)).toEqual([
      'scenario.json',
      'other.json',
    ]);
    expect(parsed.ok && Object.keys(parsed.lesson.scenarios)).toEqual([
      'scenario.json',
      'other.json',
    ]);
    expect(parsed.ok && checkLesson(parsed.lesson, PATH)).toEqual([]);
    // The main scenario has six events and a deploy; the other has seven and no deploy.
    expect(problems(step('Seven', 'cue: record.appended 7th'))[0]).toContain(
      'happens only 6 times in this scenario, not 7',
    );
    expect(problems(step('One', 'cue: deploy.started\nscenario: other.json'))).toEqual([
      `${PATH}: step 1 "One": cue "deploy.started": "deploy.started" never happens in this scenario`,
    ]);
    expect(
      problems(step('One', 'cue: start\nscenario: other.json\nhighlight: job v2'))[0],
    ).toContain('highlight "job v2": this run has no such job');
  });

  it('cue order is checked only within a run of steps on the same scenario', () => {
    // Back to the start of another scenario is fine; going back within it is not.
    expect(
      problems(
        step('Late', 'cue: end') +
          step('Early elsewhere', 'cue: start\nscenario: other.json') +
          step('Back home', 'cue: record.appended 1st'),
      ),
    ).toEqual([]);
    const found = problems(
      step('Late', 'cue: end\nscenario: other.json') +
        step('Early', 'cue: record.appended 2nd\nscenario: other.json'),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('step 2 "Early": cue "record.appended 2nd"');
    expect(found[0]).toContain('cues must be in order');
  });

  it('a step naming a missing or invalid scenario file is refused with its name', () => {
    expect(problems(step('One', 'cue: start\nscenario: nowhere.json'))).toEqual([
      `${PATH}: step 1 "One": scenario "nowhere.json" is not a file in the lesson folder`,
    ]);
    const found = problems(
      step('One', 'cue: start') + step('Two', 'cue: start\nscenario: other.json'),
      FRONT,
      SCENARIO,
      '{ "architecture": "lambda" }',
    );
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(
      /^src\/lessons\/99-test\/lesson.md: scenario "other.json" is invalid: /,
    );
  });

  it('text before the first step is refused', () => {
    expect(problems('Hello\n' + step('One', 'cue: start'))).toEqual([
      `${PATH}: text before the first step (each step starts with a "## " heading)`,
    ]);
  });
});

describe('compare lesson validation (picture: compare)', () => {
  const COMPARE_SCENARIO = readFileSync(
    'src/lessons/09-lambda-and-kappa-side-by-side/scenario.json',
    'utf8',
  );
  const COMPARE_FRONT = FRONT.replace(
    'scenario: scenario.json',
    'scenario: scenario.json\npicture: compare',
  );
  const compare = (body: string, front = COMPARE_FRONT) =>
    problems(body, front, COMPARE_SCENARIO, COMPARE_SCENARIO);

  it('accepts step kinds of any column, times, and questions that name their column', () => {
    expect(
      compare(
        step('One', 'cue: start\nhighlight: column kappa') +
          step('Batch', 'cue: batch.published 2nd\nhighlight: job batch') +
          step('Noon', 'cue: 2026-11-23T12:00:00Z\nhighlight: day today') +
          step(
            'Deploy',
            'cue: deploy.started\nhighlight: job v2\nquestion:\n  ask: How many?\n  value: served kappa yesterday',
          ) +
          step('Cost', 'cue: end\nquestion:\n  ask: How many?\n  value: batch-read lambda') +
          step('Truth', 'cue: end\nquestion:\n  ask: How many?\n  value: truth today'),
      ),
    ).toEqual([]);
  });

  it('a step number cue is refused: each column takes its own steps', () => {
    expect(compare(step('Ten', 'cue: step 10'))).toEqual([
      `${PATH}: step 1 "Ten": cue "step 10": a compare lesson cannot cue a step number (each column takes its own steps); use a step kind, a time, "start" or "end"`,
    ]);
  });

  it('a question must say which column its number is from, and that column must be shown', () => {
    expect(
      compare(step('Q', 'cue: end\nquestion:\n  ask: How many?\n  value: served today')),
    ).toEqual([
      `${PATH}: step 1 "Q": question: say which column the number is from, e.g. "served lambda today" (columns: lambda, kappa)`,
    ]);
    expect(
      compare(step('Q', 'cue: end\nquestion:\n  ask: How many?\n  value: served unified today')),
    ).toEqual([
      `${PATH}: step 1 "Q": question: column "unified" is not shown (the columns are lambda, kappa)`,
    ]);
    expect(
      compare(step('Q', 'cue: end\nquestion:\n  ask: How many?\n  value: batch kappa today'))[0],
    ).toBe(
      `${PATH}: step 1 "Q": question: "batch" does not exist in the kappa column (batch and speed exist only in Lambda, batch-read only where there is a batch layer)`,
    );
    expect(
      compare(step('Q', 'cue: end\nquestion:\n  ask: How many?\n  value: batch-read kappa'))[0],
    ).toContain('question: "batch-read" does not exist in the kappa column');
    expect(
      compare(step('Q', 'cue: end\nquestion:\n  ask: How many?\n  value: pane 12:00'))[0],
    ).toBe(`${PATH}: step 1 "Q": question: "pane" cannot be asked in a compare lesson`);
  });

  it('record highlights, unknown jobs and columns not shown are refused', () => {
    expect(compare(step('R', 'cue: end\nhighlight: record e1'))).toEqual([
      `${PATH}: step 1 "R": highlight "record e1": the compare picture draws no records; highlight a job, a day or a column`,
    ]);
    expect(compare(step('C', 'cue: end\nhighlight: column unified'))).toEqual([
      `${PATH}: step 1 "C": highlight "column unified": this lesson's columns are lambda, kappa`,
    ]);
    expect(compare(step('J', 'cue: end\nhighlight: job v3'))[0]).toBe(
      `${PATH}: step 1 "J": highlight "job v3": no column has such a job (they have speed, batch, v1, v2)`,
    );
  });

  it('a step kind resolves in the first column that has it; missing ones say where they looked', () => {
    expect(compare(step('S', 'cue: batch.published 4th'))).toEqual([
      `${PATH}: step 1 "S": cue "batch.published 4th": "batch.published" happens only 3 times in the Lambda column, the first that has it, not 4`,
    ]);
    expect(compare(step('S', 'cue: replay.started 1st'))[0]).toContain('cue "replay.started 1st"');
    expect(compare(step('S', 'cue: record.crashed'))[0]).toContain('is not a step kind');
    expect(compare(step('S', 'cue: 2026-11-25T00:00:00Z'))[0]).toMatch(
      /step 1 "S": cue "2026-11-25T00:00:00Z": 2026-11-25T00:00:00.000Z is outside the run/,
    );
    const order = compare(
      step('A', 'cue: serving.switched') + step('B', 'cue: batch.published 2nd'),
    );
    expect(order).toHaveLength(1);
    expect(order[0]).toContain('step 2 "B": cue "batch.published 2nd"');
    expect(order[0]).toContain('cues must be in order');
  });

  it('columns belong to compare lessons; column highlights and questions too', () => {
    expect(
      problems(step('One', 'cue: start'), FRONT.replace('try:', 'columns: [lambda]\ntry:')),
    ).toEqual([`${PATH}: frontmatter: columns is only for a lesson with "picture: compare"`]);
    expect(
      compare(
        step('One', 'cue: start'),
        COMPARE_FRONT.replace('try:', 'columns: [lambda, gamma]\ntry:'),
      ),
    ).toEqual([
      `${PATH}: frontmatter: columns is a list of different architectures among lambda, kappa, unified, not ["lambda","gamma"]`,
    ]);
    expect(problems(step('One', 'cue: start\nhighlight: column kappa'))).toEqual([
      `${PATH}: step 1 "One": highlight "column kappa": only a lesson with "picture: compare" has columns`,
    ]);
    expect(
      problems(step('One', 'cue: end\nquestion:\n  ask: How many?\n  value: served kappa today')),
    ).toEqual([
      `${PATH}: step 1 "One": question: value names column "kappa", which only a lesson with "picture: compare" has`,
    ]);
  });
});

describe('the shipped lessons', () => {
  const loaded = loadLessons('src/lessons');

  it('all parse and check against their scenarios', () => {
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
  });

  it('are numbered in order from 1, each number once, and the catalog lists them all', () => {
    if (!loaded.ok) return;
    const numbers = loaded.lessons.map((l) => l.number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(catalogOf(loaded.lessons).map((l) => l.id)).toEqual(loaded.lessons.map((l) => l.id));
  });

  it('render markdown to HTML at build time', () => {
    if (!loaded.ok) return;
    const first = loaded.lessons[0];
    expect(first.steps[0].html).toMatch(/^<p>/);
    expect(first.takeaways[0]).toContain('<strong>');
  });
});
