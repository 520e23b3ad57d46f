// @vitest-environment node
/**
 * The headless simulator on unified scenarios, the real command: `panes` and `dropped` after
 * `answers` (MODEL.md), byte-identical across runs; a bad unified section exits 2 naming the field.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const simulate = (file: string) =>
  spawnSync('npx', ['tsx', 'src/cli/simulate.ts', file], { cwd: root, encoding: 'utf8' });
const errors = (stderr: string) => stderr.split('\n').filter((l) => l && !l.startsWith('npm warn'));

describe('npm run simulate on a unified scenario', () => {
  test('report: answers, then panes and dropped; the same bytes twice', () => {
    const file = 'scenarios/26-streaming-systems-fig-2-10-heuristic-watermark.json';
    const first = simulate(file);
    expect(errors(first.stderr)).toEqual([]);
    expect(first.status).toBe(0);
    const report = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual([
      'name',
      'architecture',
      'steps',
      'answers',
      'panes',
      'dropped',
    ]);
    expect(report.dropped).toBe(1);
    expect(report.panes).toContainEqual({
      window: ['2026-01-10T12:00:00.000Z', '2026-01-10T12:02:00.000Z'],
      at: '2026-01-10T12:06:00.000Z',
      timing: 'on-time',
      index: 0,
      value: 5,
    });
    expect(report.answers).toEqual([
      {
        at: '2026-01-10T12:10:00.000Z',
        day: '2026-01-10',
        served: 39,
        truth: 48,
        parts: { panes: 4 },
      },
    ]);
    const second = simulate(file);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  test('a bad unified section: exit 2, nothing on stdout, one line per problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unified-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        architecture: 'unified',
        events: [{ id: 'e1', user: 'u1', time: '2026-01-10T12:00:00Z', value: 'five' }],
        unified: {
          watermark: { kind: 'heuristic', bound: '-1m' },
          triggers: { early: { kind: 'soon' } },
        },
      }),
    );
    const run = simulate(file);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(errors(run.stderr)).toEqual([
      'events[0].value: expected a number, got "five"',
      'unified.watermark.bound: expected a duration of at least 0 (it cannot be negative), got "-1m"',
      'unified.triggers.early.kind: expected one of "per-element", "processing-time", got "soon"',
    ]);
  });
});
