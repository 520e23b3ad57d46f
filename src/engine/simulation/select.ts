/**
 * Selectors: from an engine state to the plain view the visuals read (no typed arrays, no
 * machine snapshots). Pure: the same state always gives an equal view.
 */
import type { Engine } from './engine.ts';
import { recordInfo } from './narrate.ts';
import type {
  DayCounts,
  JobLifecycle,
  LogRecordView,
  ServedDay,
  SimulationView,
  StreamJobView,
} from './simulation.types.ts';
import { dayKey } from '../time/time.logic.ts';
import { offsetsAt } from '../world/world.ts';
import type { StreamJob } from '../stream/stream.job.ts';

function countsOf(e: Engine, counts: Int32Array): DayCounts {
  const out: DayCounts = {};
  for (let d = 0; d < counts.length; d++)
    if (counts[d] !== 0) out[dayKey(d + e.world.dayBase)] = counts[d];
  return out;
}

function selectJob(e: Engine, j: StreamJob): StreamJobView {
  const inFlight = [];
  for (let k = 0; k < j.flightSize; k++) {
    const fetchedAt = j.flightTimeAt(k);
    inFlight.push({ record: j.flightRecordAt(k), fetchedAt, doneAt: fetchedAt + j.processingTime });
  }
  const logic = j.tally.table.logic;
  const processed = j.processedPosition;
  return {
    name: j.name,
    role: j.role,
    state: j.state as JobLifecycle,
    counting: logic.counting,
    timeZone: logic.timeZone,
    excludeUserPrefix: logic.excludeUserPrefix,
    delivery: j.delivery,
    dedup: j.tally.dedup,
    fetched: j.fetched,
    processed,
    committed: j.committed,
    fetchedOffsets: offsetsAt(e.world, j.fetched),
    committedOffsets: offsetsAt(e.world, j.committed),
    lag:
      j.state === 'stopped' ? 0 : j.flightSize + Math.max(0, e.appended - e.nextFetchPosition(j)),
    inFlight,
    counts: countsOf(e, j.tally.counts),
    reprocessed: j.reprocessed,
    dedupSkipped: j.dedupSkipped,
    lost: j.lost.slice(),
    lostToRetention: j.lostToRetention,
  };
}

/** How many of the latest records the log picture gets. */
export const RECENT_RECORDS = 60;

function selectRecent(e: Engine, limit: number): LogRecordView[] {
  const out: LogRecordView[] = [];
  const cutOff = e.batch?.published?.cutOff ?? 0;
  for (let g = Math.max(0, e.appended - limit); g < e.appended; g++) {
    const processedBy: Record<string, number> = {};
    const lostBy: string[] = [];
    for (const j of e.jobs) {
      processedBy[j.name] = j.timesProcessed[g];
      if (
        j.lost.includes(g) ||
        (j.lostToRetention > 0 && g < e.earliest && j.timesProcessed[g] === 0 && j.fetched > g)
      ) {
        lostBy.push(j.name);
      }
    }
    out.push({
      ...recordInfo(e.world, g),
      deleted: g < e.earliest,
      processedBy,
      lostBy,
      inBatchView: g < cutOff,
    });
  }
  return out;
}

export function selectView(e: Engine, step: number): SimulationView {
  const w = e.world;
  const batch = e.batch;
  const run = batch?.run ?? null;
  const published = batch?.published ?? null;
  const days = new Set<number>();
  const collect = (counts: Int32Array): void => {
    for (let d = 0; d < counts.length; d++) if (counts[d] !== 0) days.add(d);
  };
  collect(e.truth.counts);
  for (const j of e.jobs) collect(j.tally.counts);
  if (published) collect(published.tally.counts);
  const served: ServedDay[] = [...days]
    .sort((a, b) => a - b)
    .map((d) => ({ day: dayKey(d + w.dayBase), ...e.servedOn(d), truth: e.truth.countOn(d) }));
  return {
    step,
    time: e.now,
    architecture: e.scenario.architecture,
    timeZone: e.scenario.timeZone,
    log: {
      partitions: e.scenario.log.partitions,
      appended: e.appended,
      earliest: e.earliest,
      endOffsets: offsetsAt(w, e.appended),
      earliestOffsets: offsetsAt(w, e.earliest),
      deleted: e.earliest,
      recent: selectRecent(e, RECENT_RECORDS),
    },
    jobs: e.jobs.map((j) => selectJob(e, j)),
    batch: batch
      ? {
          state: (batch.state === 'due' ? 'idle' : batch.state) as JobLifecycle,
          counting: batch.table.logic.counting,
          timeZone: batch.table.logic.timeZone,
          run: run
            ? {
                startedAt: run.startedAt,
                endsAt: run.endsAt,
                cutOff: run.cutOff,
                cutOffOffsets: offsetsAt(w, run.cutOff),
                progress: Math.min(1, (e.now - run.startedAt) / (run.endsAt - run.startedAt)),
              }
            : null,
          published: published
            ? {
                publishedAt: published.publishedAt,
                cutOff: published.cutOff,
                cutOffOffsets: offsetsAt(w, published.cutOff),
                counts: countsOf(e, published.tally.counts),
              }
            : null,
          nextRunAt: batch.nextStart(e.now),
        }
      : null,
    servingTable: e.kappaServing ? e.kappaServing.context.table : null,
    days: served,
    answers: e.answers.slice(),
  };
}
