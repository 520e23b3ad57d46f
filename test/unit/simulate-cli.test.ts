// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lkl-cli-'));

/** Runs the real command line, the way the MODEL.md contract describes it. */
function simulate(file: string) {
  const out = spawnSync('npm', ['run', '--silent', 'simulate', '--', file], {
    cwd: root,
    encoding: 'utf8',
  });
  const stderr = out.stderr.split('\n').filter((line) => line && !line.startsWith('npm warn'));
  return { code: out.status, stdout: out.stdout, stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const event = (id: string, time: string, extra: Record<string, unknown> = {}) => ({
  id,
  user: `u-${id}`,
  time,
  ...extra,
});

describe('npm run simulate', () => {
  it('prints one JSON report, byte-identical across runs', () => {
    const a = simulate('scenarios/05-at-least-once-crash.json');
    const b = simulate('scenarios/05-at-least-once-crash.json');
    expect(a.code).toBe(0);
    expect(a.stderr).toEqual([]);
    expect(b.stdout).toBe(a.stdout);
    const report = JSON.parse(a.stdout);
    expect(Object.keys(report)).toEqual(['name', 'architecture', 'steps', 'answers']);
    expect(report.answers.length).toBeGreaterThan(0);
  });

  it('runs the wrong hand-offs: the served answer dips (clear-all) or jumps (clear-none)', () => {
    const served = (handoff: string) => {
      const r = simulate(
        file(
          `handoff-${handoff}.json`,
          JSON.stringify({
            architecture: 'lambda',
            start: '2026-11-23T00:00:00Z',
            batch: { handoff },
            events: [
              event('e1', '2026-11-23T09:00:00Z', { arrival: '2026-11-23T09:00:00Z' }),
              event('e2', '2026-11-24T00:30:00Z', { arrival: '2026-11-24T00:30:00Z' }),
            ],
            queries: [
              { at: '2026-11-24T01:00:00Z', day: 'yesterday' },
              { at: '2026-11-24T01:00:00Z', day: 'today' },
            ],
          }),
        ),
      );
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout).answers.map((a: { served: number }) => a.served);
    };
    // e1 is before the 00:05 cut-off of the run that publishes at 00:45; e2 arrives during it.
    expect(served('cut-off')).toEqual([1, 1]);
    expect(served('clear-none')).toEqual([2, 1]);
    expect(served('clear-all')).toEqual([1, 0]);
  });

  const bad: [string, string, RegExp[]][] = [
    [
      'malformed JSON',
      '{ "architecture": "lambda", }',
      [/^\(json\): not valid JSON: .*line 1, column \d+/],
    ],
    [
      'wrong types and unknown values',
      JSON.stringify({
        architecture: 'lambda',
        seed: 'seven',
        delivery: 'twice',
        events: [event('e1', 'yesterday')],
      }),
      [
        /^seed: /,
        /^delivery: expected one of/,
        /^events\[0\]\.time: expected an ISO-8601 date-time, got "yesterday"$/,
      ],
    ],
    [
      'an unknown hand-off',
      JSON.stringify({
        architecture: 'lambda',
        batch: { handoff: 'clear-some' },
        events: [event('e1', '2026-11-22T09:00:00Z')],
      }),
      [/^batch\.handoff: expected one of "cut-off", "clear-all", "clear-none", got "clear-some"$/],
    ],
    [
      'a wrong hand-off in a Kappa run',
      JSON.stringify({
        architecture: 'kappa',
        batch: { handoff: 'clear-all' },
        events: [event('e1', '2026-11-22T09:00:00Z')],
      }),
      [/^batch\.handoff: "clear-all" is a Lambda hand-off .*a kappa scenario has none$/],
    ],
    [
      'an unknown field',
      JSON.stringify({
        architecture: 'kappa',
        events: [event('e1', '2026-11-22T09:00:00Z', { colour: 'red' })],
      }),
      [/^events\[0\]\.colour: unknown field/],
    ],
    [
      'an arrival before its event time',
      JSON.stringify({
        architecture: 'lambda',
        events: [event('e1', '2026-11-22T09:00:00Z', { arrival: '2026-11-22T08:00:00Z' })],
      }),
      [/^events\[0\]\.arrival: arrives before its event time/],
    ],
    [
      'duplicate event ids',
      JSON.stringify({
        architecture: 'lambda',
        events: [event('e1', '2026-11-22T09:00:00Z'), event('e1', '2026-11-22T10:00:00Z')],
      }),
      [/^events\[1\]\.id: duplicate id "e1"/],
    ],
    [
      'too many events',
      JSON.stringify({
        architecture: 'lambda',
        generate: { count: 5_000_001, from: '2026-11-22T00:00:00Z', to: '2026-11-23T00:00:00Z' },
      }),
      [/^generate\.count: .*5,?000,?000/],
    ],
    [
      'too long a span',
      JSON.stringify({
        architecture: 'lambda',
        start: '2026-01-01T00:00:00Z',
        end: '2027-01-03T00:00:00Z',
        events: [event('e1', '2026-01-02T00:00:00Z')],
      }),
      [/^end: .*366 days/],
    ],
  ];

  for (const [what, text, expected] of bad) {
    it(`refuses ${what}: exit 2, nothing on stdout, one line per problem, no stack trace`, () => {
      const r = simulate(file(`${what.replace(/\W+/g, '-')}.json`, text));
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.length).toBe(expected.length);
      expected.forEach((re, k) => expect(r.stderr[k]).toMatch(re));
      expect(r.stderr.join('\n')).not.toMatch(/\n\s+at |Error:/);
    });
  }

  it('a file that cannot be read is another failure: exit 1, one line', () => {
    const r = simulate(join(dir, 'missing.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toEqual([expect.stringMatching(/cannot read .*missing\.json \(ENOENT\)/)]);
  });
});
