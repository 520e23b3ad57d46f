/**
 * The world's compact name lists (event ids and users): every name comes back exactly as given,
 * whether it fits the prefix-and-number pattern or not, and a big run's patterned names cost a
 * few bytes each.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NameList } from '../../src/engine/world/names.ts';

const listOf = (names: string[]) => NameList.of(names.length, (i) => names[i]);

describe('a compact name list', () => {
  it('gives back names that look patterned but are not, to the character', () => {
    const names = [
      'g1',
      'g0',
      'g01', // a leading zero: kept as written
      'user-0012',
      'user-12',
      '123', // digits only: the empty prefix
      '0',
      '',
      'a1234567890', // ten digits: more than a number holds
      'x999999999',
      'user-',
      'ünïcode-7',
      '👩‍💻-3',
      'g-1',
      'test-1',
      'g1',
    ];
    expect(listOf(names).toArray()).toEqual(names);
  });

  it('gives back any names, and more prefixes than a byte can number', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.tuple(fc.string({ maxLength: 3 }), fc.nat()).map(([p, n]) => `${p}${n}`),
            fc.nat(400).map((n) => `p${'x'.repeat(n % 300)}-${n}`),
          ),
          { maxLength: 600 },
        ),
        (names) => {
          expect(listOf(names).toArray()).toEqual(names);
          // Pushed one at a time into a list that grows, then trimmed.
          const grown = new NameList(1);
          for (const name of names) grown.push(name);
          grown.trim();
          expect(grown.toArray()).toEqual(names);
        },
      ),
    );
    const many = Array.from({ length: 1000 }, (_, i) => `${'p'.repeat(i % 400)}-${i}`);
    expect(listOf(many).toArray()).toEqual(many);
  });

  it('holds generated ids and users in five bytes each', () => {
    const n = 100_000;
    const ids = listOf(Array.from({ length: n }, (_, i) => `g${i + 1}`));
    expect(ids.get(n - 1)).toBe(`g${n}`);
    expect(ids.bytes).toBeLessThan(5 * n + 100);
    expect(() => ids.get(n)).toThrow(RangeError);
  });
});
