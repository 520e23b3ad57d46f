// @vitest-environment node
/**
 * Narration compared with sentences written by hand for each kind of step (not with the
 * engine's own output): the numbers in them are worked out in scenarios.test.ts's comments
 * (scenarios 06, 13, 18, 19) from MODEL.md and docs/engine.md.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenario, parseScenarioText, Simulation } from '../../src/engine/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sim(file: string): Simulation {
  const parsed = parseScenarioText(readFileSync(`${root}scenarios/${file}`, 'utf8'));
  if (!parsed.ok) throw new Error(file);
  return Simulation.create(parsed.scenario);
}

/** [scenario, step index, kind, job, exact sentence] */
const table: [string, number, string, string | undefined, string][] = [
  [
    '18-at-least-once-commit-with-records-in-flight.json',
    0,
    'record.appended',
    undefined,
    'Signup e1 (user u1) reached the log at offset 0.',
  ],
  [
    '18-at-least-once-commit-with-records-in-flight.json',
    1,
    'record.fetched',
    'v1',
    'Job v1 read e1 (user u1) at offset 0 from the log.',
  ],
  [
    '18-at-least-once-commit-with-records-in-flight.json',
    4,
    'record.processed',
    'v1',
    'Job v1 counted e1 for 2026-11-23 (per-record): that day now shows 1.',
  ],
  // The commit at 10:02 covers e1 only: e2 is still in flight.
  [
    '18-at-least-once-commit-with-records-in-flight.json',
    5,
    'offsets.committed',
    'v1',
    'Job v1 committed offset 1: if it crashed, it would restart from here.',
  ],
  // Processed up to offset 1 before the crash, committed 1: nothing is processed twice.
  [
    '18-at-least-once-commit-with-records-in-flight.json',
    6,
    'job.crashed',
    'v1',
    'Job v1 crashed. At-least-once: it restarts from its last committed offset 1, so the 0 records it processed after that commit will be processed again. It is back at 2026-11-23 10:07:10.',
  ],
  [
    '18-at-least-once-commit-with-records-in-flight.json',
    7,
    'query.answered',
    undefined,
    'Query: how many new users on 2026-11-23 (today so far)? Served 1 from table v1. Truth is 2: the answer is 1 too low.',
  ],
  [
    '18-at-least-once-commit-with-records-in-flight.json',
    8,
    'job.recovered',
    'v1',
    'Job v1 is back and resumes reading from offset 1.',
  ],
  // At-most-once: e3 and e4 were fetched (and committed) and not processed at 10:02:05.
  [
    '06-at-most-once-crash.json',
    12,
    'job.crashed',
    'speed',
    'The speed layer crashed. At-most-once: offsets were committed before processing, so the 2 records in flight are lost and will never be counted. It is back at 2026-11-23 10:07:05.',
  ],
  [
    '06-at-most-once-crash.json',
    14,
    'job.recovered',
    'speed',
    'The speed layer is back and resumes reading from offset 4.',
  ],
  [
    '13-kappa-deploy-and-replay.json',
    16,
    'deploy.started',
    'v2',
    'New logic deployed (distinct-users, UTC): job v2 starts at the earliest retained offset 0 and replays at 10× into table v2. The serving layer still reads v1.',
  ],
  [
    '13-kappa-deploy-and-replay.json',
    37,
    'replay.caught-up',
    'v2',
    'Job v2 caught up: its lag is 0.',
  ],
  [
    '13-kappa-deploy-and-replay.json',
    38,
    'serving.switched',
    'v2',
    'The serving layer now reads table v2 (an atomic switch); job v1 is stopped.',
  ],
  [
    '19-speed-layer-skips-what-the-batch-view-covers.json',
    4,
    'batch.started',
    'batch',
    "Batch run 2 started. Its cut-off is the log's end now (offset 1); it recomputes every day from scratch over the 1 retained record before the cut-off, and publishes at 2026-11-24 00:45.",
  ],
  // Hand-off: the speed layer had no state below the cut-off yet (floor 0 → 1): 1 record.
  [
    '19-speed-layer-skips-what-the-batch-view-covers.json',
    5,
    'batch.published',
    'batch',
    'Batch run 2 published its view atomically, covering every record before offset 1. The speed layer drops its state for the 1 record before that cut-off; records that arrived during the run stay in the speed view.',
  ],
  // Back after the hand-off: it resumes at the cut-off, not at its old commit (offset 0).
  [
    '19-speed-layer-skips-what-the-batch-view-covers.json',
    6,
    'job.recovered',
    'speed',
    'The speed layer is back and resumes reading from offset 1.',
  ],
  [
    '14-kappa-retention-limits-replay.json',
    8,
    'log.trimmed',
    undefined,
    'Retention (1d) deleted 1 record that had been in the log longer than that: the log now starts at offset 1.',
  ],
  // Exactly-once: offset 1 (after e1) and the counts are saved together at the commit tick.
  [
    '07-exactly-once-crash-and-retry.json',
    5,
    'offsets.committed',
    'speed',
    'The speed layer took a checkpoint: its counts and offset 1 are saved together. If it crashed, both would roll back here.',
  ],
  [
    '07-exactly-once-crash-and-retry.json',
    15,
    'job.crashed',
    'speed',
    'The speed layer crashed. Exactly-once: its counts roll back to the last checkpoint together with the offsets (offset 1); records after it will be processed again and count once. It is back at 2026-11-23 10:06:40.',
  ],
  [
    '07-exactly-once-crash-and-retry.json',
    17,
    'job.recovered',
    'speed',
    'The speed layer is back and resumes reading from offset 1. Until it reaches where it was, it is processing records for the second time.',
  ],
  // e2 is the producer's retry of e1: with dedup by event id the speed layer skips it.
  [
    '08-exactly-once-with-dedup.json',
    11,
    'record.processed',
    'speed',
    'The speed layer skipped e2: that event id was already counted (dedup by event id).',
  ],
  // The batch layer crashes 15 min into run 2 (00:20, down 10 min): the run is lost, restarts at 00:30.
  [
    '11-batch-crash-during-a-run.json',
    11,
    'job.crashed',
    'batch',
    'The batch layer crashed; the run in progress is lost and starts again when it is back at 2026-11-24 00:30.',
  ],
  [
    '11-batch-crash-during-a-run.json',
    16,
    'job.recovered',
    'batch',
    'The batch layer is back. It starts the run it missed now.',
  ],
];

