/**
 * The scenarios shipped with the app (`scenarios/*.json`), bundled as raw text so that they go
 * through the same parser and validation as an imported file.
 */

export interface BundledScenario {
  /** File name, e.g. `01-yesterday-vs-today.json`: stable, and the order of the list. */
  file: string;
  /** The scenario's `name`, or the file name when it has none. */
  name: string;
  text: string;
  /** One line on what to watch for, shown when it is picked (empty if none is written). */
  watchFor: string;
}

/** What to watch for in each bundled scenario, by file (plain words, checked against concepts.md). */
const WATCH_FOR: Readonly<Record<string, string>> = {
  '01-yesterday-vs-today.json':
    'yesterday is answered by the batch view, today so far by the speed layer; compare each with truth.',
  '02-late-event-after-cutoff.json':
    'the late signup reaches the log after the batch cut-off flag, so that batch view leaves it out.',
  '03-hand-off-after-a-batch-run.json':
    'when the batch view is published, the speed layer drops the counts it now covers (the dashed bars fade).',
  '04-producer-retry-duplicate.json':
    'the retried signup is in the log twice (a diamond marked ×2), and per-record counting counts both copies.',
  '05-at-least-once-crash.json':
    'after the crash (lightning), the speed layer restarts from its committed marker and counts some records again.',
  '06-at-most-once-crash.json':
    'after the crash, the records that were in flight are crossed out: at-most-once never counts them.',
  '07-exactly-once-crash-and-retry.json':
    'the crash costs nothing, but the producer retry’s second copy (×2) is still counted.',
  '08-exactly-once-with-dedup.json':
    'dedup by event id skips the duplicate copy, so the served number matches truth.',
  '09-speed-layer-counts-utc-days.json':
    'signups near midnight New York time land on a different day in the speed layer (UTC days) than in truth.',
  '10-speed-layer-forgets-test-accounts.json':
    'the speed layer counts test-account signups that the batch view and truth leave out.',
  '11-batch-crash-during-a-run.json':
    'the batch run crashes part-way (lightning on the batch box) and starts again with a new cut-off.',
  '12-kappa-basics.json': 'one job reads the log into one table, and serving reads that table.',
  '13-kappa-deploy-and-replay.json':
    'the deploy starts job v2, which replays the log into table v2; once it catches up, the serving arrow switches to it.',
  '14-kappa-retention-limits-replay.json':
    'the replay starts at the earliest retained record (the bracket): what retention deleted never reaches table v2.',
  '15-kappa-replay-never-catches-up.json':
    'the new job’s lag never reaches zero: replaying at real-time speed never catches up.',
  '16-three-partitions.json':
    'records spread over partitions P0–P2, each with its own offsets; the late first signup still counts on its day.',
  '17-generated-two-and-a-half-days.json':
    'many records over several days: the log thins its labels, and the time strip marks each batch run.',
  '18-at-least-once-commit-with-records-in-flight.json':
    'the committed marker never passes a record still being processed; after the crash the job resumes there and reads that record again.',
  '19-speed-layer-skips-what-the-batch-view-covers.json':
    'the speed layer is down when e1 arrives and comes back after the hand-off: it starts at the batch cut-off, so only the batch view counts e1.',
  '20-kappa-switch-waits-for-records-in-flight.json':
    'job v2 soon reads all of the log, but the serving arrow switches to table v2 only once e1, still in flight, is processed.',
  '20-streaming-systems-fig-2-3-classic-batch.json':
    'a bounded run over all the scores: one answer, given only once all the input has been read.',
  '21-streaming-systems-fig-2-5-windowed-batch.json':
    'the same scores cut into 2-minute event-time windows: each window gets its own answer, all at the end of the run.',
  '22-streaming-systems-fig-2-6-per-record-triggers.json':
    'a pane after every record: each window’s value is updated as its scores arrive, but nothing says when it is complete.',
  '23-streaming-systems-fig-2-7-aligned-delay.json':
    'early panes every 2 minutes of processing time, for all windows at the same moments (like micro-batches).',
  '24-streaming-systems-fig-2-8-unaligned-delay.json':
    'early panes 2 minutes after each window’s first score, so the updates are spread out instead of bunched together.',
  '25-streaming-systems-fig-2-10-perfect-watermark.json':
    'a perfect watermark waits for every score: each window fires once, with its full sum, even if that is late in processing time.',
  '26-streaming-systems-fig-2-10-heuristic-watermark.json':
    'the heuristic watermark passes the first window before its slow 9 arrives: the window fires without it, and the 9 is dropped.',
  '27-streaming-systems-fig-2-11-early-late-perfect.json':
    'early panes each minute, then one on-time pane per window; with a perfect watermark no score is late, so no late pane.',
  '28-streaming-systems-fig-2-11-early-late-heuristic.json':
    'early panes, an on-time pane when the watermark passes, then a late pane when the slow 9 arrives: the answer is corrected.',
  '29-streaming-systems-fig-2-12-allowed-lateness.json':
    'allowed lateness of 2 minutes: a window is kept until the watermark is 2 minutes past its end; a score later than that is dropped.',
  '30-streaming-systems-fig-2-13-discarding.json':
    'discarding panes: each pane holds only what arrived since the last one, so the sink must add them up.',
  '31-streaming-systems-table-2-1-retracting.json':
    'retracting panes: each new pane takes back the previous value and gives the new one, so the sink never double-counts.',
};

const files = import.meta.glob<string>('../../scenarios/*.json', {
  eager: true,
  query: '?raw',
  import: 'default',
});

/** Reads only the name: full validation happens when the scenario is picked. */
function nameOf(text: string, file: string): string {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && 'name' in value) {
      const name = (value as { name: unknown }).name;
      if (typeof name === 'string' && name.trim() !== '') return name;
    }
  } catch {
    // An invalid bundled file still appears in the list; picking it shows its problems.
  }
  return file.replace(/\.json$/, '');
}

export const bundledScenarios: readonly BundledScenario[] = Object.entries(files)
  .map(([path, text]) => {
    const file = path.slice(path.lastIndexOf('/') + 1);
    return { file, name: nameOf(text, file), text, watchFor: WATCH_FOR[file] ?? '' };
  })
  .sort((a, b) => a.file.localeCompare(b.file));
