// @vitest-environment node
/**
 * The sandbox's unified settings: each one edits the scenario's `unified` section and changes the
 * run; a link reproduces the edited unified sandbox; a bad value is refused with a message naming
 * the field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  formatProblem,
  parseScenarioText,
  runScenario,
  type ScenarioInput,
} from '../../src/engine/index.ts';
import {
  withArchitecture,
  withUnified,
  type UnifiedPatch,
} from '../../src/app/sandbox/sandbox.logic.ts';
import {
  linkedScenarioFor,
  readSandboxQuery,
  resolveLinkedScenario,
  writeSandboxQuery,
} from '../../src/app/links/sandbox-link.ts';

const FILE = '28-streaming-systems-fig-2-11-early-late-heuristic';
const base = JSON.parse(readFileSync(`scenarios/${FILE}.json`, 'utf8')) as ScenarioInput;
const bases = [{ id: FILE, input: base as unknown as Record<string, unknown> }];

function run(input: ScenarioInput) {
  const parsed = parseScenarioText(JSON.stringify(input));
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return runScenario(parsed.scenario);
}

function problems(input: ScenarioInput): string[] {
  const parsed = parseScenarioText(JSON.stringify(input));
  return parsed.ok ? [] : parsed.problems.map(formatProblem);
}

/** Every sandbox control's change, as the sandbox applies it. */
const CHANGES: [string, UnifiedPatch][] = [
  ['window size', { window: '4m' }],
  ['aggregate', { aggregate: 'count' }],
  ['watermark kind', { watermark: { kind: 'perfect' } }],
  ['watermark bound', { watermark: { kind: 'heuristic', bound: '3m' } }],
  ['idleness', { watermark: { kind: 'heuristic', bound: '1m', idleAfter: '30s' } }],
  ['allowed lateness', { allowedLateness: '0s' }],
  ['early trigger', { triggers: { early: null } }],
  ['on-time pane', { triggers: { onTime: false } }],
  ['late trigger', { triggers: { late: { kind: 'processing-time', delay: '2m' } } }],
  ['accumulation', { accumulation: 'retracting' }],
  ['sink', { sink: 'add-all' }],
];

describe('unified sandbox settings', () => {
  const before = JSON.stringify(run(base));

  test.each(CHANGES)('the %s control changes the run', (_, patch) => {
    const edited = withUnified(base, patch);
    expect(base.unified, 'the input given is not changed').toEqual(
      JSON.parse(readFileSync(`scenarios/${FILE}.json`, 'utf8')).unified,
    );
    expect(JSON.stringify(run(edited))).not.toBe(before);
  });

  test('a link reproduces a unified sandbox with all these settings', async () => {
    let edited = base;
    for (const [, patch] of CHANGES) edited = withUnified(edited, patch);
    const scenario = linkedScenarioFor({ ...edited }, bases, null);
    expect(scenario.kind).toBe('bundled');
    const query = await writeSandboxQuery({ scenario, step: 17 });
    const read = await readSandboxQuery(query);
    if (!read.ok) throw new Error(read.problem);
    expect(read.link.step).toBe(17);
    const resolved = resolveLinkedScenario(read.link.scenario, bases);
    if (!resolved.ok || resolved.kind !== 'custom') throw new Error('expected edited text');
    expect(JSON.parse(resolved.text).unified).toEqual(edited.unified);
    expect(run(JSON.parse(resolved.text))).toEqual(run(edited));
  });

  test('bad values are refused with a message naming the field', () => {
    const cases: [UnifiedPatch, RegExp][] = [
      [{ window: 'soon' }, /unified\.window/],
      [{ window: '0s' }, /unified\.window/],
      [{ watermark: { kind: 'heuristic', bound: '-1m' } }, /unified\.watermark\.bound/],
      [{ watermark: { kind: 'heuristic', idleAfter: 'abc' } }, /unified\.watermark\.idleAfter/],
      [{ allowedLateness: '1 hour' }, /unified\.allowedLateness/],
      [
        { triggers: { early: { kind: 'processing-time', delay: 'x' } } },
        /unified\.triggers\.early/,
      ],
    ];
    for (const [patch, field] of cases) {
      const found = problems(withUnified(base, patch));
      expect(found.join('\n'), JSON.stringify(patch)).toMatch(field);
    }
  });

  test('switching a Lambda scenario to unified keeps a speed crash as the pipeline crash', () => {
    const lambda = JSON.parse(
      readFileSync('scenarios/05-at-least-once-crash.json', 'utf8'),
    ) as ScenarioInput;
    const unified = withArchitecture(lambda, 'unified');
    expect(unified.faults?.filter((f) => f.kind === 'crash').map((f) => f.job)).toEqual(['stream']);
    expect(problems(unified)).toEqual([]);
  });
});
