import { describe, expect, it } from 'vitest';
import {
  formatParams,
  formatRoute,
  href,
  parseParams,
  parseRoute,
  type Route,
} from '../../src/app/router/route.ts';

describe('parseRoute', () => {
  it.each([
    ['', { kind: 'index', params: {} }],
    ['#', { kind: 'index', params: {} }],
    ['#/', { kind: 'index', params: {} }],
    ['#/lessons', { kind: 'index', params: {} }],
    [
      '#/lessons/03-serving-merge/2',
      { kind: 'lesson', lesson: '03-serving-merge', step: 2, params: {} },
    ],
    [
      '#/lessons/03-serving-merge',
      { kind: 'lesson', lesson: '03-serving-merge', step: 1, params: {} },
    ],
    [
      '#/lessons/03-serving-merge/2/',
      { kind: 'lesson', lesson: '03-serving-merge', step: 2, params: {} },
    ],
    ['#/sandbox', { kind: 'sandbox', params: {} }],
    ['#/compare', { kind: 'compare', params: {} }],
    ['/sandbox', { kind: 'sandbox', params: {} }],
  ] as [string, Route][])('reads %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('passes query parameters through, decoded, for any route', () => {
    expect(parseRoute('#/sandbox?s=abc%3D%3D&step=12&flag')).toEqual({
      kind: 'sandbox',
      params: { s: 'abc==', step: '12', flag: '' },
    });
    expect(parseRoute('#/lessons/01-the-log/3?present=1')).toMatchObject({
      kind: 'lesson',
      step: 3,
      params: { present: '1' },
    });
  });

  it.each([
    ['#/nowhere', 'There is no page at "/nowhere".'],
    ['#/lessons/not a lesson/1', 'is not a lesson name'],
    ['#/lessons/01-the-log/0', '"0" is not a step number'],
    ['#/lessons/01-the-log/two', '"two" is not a step number'],
    ['#/lessons/01-the-log/2/3', 'is not a step number'],
    ['#/sandbox/extra', 'There is no page at "/sandbox/extra".'],
  ])('says why %j is unknown', (hash, reason) => {
    const route = parseRoute(hash);
    expect(route.kind).toBe('unknown');
    expect(route.kind === 'unknown' && route.reason).toContain(reason);
  });

  it('never throws on malformed escapes', () => {
    expect(parseRoute('#/sandbox?x=%E0%A4%A')).toEqual({
      kind: 'sandbox',
      params: { x: '%E0%A4%A' },
    });
  });
});

describe('formatRoute', () => {
  it('writes the addresses the app links to', () => {
    expect(href.index()).toBe('#/');
    expect(href.lesson('03-serving-merge', 2)).toBe('#/lessons/03-serving-merge/2');
    expect(href.sandbox()).toBe('#/sandbox');
    expect(href.sandbox({ lesson: '01-the-log', step: '7' })).toBe(
      '#/sandbox?lesson=01-the-log&step=7',
    );
    expect(href.compare()).toBe('#/compare');
  });

  it.each([
    '#/',
    '#/lessons/03-serving-merge/2',
    '#/sandbox?s=a%20b&step=4',
    '#/compare?s=x',
    '#/nowhere',
  ])('round-trips %s', (hash) => {
    const route = parseRoute(hash);
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('params round-trip through format and parse, and parsing does not mutate', () => {
    const params = { a: '1 2', 'b&c': '=', empty: '' };
    const copy = { ...params };
    expect(parseParams(formatParams(params).slice(1))).toEqual(params);
    expect(params).toEqual(copy);
    expect(formatParams({})).toBe('');
  });
});
