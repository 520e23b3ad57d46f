import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearlySortedOrder, stableOrder } from '../../src/engine/world/order.logic.ts';

/** The reference: a comparator sort by key, ties by index. */
function reference(keys: number[]): number[] {
  return keys.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
}

/** Arrivals as a log sees them: times in order plus a small delay, some far late, some ties. */
const arrivalsArb = fc
  .array(
    fc.record({
      gap: fc.oneof(fc.constant(0), fc.nat(400)),
      delay: fc.oneof(
        { arbitrary: fc.nat(3000), weight: 20 },
        { arbitrary: fc.constant(0), weight: 4 },
        { arbitrary: fc.nat(6 * 3_600_000), weight: 1 },
      ),
    }),
    { maxLength: 600 },
  )
  .map((xs) => {
    let t = 1_700_000_000_000;
    return xs.map(({ gap, delay }) => (t += gap) + delay);
  });

describe('nearlySortedOrder (the log’s arrival order)', () => {
  it('is the stable order of nearly sorted keys, with the keys in that order', () => {
    fc.assert(
      fc.property(arrivalsArb, (keys) => {
        const { order, sorted } = nearlySortedOrder(Float64Array.from(keys));
        const expected = reference(keys);
        expect(Array.from(order)).toEqual(expected);
        expect(Array.from(sorted)).toEqual(expected.map((i) => keys[i]));
      }),
      { numRuns: 300 },
    );
  });

  it('is the stable order of any keys (far from sorted: the radix fallback), ties included', () => {
    const keysArb = fc.array(
      fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ noNaN: true, min: -1e15, max: 1e15 })),
      {
        maxLength: 400,
      },
    );
    fc.assert(
      fc.property(keysArb, (keys) => {
        const { order, sorted } = nearlySortedOrder(Float64Array.from(keys));
        const expected = reference(keys);
        expect(Array.from(order)).toEqual(expected);
        expect(Array.from(sorted)).toEqual(expected.map((i) => keys[i]));
        expect(Array.from(stableOrder(Float64Array.from(keys)))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('sets far-late keys aside and merges them back in place (a long run with late arrivals)', () => {
    // 20,000 keys 10 ms apart with a 0–3 s jitter; every 25th is 2 h late; many ties.
    const keys: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const jitter = (Math.imul(i, 2654435761) >>> 0) % 3000;
      keys.push(i * 10 + (i % 25 === 0 ? 7_200_000 : jitter - (jitter % 50)));
    }
    const { order } = nearlySortedOrder(Float64Array.from(keys));
    expect(Array.from(order)).toEqual(reference(keys));
  });
});
