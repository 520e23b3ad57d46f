// @vitest-environment node
/**
 * The example scenarios in `scenarios/`, each checked against answers worked out BY HAND from
 * MODEL.md and docs/engine.md (never copied from the engine's output). The comment above each
 * table entry is the hand computation.
 *
 * Rules used throughout (docs/engine.md):
 * - A record is appended at its `arrival`; a live streaming job fetches it at once and finishes
 *   processing it `processingTime` later (default 1 s). A producer retry appends a second record of
 *   the same event at `arrival + after`.
 * - Commits (at-least-once) and checkpoints (exactly-once) happen on ticks at whole multiples of
 *   `commitEvery` (default 1 m), at the first tick after something was processed; at-most-once
 *   commits at fetch.
 * - Batch runs at 00:05 local every 24 h, starting on the start day; a run's cut-off is the log's
 *   end when it starts; it publishes 40 m later (00:45). On publish the speed layer drops the
 *   records before that cut-off and keeps the rest.
 * - served = batch(D) + speed(D) (Lambda); Kappa serves the current table.
 * - A query is answered after everything else that happens at the same instant.
 * Unless said otherwise: UTC, speed per-record at-least-once, batch distinct-users.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  formatProblem,
  parseScenarioText,
  runScenario,
  type QueryAnswer,
  type Report,
  type Scenario,
} from '../../src/engine/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scenariosDir = `${root}scenarios/`;

function load(file: string): Scenario {
  const parsed = parseScenarioText(readFileSync(`${scenariosDir}${file}`, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}:\n${parsed.problems.map(formatProblem).join('\n')}`);
  return parsed.scenario;
}

const lambda = (batch: number, speed: number) => ({ batch, speed });
const table = (name: string) => ({ table: name });
/** One expected answer: the query's instant, the day it resolves to, served, truth, parts. */
const answer = (
  at: string,
  day: string,
  served: number,
  truth: number,
  parts: QueryAnswer['parts'],
): QueryAnswer => ({ at, day, served, truth, parts });

interface Case {
  file: string;
  answers: QueryAnswer[];
  /** Worked out by hand too where the rule shows only in the steps taken. */
  steps?: number;
}

