/** Coarse navigation over the recorded step columns, checked against a brute-force reading. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  jumpBy,
  moment,
  MOMENT_KINDS,
  positionAt,
  type Moment,
} from '../../src/engine/simulation/navigate.ts';
import { kindCode } from '../../src/engine/simulation/step-kinds.ts';

const columnsArb = fc
  .array(fc.record({ kind: fc.integer({ min: 0, max: 12 }), dt: fc.integer({ min: 0, max: 3 }) }), {
    maxLength: 60,
  })
  .map((steps) => {
    let t = 0;
    const times = steps.map((s) => (t += s.dt * 1_800_000));
    return { kinds: steps.map((s) => s.kind), times, length: steps.length };
  });
const momentArb = fc.constantFrom<Moment>('batch', 'crash', 'deploy', 'query');

describe('coarse navigation', () => {
  it('finds the next and previous moment of a kind as a scan of the steps would', () => {
    fc.assert(
      fc.property(columnsArb, momentArb, fc.nat(70), (columns, which, p) => {
        const position = Math.min(p, columns.length);
        const is = (i: number) => MOMENT_KINDS[which].includes(columns.kinds[i]);
        const after = columns.kinds.findIndex((_, i) => i >= position && is(i));
        expect(moment(columns, position, which, 1)).toBe(after < 0 ? null : after + 1);
        let before = -1;
        for (let i = 0; i < position - 1; i++) if (is(i)) before = i;
        expect(moment(columns, position, which, -1)).toBe(before < 0 ? null : before + 1);
      }),
    );
  });

  it('jumps by simulated time, at least one step, never past either end', () => {
    fc.assert(
      fc.property(
        columnsArb,
        fc.nat(70),
        fc.constantFrom(3_600_000, -3_600_000, 86_400_000),
        (columns, p, ms) => {
          const position = Math.min(p, columns.length);
          const target = jumpBy(columns, position, ms);
          expect(target).toBeGreaterThanOrEqual(0);
          expect(target).toBeLessThanOrEqual(columns.length);
          if (columns.length === 0) return;
          const now = position > 0 ? columns.times[position - 1] : columns.times[0];
          const atOrBefore = columns.times.filter((t) => t <= now + ms).length;
          if (ms > 0)
            expect(target).toBe(Math.min(columns.length, Math.max(atOrBefore, position + 1)));
          else expect(target).toBe(Math.max(0, Math.min(atOrBefore, position - 1)));
        },
      ),
    );
  });

  it('a batch run is the step where it starts', () => {
    const columns = {
      kinds: [kindCode('record.appended'), kindCode('batch.started'), kindCode('batch.published')],
      times: [0, 1, 2],
      length: 3,
    };
    expect(moment(columns, 0, 'batch', 1)).toBe(2);
    expect(moment(columns, 2, 'batch', 1)).toBe(null);
  });

  it('reads times recorded as offsets from a base as it reads the times themselves', () => {
    fc.assert(
      fc.property(
        columnsArb,
        fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
        fc.nat(70),
        fc.integer({ min: -90_000_000, max: 90_000_000 }),
        (columns, start, p, ms) => {
          const plain = { ...columns, times: columns.times.map((t) => start + t) };
          const offsets = { ...columns, times: Uint32Array.from(columns.times), timeBase: start };
          const position = Math.min(p, columns.length);
          expect(jumpBy(offsets, position, ms)).toBe(jumpBy(plain, position, ms));
          const t = start + ms;
          expect(positionAt(offsets, t)).toBe(positionAt(plain, t));
        },
      ),
    );
  });
});
