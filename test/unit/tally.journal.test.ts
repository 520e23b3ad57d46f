/**
 * A tally's journal is shared with its clones (checkpoints) instead of copied: whatever either
 * does afterwards (append, roll back, append other records), each keeps exactly its own entries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/engine/index.ts';
import { Tally } from '../../src/engine/stream/tally.logic.ts';
import { buildWorld, tableFor } from '../../src/engine/world/world.ts';

const parsed = parseScenarioText(
  JSON.stringify({
    architecture: 'lambda',
    start: '2026-11-22T00:00:00Z',
    end: '2026-11-23T00:00:00Z',
    generate: { count: 40, from: '2026-11-22T00:00:00Z', to: '2026-11-22T12:00:00Z' },
    speed: { logic: { counting: 'distinct-users' } },
  }),
);
if (!parsed.ok) throw new Error('invalid');
const world = buildWorld(parsed.scenario);
const table = tableFor(world, parsed.scenario.speed.logic);

const entries = (t: Tally) => Array.from(t.journal.subarray(0, t.journalLength));

/** One operation on one of the tallies: append a record, or roll back to a length. */
const op = fc.oneof(
  fc.record({ who: fc.nat(3), add: fc.nat(world.recordCount - 1) }),
  fc.record({ who: fc.nat(3), truncate: fc.nat(80) }),
  fc.record({ who: fc.nat(3), clone: fc.constant(true) }),
);

describe('a tally’s shared journal', () => {
  it('keeps every tally’s own entries, whatever its clones append or roll back', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const tallies = [new Tally(world, table, 'none')];
        // What each tally's journal must hold, kept apart as plain arrays.
        const expected: number[][] = [[]];
        for (const o of ops) {
          const k = o.who % tallies.length;
          if ('add' in o) {
            tallies[k].add(o.add);
            expected[k].push(o.add);
          } else if ('truncate' in o) {
            tallies[k].truncate(o.truncate);
            expected[k].length = Math.min(expected[k].length, o.truncate);
          } else {
            tallies.push(tallies[k].clone());
            expected.push(expected[k].slice());
          }
          tallies.forEach((t, i) => expect(entries(t), `tally ${i}`).toEqual(expected[i]));
        }
      }),
    );
  });

  it('is not copied by a clone', () => {
    const t = new Tally(world, table, 'none');
    for (let r = 0; r < 10; r++) t.add(r);
    expect(t.clone().journal).toBe(t.journal);
  });
});