const cases: Case[] = [
  // 01 Yesterday vs today (lambda basics; written by someone else, worked by hand here).
  // Arrivals default to time + 0.1–3 s (seeded network delay), except e6 (arrival 11-24 02:30).
  // Batch runs: 11-22 00:05 (empty log); 11-23 00:05 cut-off {e1 u1, e2 u2} → view {22: 2},
  //   published 11-23 00:45, speed drops e1, e2; 11-24 00:05 cut-off {e1..e5} (e6 not arrived):
  //   users u1 (earliest 22), u2 (22), u3 (23), u4 (23) → view {22: 2, 23: 2}, published
  //   11-24 00:45; speed drops e3, e4, e5.
  // Speed: last commit before the crash is the tick 11-23 19:21:00 (after e5 was processed at
  //   ~19:20:04) → committed position 5 (= the 11-24 cut-off). e7 arrives 00:45:00.1–00:45:03,
  //   processed ≤ 00:45:04 → speed {24: 1}; its retry copy arrives ≤ 00:45:06, processed
  //   ≤ 00:45:07 → {24: 2}. No tick (00:46:00) before the crash at 00:45:30.
  //   Crash at 00:45:30, at-least-once: counts kept, resume from position 5 at 00:50:30: e7 and
  //   its copy are processed again → {24: 4}. e6 arrives 02:30 → {23: 1, 24: 4}. e8 (u7, 07:10)
  //   → {23: 1, 24: 5}.
  // Query 11-24 10:00 yesterday (11-23): batch 2 + speed 1 = 3; truth: u3, u4, u5 (u1's earliest
  //   signup is 11-22) = 3.
  // Query 11-24 10:00 today (11-24): batch 0 + speed 5 = 5 (e7 twice for the retry, twice more
  //   for the crash replay, e8); truth: u6, u7 = 2.
  {
    file: '01-yesterday-vs-today.json',
    answers: [
      answer('2026-11-24T10:00:00.000Z', '2026-11-23', 3, 3, lambda(2, 1)),
      answer('2026-11-24T10:00:00.000Z', '2026-11-24', 5, 2, lambda(0, 5)),
    ],
  },

  // 02 A late signup misses the batch cut-off.
  // Records: e1 u1 (23 10:00), e2 u2 (23 15:00), e3 u3 (time 23 23:50, arrival 24 03:00),
  //   e4 u4 (24 08:00). Batch 11-23 00:05: empty. Batch 11-24 00:05: cut-off {e1, e2} →
  //   view {23: 2}, published 00:45; speed drops e1, e2 → speed {}.
  // Query 11-24 02:00 yesterday: batch 2 + speed 0 (e3 not arrived) = 2; truth counts e3 (event
  //   time 23:50 ≤ 02:00, arrived or not): u1, u2, u3 = 3.
  // Query 11-24 04:00 yesterday: e3 arrived 03:00, processed 03:00:01 → speed {23: 1}: 2 + 1 = 3;
  //   truth 3. The speed layer counts the late event for yesterday.
  // Batch 11-25 00:05: cut-off {e1..e4} → view {23: 3, 24: 1}, published 00:45; speed drops
  //   e3, e4 → speed {}.
  // Query 11-25 01:00 yesterday (11-24): batch 1 + speed 0 = 1; truth u4 = 1.
  // Query 11-25 01:00 day 2026-11-23: batch 3 + speed 0 = 3 (the batch took e3 over); truth 3.
  {
    file: '02-late-event-after-cutoff.json',
    answers: [
      answer('2026-11-24T02:00:00.000Z', '2026-11-23', 2, 3, lambda(2, 0)),
      answer('2026-11-24T04:00:00.000Z', '2026-11-23', 3, 3, lambda(2, 1)),
      answer('2026-11-25T01:00:00.000Z', '2026-11-24', 1, 1, lambda(1, 0)),
      answer('2026-11-25T01:00:00.000Z', '2026-11-23', 3, 3, lambda(3, 0)),
    ],
  },

  // 03 The hand-off.
  // Records: e1 u1 (23 09:00), e2 u2 (23 20:00), e3 u3 (time 23 23:59, arrival 24 00:20, i.e.
  //   during the batch run), e4 u4 (24 00:30, during the run).
  // Batch 11-23 00:05: empty view, published 11-23 00:45. Batch 11-24 00:05: cut-off {e1, e2},
  //   publishes {23: 2} at 00:45.
  // Query 11-24 00:40 yesterday: batch (old, empty view) 0 + speed {23: e1, e2, e3 = 3} = 3;
  //   truth u1, u2, u3 = 3.
  // Query 11-24 00:45 yesterday (after the publish at the same instant): batch 2; the speed
  //   layer drops e1, e2 (before the cut-off) and keeps e3, e4 (arrived during the run) →
  //   speed {23: 1, 24: 1}: 2 + 1 = 3, level with the answer before the publish; truth 3.
  // Query 11-24 00:45 today: batch 0 + speed 1 (e4) = 1; truth u4 = 1.
  {
    file: '03-hand-off-after-a-batch-run.json',
    answers: [
      answer('2026-11-24T00:40:00.000Z', '2026-11-23', 3, 3, lambda(0, 3)),
      answer('2026-11-24T00:45:00.000Z', '2026-11-23', 3, 3, lambda(2, 1)),
      answer('2026-11-24T00:45:00.000Z', '2026-11-24', 1, 1, lambda(0, 1)),
    ],
  },

  // 04 A producer retry.
  // Records: e1 u1 at 23 10:00:01, its retry copy at 10:00:04; e2 u2 at 24 09:00:01, its copy at
  //   09:00:04.
  // Query 11-23 12:00 today: batch (11-23 00:05, empty) 0 + speed per-record 2 (both copies of
  //   e1) = 2; truth u1 = 1.
  // Batch 11-24 00:05: cut-off {e1, e1 copy}, distinct-users → {23: 1}; published 00:45, speed
  //   drops both copies.
  // Query 11-24 10:00 yesterday: batch 1 + speed 0 = 1; truth 1.
  // Query 11-24 10:00 today: batch 0 + speed 2 (both copies of e2) = 2; truth u2 = 1.
  {
    file: '04-producer-retry-duplicate.json',
    answers: [
      answer('2026-11-23T12:00:00.000Z', '2026-11-23', 2, 1, lambda(0, 2)),
      answer('2026-11-24T10:00:00.000Z', '2026-11-23', 1, 1, lambda(1, 0)),
      answer('2026-11-24T10:00:00.000Z', '2026-11-24', 2, 1, lambda(0, 2)),
    ],
  },

  // 05 At-least-once crash (commitEvery 1m, processingTime 1s). All on 11-23, arrival = time.
  // e1 10:00:10 → processed 10:00:11 → commit at tick 10:01:00, position 1.
  // e2 10:01:10 → 10:01:11; e3 10:01:20 → 10:01:21; e4 10:01:30 → 10:01:31: speed {23: 4}.
  //   Next tick would be 10:02:00.
  // Crash 10:01:40 (down 5 m): nothing in flight; counts are not rolled back (still 4).
  // Query 10:03 today: batch 0 + speed 4 = 4; truth u1..u4 = 4.
  // Recovery 10:06:40: resume from committed position 1: e2, e3, e4 processed again (by
  //   10:06:41) → speed 4 + 3 = 7.
  // Query 10:08 today: 7; truth still 4 (e5 not yet). Overcount 3.
  // e5 10:10:00 → 8. Query 12:00 today: 8; truth 5.
  {
    file: '05-at-least-once-crash.json',
    answers: [
      answer('2026-11-23T10:03:00.000Z', '2026-11-23', 4, 4, lambda(0, 4)),
      answer('2026-11-23T10:08:00.000Z', '2026-11-23', 7, 4, lambda(0, 7)),
      answer('2026-11-23T12:00:00.000Z', '2026-11-23', 8, 5, lambda(0, 8)),
    ],
  },

  // 06 At-most-once crash (processingTime 10s). All on 11-23, arrival = time.
  // e1 fetched (and committed) 10:00:00, processed 10:00:10; e2 10:01:00 → 10:01:10.
  // e3 fetched + committed 10:02:00 (would finish 10:02:10); e4 fetched + committed 10:02:03
  //   (would finish 10:02:13). Crash at 10:02:05: e3 and e4 are in flight → dropped, and the
  //   committed position is already past them: lost. Recovery at 10:07:05 resumes at position 4.
  // Query 10:05 today: speed 2 (e1, e2); truth u1..u4 = 4.
  // e5 10:10:00 → processed 10:10:10. Query 12:00 today: speed 3; truth 5.
  {
    file: '06-at-most-once-crash.json',
    answers: [
      answer('2026-11-23T10:05:00.000Z', '2026-11-23', 2, 4, lambda(0, 2)),
      answer('2026-11-23T12:00:00.000Z', '2026-11-23', 3, 5, lambda(0, 3)),
    ],
  },

  // 07 Exactly-once crash + producer retry (no dedup). All on 11-23, arrival = time.
  // Log order: e1 10:00:10, e2 10:01:10, e2 copy 10:01:13, e3 10:01:20 (later: e4 10:10:00).
  // e1 processed 10:00:11 → checkpoint at 10:01:00: position 1, counts {23: 1}.
  // e2 10:01:11, copy 10:01:14, e3 10:01:21 → {23: 4}; no checkpoint before the crash.
  // Crash 10:01:40: counts and position roll back to the checkpoint → {23: 1}, position 1.
  // Query 10:03 today (job down): speed 1; truth u1, u2, u3 = 3.
  // Recovery 10:06:40: e2, e2 copy, e3 processed again, once each → 1 + 3 = 4 (no crash
  //   overcount; at-least-once would have given 7). e4 → 5.
  // Query 12:00 today: speed 5; truth u1..u4 = 4. The one extra is the producer-retry copy:
  //   exactly-once processing is not duplicate-free data.
  {
    file: '07-exactly-once-crash-and-retry.json',
    answers: [
      answer('2026-11-23T10:03:00.000Z', '2026-11-23', 1, 3, lambda(0, 1)),
      answer('2026-11-23T12:00:00.000Z', '2026-11-23', 5, 4, lambda(0, 5)),
    ],
  },

  // 08 Exactly-once + dedup by event id. Same records and crash as 07.
  // Before the crash: e1 counted (checkpoint 10:01:00: position 1, {23: 1}, seen {e1}); e2
  //   counted, e2 copy skipped (id e2 seen), e3 counted → 3.
  // Crash 10:01:40: roll back to {23: 1}, seen {e1}. Recovery 10:06:40: e2 counted, e2 copy
  //   skipped, e3 counted → 3; e4 → 4.
  // Query 11-23 12:00 today: batch 0 + speed 4 = 4; truth 4.
  // Batch 11-24 00:05: cut-off all 5 records, distinct-users (and dedup) → {23: 4}, published
  //   00:45; speed drops all 5 records.
  // Query 11-24 01:00 yesterday: batch 4 + speed 0 = 4; truth 4.
  {
    file: '08-exactly-once-with-dedup.json',
    answers: [
      answer('2026-11-23T12:00:00.000Z', '2026-11-23', 4, 4, lambda(0, 4)),
      answer('2026-11-24T01:00:00.000Z', '2026-11-23', 4, 4, lambda(4, 0)),
    ],
  },

  // 09 Logic drift in time zones. Scenario, truth and batch: America/New_York (EST, UTC−5 in
  //   late November); speed per-record in UTC days. Arrival = time.
  // e1 u1 23 15:00Z = NY 23 10:00 (UTC day 23); e2 u2 24 02:00Z = NY 23 21:00 (UTC 24);
  //   e3 u3 24 03:30Z = NY 23 22:30 (UTC 24); e4 u4 24 14:00Z = NY 24 09:00 (UTC 24);
  //   e5 u5 25 01:00Z = NY 24 20:00 (UTC 25).
  // Batch at 00:05 NY = 05:05Z: 11-23 run on an empty log; 11-24 run (24 05:05Z) cut-off
  //   {e1, e2, e3} → NY days {23: 3}, published 24 05:45Z (00:45 NY); speed drops e1..e3.
  // Query NY 23 23:00 (24 04:00Z) today = NY 11-23: batch 0 + speed(UTC day 23) = e1 only = 1;
  //   truth u1, u2, u3 = 3.
  // Query NY 24 10:00 (24 15:00Z) yesterday = NY 11-23: batch 3 + speed 0 (speed holds only
  //   e4, UTC day 24) = 3; truth 3. The batch layer corrects the speed layer's drift.
  // Query NY 24 22:00 (25 03:00Z) today = NY 11-24: batch 0 (next run 25 05:05Z) + speed(UTC
  //   day 24) = e4 only = 1 (e5 sits on UTC day 25); truth u4, u5 = 2.
  {
    file: '09-speed-layer-counts-utc-days.json',
    answers: [
      answer('2026-11-24T04:00:00.000Z', '2026-11-23', 1, 3, lambda(0, 1)),
      answer('2026-11-24T15:00:00.000Z', '2026-11-23', 3, 3, lambda(3, 0)),
      answer('2026-11-25T03:00:00.000Z', '2026-11-24', 1, 2, lambda(0, 1)),
    ],
  },

  // 10 Logic drift: truth and batch exclude "test-" users; the speed layer does not.
  // e1 u1 (23 09:00), e2 test-1 (23 10:00), e3 u2 (24 08:00), e4 test-2 (24 09:00).
  // Query 11-23 12:00 today: batch 0 + speed 2 (e1, e2) = 2; truth u1 = 1.
  // Batch 11-24 00:05: cut-off {e1, e2}, test-1 excluded → {23: 1}; published 00:45, speed
  //   drops e1, e2.
  // Query 11-24 10:00 yesterday: batch 1 + speed 0 = 1; truth 1.
  // Query 11-24 10:00 today: batch 0 + speed 2 (e3, e4) = 2; truth u2 = 1.
  {
    file: '10-speed-layer-forgets-test-accounts.json',
    answers: [
      answer('2026-11-23T12:00:00.000Z', '2026-11-23', 2, 1, lambda(0, 2)),
      answer('2026-11-24T10:00:00.000Z', '2026-11-23', 1, 1, lambda(1, 0)),
      answer('2026-11-24T10:00:00.000Z', '2026-11-24', 2, 1, lambda(0, 2)),
    ],
  },

  // 11 The batch job crashes during a run.
  // e1 u1 (23 09:00), e2 u2 (23 20:00), e3 u3 (time 23 23:55, arrival 24 00:25),
  //   e4 u4 (24 00:40).
  // Batch 11-23 00:05: empty view. Batch 11-24 00:05: cut-off {e1, e2}; crash at 00:20 (down
  //   10 m) aborts it, nothing published. Back at 00:30: a new run starts at once, cut-off
  //   {e1, e2, e3} (e3 arrived 00:25), publishes {23: 3} at 01:10.
  // Query 11-24 00:50 yesterday: batch still the empty 11-23 view: 0 + speed {23: e1, e2, e3}
  //   = 3; truth 3.
  // Query 11-24 01:10 yesterday (after the publish): batch 3; speed drops e1..e3, keeps e4 →
  //   3 + 0 = 3; truth 3.
  // Query 11-24 01:10 today: batch 0 + speed 1 (e4) = 1; truth 1.
  {
    file: '11-batch-crash-during-a-run.json',
    answers: [
      answer('2026-11-24T00:50:00.000Z', '2026-11-23', 3, 3, lambda(0, 3)),
      answer('2026-11-24T01:10:00.000Z', '2026-11-23', 3, 3, lambda(3, 0)),
      answer('2026-11-24T01:10:00.000Z', '2026-11-24', 1, 1, lambda(0, 1)),
    ],
  },

  // 12 Kappa basics: v1 per-record from offset 0, served from table v1.
  // e1 u1 (23 09:00), e2 u2 (23 14:00), e3 u3 (time 23 23:30, arrival 24 01:00), e4 u4
  //   (24 08:00).
  // Query 11-24 00:30 yesterday: v1 {23: 2} (e3 not arrived); truth counts e3 (time ≤ at): 3.
  // Query 11-24 10:00 yesterday: v1 {23: 3} (e3 processed 01:00:01, on its event-time day);
  //   truth 3.
  // Query 11-24 10:00 today: v1 {24: 1}; truth 1.
  {
    file: '12-kappa-basics.json',
    answers: [
      answer('2026-11-24T00:30:00.000Z', '2026-11-23', 2, 3, table('v1')),
      answer('2026-11-24T10:00:00.000Z', '2026-11-23', 3, 3, table('v1')),
      answer('2026-11-24T10:00:00.000Z', '2026-11-24', 1, 1, table('v1')),
    ],
  },

  // 13 Kappa deploy + replay (speedup 10, processingTime 1s), all on 11-23, arrival = time.
  // Records: e1 u1 09:00, e2 u2 10:00, e3 u1 11:00 (u1 signs up again), e4 u3 12:00,
  //   e5 u4 13:15. v1 per-record counts u1 twice.
  // Deploy at 13:00 (distinct-users): v2 starts at e1 (arrival_first 09:00) and reads record i no
  //   earlier than 13:00 + (arrival_i − 09:00) / 10: e1 13:00, e2 13:06, e3 13:12, e4 13:18,
  //   e5 (appended 13:15) 13:00 + 4h15m/10 = 13:25:30, processed 13:25:31 → lag 0 → switch.
  // Query 13:10 today: v1 {23: e1..e4 = 4}; truth u1, u2, u3 = 3.
  // Query 13:20 today: still v1 (v2 has not read e5): 5; truth 4.
  // Query 14:00 today: v2 distinct-users {23: u1, u2, u3, u4 = 4}; truth 4.
  {
    file: '13-kappa-deploy-and-replay.json',
    answers: [
      answer('2026-11-23T13:10:00.000Z', '2026-11-23', 4, 3, table('v1')),
      answer('2026-11-23T13:20:00.000Z', '2026-11-23', 5, 4, table('v1')),
      answer('2026-11-23T14:00:00.000Z', '2026-11-23', 4, 4, table('v2')),
    ],
  },

  // 14 Kappa retention 1d limits the replay. Arrival = time.
  // e1 u1 21 10:00 (deleted 22 10:00:00.001), e2 u2 22 09:00 (deleted 23 09:00:00.001),
  //   e3 u3 22 15:00 (deleted 23 15:00:00.001), e4 u4 23 08:00. v1 processed all four live:
  //   {21: 1, 22: 2, 23: 1}.
  // Deploy 23 12:00 (distinct-users): earliest retained record is e3 (arrival_first 22 15:00).
  //   v2 reads e3 at 12:00:00, e4 at 12:00 + 17h/10 = 13:42:00, processed 13:42:01 → caught up
  //   → switch to v2 = {22: 1, 23: 1}. e1 and e2 are gone for good.
  // Query 23 12:30 day 11-22: still v1: 2; truth u2, u3 = 2.
  // Query 23 16:00 day 11-21: v2 0; truth u1 = 1.
  // Query 23 16:00 day 11-22: v2 1; truth 2.
  // Query 23 16:00 today (11-23): v2 1; truth u4 = 1.
  {
    file: '14-kappa-retention-limits-replay.json',
    answers: [
      answer('2026-11-23T12:30:00.000Z', '2026-11-22', 2, 2, table('v1')),
      answer('2026-11-23T16:00:00.000Z', '2026-11-21', 0, 1, table('v2')),
      answer('2026-11-23T16:00:00.000Z', '2026-11-22', 1, 2, table('v2')),
      answer('2026-11-23T16:00:00.000Z', '2026-11-23', 1, 1, table('v2')),
    ],
  },

  // 15 Kappa speedup 1: the replay never catches up. All on 11-23, arrival = time.
  // e1 u1 09:00, e2 u1 10:00, e3 u2 11:00, e4 u3 13:00, e5 u4 15:00, e6 u5 17:00.
  // Deploy 12:00 (distinct-users): v2 reads record i at 12:00 + (arrival_i − 09:00): e1 12:00,
  //   e2 13:00, e3 14:00, e4 16:00, e5 18:00, e6 20:00 (after the end, 18:00). It always lags
  //   3 hours behind, so the serving layer stays on v1 (per-record). (At speedup 1 the replay
  //   would catch up once live traffic stops: here signups keep coming until the end.)
  // Query 12:30 today: v1 3 (e1, e2, e3); truth u1, u2 = 2.
  // Query 17:30 today: v1 6; truth u1..u5 = 5.
  {
    file: '15-kappa-replay-never-catches-up.json',
    answers: [
      answer('2026-11-23T12:30:00.000Z', '2026-11-23', 3, 2, table('v1')),
      answer('2026-11-23T17:30:00.000Z', '2026-11-23', 6, 5, table('v1')),
    ],
  },

  // 16 Three partitions; speed distinct-users. Start 11-24 00:00, arrival = time except e4.
  // Jobs read the log in global arrival order, so partitions change nothing in the answers; u1's
  //   two records hash to the same partition.
  // e1 u1 24 08:00, e2 u2 08:10, e3 u3 08:20, e4 u1 (time 23 23:30, arrival 24 09:00),
  //   e5 u4 09:30, e6 u5 09:40. Batch 11-24 00:05 ran on an empty log (view {}); next run 11-25.
  // Query 24 08:30 today: speed {24: u1, u2, u3 = 3}; truth counts e4 (time ≤ at), so u1's
  //   earliest is 23 23:30 → truth(24) = u2, u3 = 2.
  // e4 processed 09:00:01: distinct-users moves u1 to day 23 → {23: 1, 24: 2}; e5, e6 → {24: 4}.
  // Query 24 12:00 today: 0 + 4; truth u2..u5 = 4.
  // Query 24 12:00 yesterday: 0 + 1; truth u1 = 1.
  {
    file: '16-three-partitions.json',
    answers: [
      answer('2026-11-24T08:30:00.000Z', '2026-11-24', 3, 2, lambda(0, 3)),
      answer('2026-11-24T12:00:00.000Z', '2026-11-24', 4, 4, lambda(0, 4)),
      answer('2026-11-24T12:00:00.000Z', '2026-11-23', 1, 1, lambda(0, 1)),
    ],
  },

  // 18 At-least-once commit with a record in flight (Kappa, processingTime 90s, commitEvery 1m).
  // Steps: 1 append e1 10:00:00, 2 fetch e1 (done 10:01:30), 3 append e2 10:01:00, 4 fetch e2
  //   (done 10:02:30), 5 e1 processed 10:01:30 → v1 {23: 1}; the next tick strictly after is
  //   10:02:00: 6 commit at 10:02:00 of the PROCESSED position, offset 1 (e2 is in flight: not
  //   committed). 7 crash 10:02:10: e2 dropped; restart from offset 1. 8 query 10:05: served 1,
  //   truth 2. 9 recovered 10:07:10, 10 fetch e2 (done 10:08:40), 11 e2 processed → {23: 2},
  //   12 commit 10:09:00, 13 query 12:00: served 2, truth 2. (Committing the fetched position
  //   would lose e2: served 1 where truth is 2, and 9 steps.)
  {
    file: '18-at-least-once-commit-with-records-in-flight.json',
    steps: 13,
    answers: [
      answer('2026-11-23T10:05:00.000Z', '2026-11-23', 1, 2, table('v1')),
      answer('2026-11-23T12:00:00.000Z', '2026-11-23', 2, 2, table('v1')),
    ],
  },

  // 19 The speed layer never reads below the published cut-off (Lambda, batch 00:05 daily, 40m).
  // Steps: 1 run 1 starts 11-23 00:05 (cut-off 0), 2 publishes 00:45 (empty), 3 speed crashes
  //   09:00 for 16h, 4 e1 appended 10:00 (the speed layer is down: no fetch), 5 run 2 starts
  //   11-24 00:05 (cut-off 1: e1), 6 publishes 00:45: batch {23: 1}; the speed layer's floor
  //   moves to 1. 7 speed back 01:00: it resumes at the cut-off, so there is nothing to read
  //   (reading e1 again would add a fetch and a processing step: 10 steps, same answer).
  //   8 query 11-24 02:00 for 11-23: batch 1 + speed 0 = 1; truth 1.
  {
    file: '19-speed-layer-skips-what-the-batch-view-covers.json',
    steps: 8,
    answers: [answer('2026-11-24T02:00:00.000Z', '2026-11-23', 1, 1, lambda(1, 0))],
  },

  // 20 Kappa switch-over waits for records in flight (speedup 10, processingTime 10s).
  // Steps: 1 append e1 10:00:00, 2 v1 fetches e1 (done 10:00:10), 3 deploy 10:00:05: v2 replays
  //   from offset 0, paced from e1's arrival: reads e1 at 10:00:05 + 0/10, 4 v2 fetches e1 (done
  //   10:00:15): its lag is 0 but e1 is in flight, so it has NOT caught up. 5 v1 processes e1
  //   10:00:10 → v1 {23: 1}. 6 query 10:00:12: still v1: served 1, truth 1 (switching at 10:00:05
  //   would serve v2's 0). 7 v2 processes e1 10:00:15 → v2 {23: 1}, 8 caught up, 9 switch-over
  //   (v1 stops), all at 10:00:15. 10 query 10:00:20: v2 serves 1. 11 v2 commits at 10:01:00
  //   (v1 is stopped: no commit). Nothing else happens before the end (11-24 12:00).
  {
    file: '20-kappa-switch-waits-for-records-in-flight.json',
    steps: 11,
    answers: [
      answer('2026-11-23T10:00:12.000Z', '2026-11-23', 1, 1, table('v1')),
      answer('2026-11-23T10:00:20.000Z', '2026-11-23', 1, 1, table('v2')),
    ],
  },
];

