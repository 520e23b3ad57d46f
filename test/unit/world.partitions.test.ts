// @vitest-environment node
/**
 * docs/engine.md: partition = 32-bit FNV-1a of `user` (offset basis 0x811c9dc5, prime
 * 0x01000193, over the UTF-16 code units, unsigned) modulo `partitions`; offsets count from 0
 * per partition in arrival order. The hashes below were worked out outside this code base
 * (Python: h ^= unit; h = h * 0x01000193 mod 2^32): "a" 0xe40c292c, "foobar" 0xbf9cf968,
 * "user-1" 0xf5537974, "u2" 0x0542a986, "z😀" (units 122, 55357, 56832) 0x0d59ac10.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/engine/index.ts';
import { buildWorld, partitionOf } from '../../src/engine/world/world.ts';

const HASHES: [string, number][] = [
  ['a', 0xe40c292c],
  ['foobar', 0xbf9cf968],
  ['user-1', 0xf5537974],
  ['u2', 0x0542a986],
  ['z😀', 0x0d59ac10],
];

function world(partitions: number) {
  // Users in this order, each twice (a repeat signup), arriving one minute apart.
  const users = [...HASHES.map(([u]) => u), ...HASHES.map(([u]) => u)];
  const parsed = parseScenario({
    architecture: 'kappa',
    log: { partitions },
    events: users.map((user, i) => {
      const t = `2026-03-10T09:${String(i).padStart(2, '0')}:00Z`;
      return { id: `e${i}`, user, time: t, arrival: t };
    }),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return buildWorld(parsed.scenario);
}

describe('partitions', () => {
  it('partitionOf is FNV-1a over UTF-16 code units, modulo the partitions', () => {
    for (const p of [1, 5, 7, 8])
      for (const [user, hash] of HASHES) expect(partitionOf(user, p)).toBe(hash % p);
  });

  it('every record of a user lands in its FNV-1a partition; offsets count per partition', () => {
    for (const p of [5, 7]) {
      const w = world(p);
      const expected = [...HASHES, ...HASHES].map(([, hash]) => hash % p);
      expect(Array.from(w.recPartition)).toEqual(expected);
      const next = new Array(p).fill(0);
      expect(Array.from(w.recOffset)).toEqual(expected.map((part) => next[part]++));
      expect(w.users.toArray()).toEqual(HASHES.map(([u]) => u));
      expect(Array.from(w.eventUser)).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
    }
  });
});
