/**
 * The app's addresses, as hash routes (a static build has no server to rewrite paths):
 *
 * - `#/`: the lessons index, the page a newcomer lands on (also the empty hash);
 * - `#/lessons/<lesson-id>/<n>`: step n (1-based) of a lesson, e.g. `#/lessons/03-serving-merge/2`;
 * - `#/sandbox`: the free simulator;
 * - `#/compare`: the same events through several architectures side by side.
 *
 * Any route may carry `?key=value&…` after its path (for example `#/sandbox?s=…&step=4`); the
 * query is parsed into `params` and passed through untouched, so other features can add keys
 * without touching this module. Pure: no `window`, no `location`; the shell feeds it the hash.
 */

/** Query parameters after the path, in order, decoded (the last value wins for a repeated key). */
export type RouteParams = Record<string, string>;

export type Route =
  | { kind: 'index'; params: RouteParams }
  | { kind: 'lesson'; lesson: string; step: number; params: RouteParams }
  | { kind: 'sandbox'; params: RouteParams }
  | { kind: 'compare'; params: RouteParams }
  /** An address the app does not know; `path` is what was asked for, `reason` says why. */
  | { kind: 'unknown'; path: string; reason: string; params: RouteParams };

/** A lesson id is its folder name: two digits, a dash, lowercase words joined by dashes. */
const LESSON_ID = /^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

/** `a=1&b=two` → `{ a: '1', b: 'two' }` (like URLSearchParams, as a plain record). */
export function parseParams(query: string): RouteParams {
  const params: RouteParams = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    if (key === '') continue;
    params[key] = eq < 0 ? '' : decode(pair.slice(eq + 1));
  }
  return params;
}

/** The inverse of `parseParams` (keys in insertion order); '' when there are none. */
export function formatParams(params: RouteParams): string {
  const entries = Object.entries(params);
  if (entries.length === 0) return '';
  return (
    '?' +
    entries
      .map(([k, v]) =>
        v === '' ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`,
      )
      .join('&')
  );
}

/**
 * Reads a location hash (`#/lessons/01-the-log/3?x=1`, with or without the `#`) into a route.
 * Never throws: anything it cannot read becomes `{ kind: 'unknown' }` with the reason.
 */
export function parseRoute(hash: string): Route {
  let raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = raw.indexOf('?');
  const params = q < 0 ? {} : parseParams(raw.slice(q + 1));
  raw = q < 0 ? raw : raw.slice(0, q);
  const path = raw.startsWith('/') ? raw : `/${raw}`;
  const parts = path.split('/').filter((p) => p !== '');

  if (parts.length === 0) return { kind: 'index', params };
  const [head, ...rest] = parts;
  if (head === 'sandbox' && rest.length === 0) return { kind: 'sandbox', params };
  if (head === 'compare' && rest.length === 0) return { kind: 'compare', params };
  if (head === 'lessons') {
    if (rest.length === 0) return { kind: 'index', params };
    const lesson = decode(rest[0]);
    if (!LESSON_ID.test(lesson))
      return { kind: 'unknown', path, reason: `"${lesson}" is not a lesson name.`, params };
    if (rest.length === 1) return { kind: 'lesson', lesson, step: 1, params };
    if (rest.length === 2 && /^[1-9]\d{0,3}$/.test(rest[1]))
      return { kind: 'lesson', lesson, step: Number(rest[1]), params };
    return {
      kind: 'unknown',
      path,
      reason: `"${rest.slice(1).join('/')}" is not a step number (steps count from 1).`,
      params,
    };
  }
  return { kind: 'unknown', path, reason: `There is no page at "${path}".`, params };
}

/** The hash for a route, `#/…`; `parseRoute(formatRoute(r))` gives `r` back. */
export function formatRoute(route: Route): string {
  const query = formatParams(route.params);
  switch (route.kind) {
    case 'index':
      return `#/${query}`;
    case 'lesson':
      return `#/lessons/${encodeURIComponent(route.lesson)}/${route.step}${query}`;
    case 'sandbox':
      return `#/sandbox${query}`;
    case 'compare':
      return `#/compare${query}`;
    case 'unknown':
      return `#${route.path}${query}`;
  }
}

/** Shorthands for links. */
export const href = {
  index: (): string => formatRoute({ kind: 'index', params: {} }),
  lesson: (lesson: string, step = 1, params: RouteParams = {}): string =>
    formatRoute({ kind: 'lesson', lesson, step, params }),
  sandbox: (params: RouteParams = {}): string => formatRoute({ kind: 'sandbox', params }),
  compare: (params: RouteParams = {}): string => formatRoute({ kind: 'compare', params }),
};