/** Hand-made scenarios for the outcomes no bundled scenario reaches. */
const handMade: [string, Record<string, unknown>, number, string][] = [
  // e1 arrives at 00:04 and takes 1 h to process; run 2 starts at 00:05 with cut-off offset 1 and
  // publishes at 00:45 while e1 is still in flight: it finishes at 01:04 and is not counted.
  [
    'a record in flight at the publish, below the cut-off',
    {
      architecture: 'lambda',
      timeZone: 'UTC',
      start: '2026-11-23T00:00:00Z',
      end: '2026-11-24T03:00:00Z',
      speed: { processingTime: '1h' },
      events: [
        { id: 'e1', user: 'u1', time: '2026-11-24T00:04:00Z', arrival: '2026-11-24T00:04:00Z' },
      ],
    },
    6,
    'The speed layer processed e1, but the batch view already covers it (it is before the cut-off), so the speed view does not count it.',
  ],
  [
    'an excluded user',
    {
      architecture: 'lambda',
      timeZone: 'UTC',
      start: '2026-11-23T00:00:00Z',
      end: '2026-11-23T12:00:00Z',
      logic: { counting: 'distinct-users', excludeUserPrefix: 'test-' },
      events: [
        { id: 'e1', user: 'test-1', time: '2026-11-23T10:00:00Z', arrival: '2026-11-23T10:00:00Z' },
      ],
    },
    4,
    'The speed layer ignored e1: user test-1 is excluded by its logic ("test-…").',
  ],
];

describe('narration, one exact sentence per kind of step', () => {
  it.each(table)('%s step %i (%s)', (file, i, kind, job, sentence) => {
    const info = sim(file).stepInfo(i);
    expect(info.kind).toBe(kind);
    expect(info.job).toBe(job);
    expect(info.description).toBe(sentence);
  });

  it.each(handMade)('record.processed: %s', (_name, json, i, sentence) => {
    const parsed = parseScenario(json);
    if (!parsed.ok) throw new Error('scenario');
    const info = Simulation.create(parsed.scenario).stepInfo(i);
    expect(info.kind).toBe('record.processed');
    expect(info.job).toBe('speed');
    expect(info.description).toBe(sentence);
  });

  it('a Lambda retention step names no job (it used to say "batch")', () => {
    const parsed = parseScenario({
      architecture: 'lambda',
      timeZone: 'UTC',
      start: '2026-11-23T00:00:00Z',
      end: '2026-11-23T03:00:00Z',
      log: { retention: '1h' },
      events: [
        { id: 'e1', user: 'u1', time: '2026-11-23T00:10:00Z', arrival: '2026-11-23T00:10:00Z' },
      ],
    });
    if (!parsed.ok) throw new Error('scenario');
    const s = Simulation.create(parsed.scenario);
    const trims = [...Array(s.stepCount).keys()].filter((i) => s.kindOf(i) === 'log.trimmed');
    expect(trims).toHaveLength(1);
    expect(s.stepInfo(trims[0]).job).toBeUndefined();
  });
});
