import { describe, expect, test } from 'vitest';
import {
  isoUtc,
  offsets,
  plainWords,
  shortTime,
  signedDifference,
  zonedTime,
} from '../../src/app/format.ts';
import { markAnswered, recentStepIndexes } from '../../src/app/session.select.ts';
import type { QueryAnswer } from '../../src/engine/simulation/simulation.types.ts';

const at = Date.UTC(2026, 10, 24, 3, 5, 0);

describe('format', () => {
  test.each([
    [isoUtc(at), '2026-11-24T03:05:00Z'],
    [isoUtc(at + 250), '2026-11-24T03:05:00.250Z'],
    [shortTime(at, 'UTC'), 'Tue 24 Nov, 03:05 UTC'],
    [shortTime(at, 'America/New_York'), 'Mon 23 Nov, 22:05 GMT-5'],
    [
      plainWords('Counted for 2026-11-23. It is back at 2026-11-23 10:07:05.', 'UTC'),
      'Counted for Mon 23 Nov. It is back at Mon 23 Nov, 10:07:05 UTC.',
    ],
    [
      plainWords('Back at 2026-11-23 22:05.', 'America/New_York'),
      'Back at Mon 23 Nov, 22:05 GMT-5.',
    ],
    [
      plainWords('Job v2 counted user u4 as new on 2026-11-23: that day now shows 1.', 'UTC'),
      'Job v2 counted user u4 as new on Mon 23 Nov: that day now shows 1.',
    ],
    [
      plainWords('Offset 2026-99-99 and 2026-11-24T10:00:00Z stay.', 'UTC'),
      'Offset 2026-99-99 and 2026-11-24T10:00:00Z stay.',
    ],
    [zonedTime(at, 'Asia/Kathmandu'), '2026-11-24 08:50:00 GMT+5:45 (Asia/Kathmandu)'],
    [signedDifference(5, 2), '+3'],
    [signedDifference(1, 3), '−2'],
    [offsets([7]), 'offset 7'],
    [offsets([3, 0, 2]), 'offsets 3, 0, 2'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('markAnswered', () => {
  const answer = (at: string, day: string): QueryAnswer => ({
    at,
    day,
    served: 1,
    truth: 1,
    parts: { table: 'v1' },
  });
  const late = answer('2026-11-24T10:00:00.000Z', '2026-11-24');
  const early = answer('2026-11-24T08:00:00.000Z', '2026-11-23');
  const twin = answer('2026-11-24T10:00:00.000Z', '2026-11-24');

  test('matches answers by time and day, whatever their order', () => {
    expect(markAnswered([late, early], [early]).map((r) => r.answered)).toEqual([false, true]);
  });

  test('counts repeated queries one by one', () => {
    expect(markAnswered([late, twin], [late]).map((r) => r.answered)).toEqual([true, false]);
  });

  test('does not change its inputs', () => {
    const finals = [late, early];
    const soFar = [early];
    markAnswered(finals, soFar);
    expect(finals).toEqual([late, early]);
    expect(soFar).toEqual([early]);
  });
});

describe('recentStepIndexes', () => {
  test.each([
    [0, 8, []],
    [3, 8, [0, 1, 2]],
    [10, 4, [6, 7, 8, 9]],
  ])('at position %i with %i shown: %j', (position, count, expected) => {
    expect(recentStepIndexes(position, count)).toEqual(expected);
  });
});
