// @vitest-environment node
/**
 * The `unified` section and event `value` (MODEL.md, "Contract: unified"): defaults, and bad
 * sections refused with messages naming the field.
 */
import { describe, expect, it } from 'vitest';
import { formatProblem, parseScenario } from '../../src/engine/index.ts';

const events = [
  { id: 'e1', user: 'u1', time: '2026-01-10T12:00:26Z', value: 5 },
  { id: 'e2', user: 'u2', time: '2026-01-10T12:02:26Z' },
];
const unified = (
  section: Record<string, unknown> | undefined,
  extra: Record<string, unknown> = {},
) => ({
  architecture: 'unified',
  events,
  ...(section ? { unified: section } : {}),
  ...extra,
});
const problems = (value: unknown) => {
  const r = parseScenario(value);
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe('the unified section', () => {
  it('has the defaults of MODEL.md', () => {
    const r = parseScenario(unified(undefined));
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.scenario.unified).toEqual({
      window: 'day',
      aggregate: 'distinct-users',
      watermark: { kind: 'heuristic', bound: 600_000, idleAfter: null },
      allowedLateness: 0,
      triggers: { early: null, onTime: true, late: null },
      accumulation: 'discarding',
      sink: 'correct',
      bounded: false,
      checkpointEvery: 60_000,
    });
    expect(r.scenario.events.map((e) => e.value)).toEqual([5, 1]);
  });

  it('reads every field', () => {
    const r = parseScenario(
      unified({
        window: '2m',
        aggregate: 'sum',
        watermark: {
          kind: 'schedule',
          points: [
            ['2026-01-10T12:06:00Z', '2026-01-10T12:02:00Z'],
            ['2026-01-10T12:09:00Z', 'end'],
          ],
        },
        allowedLateness: '2m',
        triggers: {
          early: { kind: 'processing-time', delay: '1m', aligned: true },
          onTime: false,
          late: { kind: 'per-element' },
        },
        accumulation: 'retracting',
        sink: 'add-all',
        bounded: true,
        checkpointEvery: '30s',
      }),
    );
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    const u = r.scenario.unified;
    expect(u.window).toBe(120_000);
    expect(u.watermark).toEqual({
      kind: 'schedule',
      points: [
        [Date.parse('2026-01-10T12:06:00Z'), Date.parse('2026-01-10T12:02:00Z')],
        [Date.parse('2026-01-10T12:09:00Z'), Infinity],
      ],
    });
    expect(u.triggers).toEqual({
      early: { kind: 'processing-time', delay: 60_000, aligned: true },
      onTime: false,
      late: { kind: 'per-element' },
    });
    expect([u.accumulation, u.sink, u.bounded, u.allowedLateness]).toEqual([
      'retracting',
      'add-all',
      true,
      120_000,
    ]);
  });

  it.each([
    [
      'an unknown trigger kind',
      { triggers: { late: { kind: 'whenever' } } },
      'unified.triggers.late.kind: expected one of "per-element", "processing-time", got "whenever"',
    ],
    [
      'a negative bound',
      { watermark: { kind: 'heuristic', bound: '-5m' } },
      'unified.watermark.bound: expected a duration of at least 0 (it cannot be negative), got "-5m"',
    ],
    [
      'a negative allowed lateness',
      { allowedLateness: '-1h' },
      'unified.allowedLateness: expected a duration of at least 0 (it cannot be negative), got "-1h"',
    ],
    [
      'a schedule whose watermark goes backwards',
      {
        watermark: {
          kind: 'schedule',
          points: [
            ['2026-01-10T12:06:00Z', '2026-01-10T12:04:00Z'],
            ['2026-01-10T12:07:00Z', '2026-01-10T12:02:00Z'],
          ],
        },
      },
      'unified.watermark.points[1][1]: goes backwards: a watermark never moves back; expected at or after the previous point\'s (2026-01-10T12:04:00Z), got "2026-01-10T12:02:00Z"',
    ],
    [
      'a schedule whose processing times go backwards',
      {
        watermark: {
          kind: 'schedule',
          points: [
            ['2026-01-10T12:06:00Z', '2026-01-10T12:02:00Z'],
            ['2026-01-10T12:05:00Z', '2026-01-10T12:04:00Z'],
          ],
        },
      },
      'unified.watermark.points[1][0]: goes backwards: expected a time at or after the previous point\'s (2026-01-10T12:06:00Z), got "2026-01-10T12:05:00Z"',
    ],
    [
      'a watermark after "end"',
      {
        watermark: {
          kind: 'schedule',
          points: [
            ['2026-01-10T12:06:00Z', 'end'],
            ['2026-01-10T12:07:00Z', '2026-01-10T12:08:00Z'],
          ],
        },
      },
      'unified.watermark.points[1][1]: goes backwards: a watermark never moves back; expected at or after the previous point\'s (end), got "2026-01-10T12:08:00Z"',
    ],
    [
      'an unknown watermark kind',
      { watermark: { kind: 'psychic' } },
      'unified.watermark.kind: expected one of "heuristic", "perfect", "schedule", got "psychic"',
    ],
    [
      'a zero window',
      { window: '0m' },
      'unified.window: expected "day" or a window size such as "2m" or "1h" (greater than 0), got "0m"',
    ],
    [
      'an unknown accumulation',
      { accumulation: 'hoarding' },
      'unified.accumulation: expected one of "discarding", "accumulating", "retracting", got "hoarding"',
    ],
    [
      'an unknown field',
      { windows: 'day' },
      'unified.windows: unknown field (known fields: window, aggregate, watermark, allowedLateness, triggers, accumulation, sink, bounded, checkpointEvery)',
    ],
  ])('refuses %s, naming the field', (_, section, message) => {
    expect(problems(unified(section))).toEqual([message]);
  });

  it('refuses a non-number value, and allows a number on any aggregate and architecture', () => {
    expect(
      problems(unified({ aggregate: 'count' }, { events: [{ ...events[0], value: '5' }] })),
    ).toEqual(['events[0].value: expected a number, got "5"']);
    expect(problems(unified({ aggregate: 'distinct-users' }))).toEqual([]);
    expect(problems({ architecture: 'lambda', events })).toEqual([]);
  });

  it('a unified crash is of the job "stream"', () => {
    const crash = { kind: 'crash', job: 'speed', at: '2026-01-10T12:01:00Z' };
    expect(problems(unified(undefined, { faults: [crash] }))).toEqual([
      'faults[0].job: "speed" is a Lambda job; a unified scenario has "stream"',
    ]);
    expect(problems(unified(undefined, { faults: [{ ...crash, job: 'stream' }] }))).toEqual([]);
  });
});