const GENERATED = '17-generated-two-and-a-half-days.json';

describe('example scenarios, against hand-worked answers', () => {
  test('every scenario file is checked here', () => {
    const files = readdirSync(scenariosDir).filter((f) => f.endsWith('.json'));
    // The unified scenarios (Streaming Systems, chapter 2) are checked in unified.book.test.ts.
    const unified = files.filter((f) => f.includes('-streaming-systems-'));
    expect(unified.length).toBeGreaterThan(0);
    expect(files.filter((f) => !unified.includes(f)).sort()).toEqual(
      [...cases.map((c) => c.file), GENERATED].sort(),
    );
  });

  test.each(cases)('$file', ({ file, answers, steps }) => {
    const report = runScenario(load(file));
    expect(report.answers).toEqual(answers);
    if (steps !== undefined) expect(report.steps).toBe(steps);
  });
});

describe('the generated scenario (invariants: too big to work out by hand)', () => {
  const DAY_MS = 86_400_000;
  const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  test('served ≥ 0, parts add up, truth equals a brute-force count, runs are identical', () => {
    const scenario = load(GENERATED);
    expect(scenario.events).toHaveLength(200);
    expect(scenario.timeZone).toBe('UTC');
    const report = runScenario(scenario);
    expect(report.answers).toHaveLength(scenario.queries.length);

    scenario.queries.forEach((query, i) => {
      const answer = report.answers[i];
      const day =
        query.day === 'today'
          ? utcDay(query.at)
          : query.day === 'yesterday'
            ? utcDay(query.at - DAY_MS)
            : query.day;
      expect(answer.at).toBe(new Date(query.at).toISOString());
      expect(answer.day).toBe(day);
      expect(answer.served).toBeGreaterThanOrEqual(0);
      expect('batch' in answer.parts).toBe(true);
      if ('batch' in answer.parts) {
        expect(answer.parts.batch + answer.parts.speed).toBe(answer.served);
      }
      // Truth by brute force: each user's earliest event time among events with time ≤ at.
      const earliest = new Map<string, number>();
      for (const event of scenario.events) {
        if (event.time > query.at) continue;
        const seen = earliest.get(event.user);
        if (seen === undefined || event.time < seen) earliest.set(event.user, event.time);
      }
      const truth = [...earliest.values()].filter((t) => utcDay(t) === day).length;
      expect(answer.truth).toBe(truth);
    });

    // 2026-11-22: every event of that day arrives by 11-23 06:00 (maxLateness 6h), long before
    // the 11-24 00:05 cut-off, and every generated user signs up once: the batch view alone
    // answers it, exactly.
    const old = report.answers[2];
    expect(old.day).toBe('2026-11-22');
    expect(old.parts).toEqual({ batch: old.truth, speed: 0 });

    expect(JSON.stringify(runScenario(load(GENERATED)))).toBe(JSON.stringify(report));
  });
});

describe('the headless simulator (npx tsx src/cli/simulate.ts)', () => {
  const simulate = (file: string) =>
    spawnSync('npx', ['tsx', 'src/cli/simulate.ts', `scenarios/${file}`], {
      cwd: root,
      encoding: 'utf8',
    });

  test.each(['01-yesterday-vs-today.json', '13-kappa-deploy-and-replay.json', GENERATED])(
    '%s: exit 0, the same report as runScenario, byte-identical on two runs',
    (file) => {
      const first = simulate(file);
      expect(first.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn'))).toEqual([]);
      expect(first.status).toBe(0);
      const report = JSON.parse(first.stdout) as Report;
      expect(report).toEqual(runScenario(load(file)));
      const second = simulate(file);
      expect(second.status).toBe(0);
      expect(second.stdout).toBe(first.stdout);
    },
  );
});
