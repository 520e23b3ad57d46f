// @vitest-environment node
/**
 * The picture's marks (lost, counted again, duplicate, late, deleted) read from the engine's view
 * of hand-worked example scenarios: which records carry which mark is worked out in
 * scenarios.test.ts's comments (scenarios 02, 04, 05, 06, 14).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, Simulation } from '../../src/engine/index.ts';
import { recordFlags } from '../../src/visuals/pipeline/pipeline.marks.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The marks of every record in the log picture at the end of a scenario, by record. */
function marksAtEnd(file: string) {
  const parsed = parseScenarioText(readFileSync(`${root}scenarios/${file}`, 'utf8'));
  if (!parsed.ok) throw new Error(file);
  const sim = Simulation.create(parsed.scenario);
  return sim.view(sim.stepCount - 1).log.recent.map((r) => ({ id: r.id, ...recordFlags(r) }));
}

describe('the picture marks', () => {
  it('counted again: at-least-once re-processes e2, e3, e4 after the crash (05)', () => {
    const marks = marksAtEnd('05-at-least-once-crash.json');
    expect(marks.map((m) => [m.id, m.countedAgainBy])).toEqual([
      ['e1', []],
      ['e2', ['speed']],
      ['e3', ['speed']],
      ['e4', ['speed']],
      ['e5', []],
    ]);
    expect(marks.some((m) => m.lost)).toBe(false);
  });

  it('lost: at-most-once loses e3 and e4, in flight at the crash (06)', () => {
    const marks = marksAtEnd('06-at-most-once-crash.json');
    expect(marks.filter((m) => m.lost).map((m) => m.id)).toEqual(['e3', 'e4']);
    expect(marks.some((m) => m.countedAgainBy.length > 0)).toBe(false);
  });

  it('duplicate: each producer-retry copy, never the original (04)', () => {
    const marks = marksAtEnd('04-producer-retry-duplicate.json');
    expect(marks.map((m) => [m.id, m.duplicate])).toEqual([
      ['e1', false],
      ['e1', true],
      ['e2', false],
      ['e2', true],
    ]);
  });

  it('late: only e3, which arrived 3 h 10 min after it happened (02)', () => {
    const marks = marksAtEnd('02-late-event-after-cutoff.json');
    expect(marks.filter((m) => m.late).map((m) => m.id)).toEqual(['e3']);
  });

  it('deleted and lost to retention: e1 and e2, gone before v2 could replay them (14)', () => {
    const parsed = parseScenarioText(
      readFileSync(`${root}scenarios/14-kappa-retention-limits-replay.json`, 'utf8'),
    );
    if (!parsed.ok) throw new Error('14');
    const sim = Simulation.create(parsed.scenario);
    const recent = sim.view(sim.stepCount - 1).log.recent;
    const byId = new Map(recent.map((r) => [r.id, r]));
    expect(byId.get('e1')!.lostBy).toEqual(['v2']);
    expect(byId.get('e2')!.lostBy).toEqual(['v2']);
    // e3 was read by v2 before retention deleted it: not lost; e4 was never deleted.
    expect(byId.get('e3')!.lostBy).toEqual([]);
    expect(byId.get('e4')!.lostBy).toEqual([]);
    expect(recordFlags(byId.get('e1')!).deleted).toBe(true);
    expect(recordFlags(byId.get('e4')!).deleted).toBe(false);
  });
});
