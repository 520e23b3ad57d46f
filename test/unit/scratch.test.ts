/** Work arrays lent for one call (`withBytes`, `withInts`): zeroed every time, never shared. */
import { describe, expect, it } from 'vitest';
import { withBytes, withInts } from '../../src/engine/state/scratch.ts';

describe('lent work arrays', () => {
  it('come zeroed, whatever the last borrower wrote', () => {
    withInts(1000, (a) => a.fill(7));
    withInts(600, (a) => {
      expect(a.length).toBe(600);
      expect(a.every((x) => x === 0)).toBe(true);
    });
    withBytes(50, (a) => a.fill(255));
    withBytes(80, (a) => expect(a.every((x) => x === 0)).toBe(true));
  });

  it('are the borrower’s own while it holds them, also to a call within the call', () => {
    withBytes(16, (outer) => {
      outer[3] = 9;
      withBytes(16, (inner) => {
        expect(inner.buffer).not.toBe(outer.buffer);
        inner.fill(1);
      });
      expect(outer[3]).toBe(9);
      expect(outer[4]).toBe(0);
    });
  });

  it('go back to the lender when the borrower throws', () => {
    let lent: Int32Array | undefined;
    expect(() =>
      withInts(32, (a) => {
        lent = a;
        a.fill(3);
        throw new Error('stop');
      }),
    ).toThrow('stop');
    withInts(32, (a) => {
      expect(a.buffer).toBe(lent!.buffer);
      expect(a.every((x) => x === 0)).toBe(true);
    });
  });
});
