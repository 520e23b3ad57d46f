/**
 * A small description of how an edited scenario differs from the bundled one it came from, so a
 * link to "scenario 03 plus a crash and exactly-once" stays a few hundred characters. Top-level
 * fields only: a changed field is written whole, except an array that only grew (events the
 * sandbox added, faults it injected), which is written as the items appended.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Fields = Record<string, unknown>;

export interface ScenarioPatch {
  /** Fields set to a new value. */
  set?: Fields;
  /** Array fields that gained items at their end: the items. */
  add?: Record<string, unknown[]>;
  /** Fields the edited scenario no longer has. */
  del?: string[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What turns `base` into `next`. Neither is changed. */
export function diffScenario(base: Fields, next: Fields): ScenarioPatch {
  const patch: ScenarioPatch = {};
  for (const [key, value] of Object.entries(next)) {
    const old = base[key];
    if (same(old, value)) continue;
    if (Array.isArray(old) && Array.isArray(value) && value.length > old.length) {
      if (same(old, value.slice(0, old.length))) {
        (patch.add ??= {})[key] = structuredClone(value.slice(old.length));
        continue;
      }
    }
    (patch.set ??= {})[key] = structuredClone(value);
  }
  const gone = Object.keys(base).filter((key) => !(key in next));
  if (gone.length > 0) patch.del = gone;
  return patch;
}

/** `base` with the patch applied (a copy); throws a TypeError for a patch of the wrong shape. */
export function applyScenarioPatch(base: Fields, patch: unknown): Fields {
  if (!isFields(patch)) throw new TypeError('the changes are not an object');
  const { set = {}, add = {}, del = [] } = patch as ScenarioPatch;
  if (!isFields(set) || !isFields(add) || !Array.isArray(del)) {
    throw new TypeError('the changes have the wrong shape');
  }
  const next: Fields = structuredClone(base);
  for (const key of del) {
    if (typeof key !== 'string') throw new TypeError('the changes have the wrong shape');
    delete next[key];
  }
  for (const [key, value] of Object.entries(set)) next[key] = structuredClone(value as Json);
  for (const [key, items] of Object.entries(add)) {
    const old = next[key] ?? [];
    if (!Array.isArray(items) || !Array.isArray(old)) {
      throw new TypeError(`the changes add to "${key}", which is not a list`);
    }
    next[key] = [...old, ...structuredClone(items)];
  }
  return next;
}
