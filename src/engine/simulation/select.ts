/**
 * Selectors: from an engine state to the plain view the visuals read (no typed arrays, no
 * machine snapshots). The shared parts (log, streaming jobs, days, answers) are selected here;
 * the architecture adds its own part (`Architecture.view`). Pure: the same state always gives an
 * equal view.
 */
import type { Engine } from './engine.ts';
import { recordInfo } from './words.ts';
import type {
  DayCounts,
  JobLifecycle,
  LogRecordView,
  ServedDay,
  SimulationView,
  StreamJobView,
} from './simulation.types.ts';
import { dayKey } from '../time/time.logic.ts';
import { offsetsAt, type World } from '../world/world.ts';
import type { StreamJob } from '../stream/stream.job.ts';
import { nextFetchPosition } from '../stream/stream.steps.ts';

export function countsOf(world: World, counts: Int32Array): DayCounts {
  const out: DayCounts = {};
  for (let d = 0; d < counts.length; d++)
    if (counts[d] !== 0) out[dayKey(d + world.dayBase)] = counts[d];
  return out;
}

function selectJob(e: Engine, j: StreamJob): StreamJobView {
  const inFlight = [];
  for (let k = 0; k < j.flightSize; k++) {
    const fetchedAt = j.flightTimeAt(k);
    inFlight.push({ record: j.flightRecordAt(k), fetchedAt, doneAt: fetchedAt + j.processingTime });
  }
  const logic = j.tally.table.logic;
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
    processed: j.processedPosition,
    committed: j.committed,
    fetchedOffsets: offsetsAt(e.world, j.fetched),
    committedOffsets: offsetsAt(e.world, j.committed),
    lag:
      j.state === 'stopped'
        ? 0
        : j.flightSize + Math.max(0, e.appended - nextFetchPosition(j, e.earliest)),
    inFlight,
    counts: countsOf(e.world, j.tally.counts),
    reprocessed: j.reprocessed,
    dedupSkipped: j.dedupSkipped,
    lost: j.lost.slice(),
    lostToRetention: j.lostToRetention,
  };
}

/** How many of the latest records the log picture gets. */
export const RECENT_RECORDS = 60;

function selectRecent(e: Engine, limit: number, cutOff: number): LogRecordView[] {
  const out: LogRecordView[] = [];
  for (let g = Math.max(0, e.appended - limit); g < e.appended; g++) {
    const processedBy: Record<string, number> = {};
    const lostBy: string[] = [];
    for (const j of e.jobs) {
      processedBy[j.name] = j.timesProcessed.get(g);
      // Lost: at-most-once dropped it in a crash, or retention deleted it before the job read it.
      if (j.lost.includes(g) || j.missedToRetention(g)) lostBy.push(j.name);
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

/** Every day with any count in any view, or in truth, sorted: served (with parts) and truth. */
export function selectDays(e: Engine): ServedDay[] {
  const days = new Set<number>();
  const counts = e.truth.counts;
  for (let d = 0; d < counts.length; d++) if (counts[d] !== 0) days.add(d);
  for (const d of e.arch.countedDays()) days.add(d);
  // An aggregate's own truth (unified): a day whose only events were dropped still has one.
  if (e.arch.truthDays) for (const d of e.arch.truthDays(e)) days.add(d);
  return [...days]
    .sort((a, b) => a - b)
    .map((d) => ({
      day: dayKey(d + e.world.dayBase),
      ...e.servedOn(d),
      truth: e.truthOn(d),
    }));
}

export function selectView(e: Engine, step: number): SimulationView {
  const w = e.world;
  const arch = e.arch.view(e);
  const served = selectDays(e);
  const cutOff = arch.architecture === 'lambda' ? (arch.batch.published?.cutOff ?? 0) : 0;
  return {
    step,
    time: e.now,
    timeZone: e.scenario.timeZone,
    log: {
      partitions: e.scenario.log.partitions,
      appended: e.appended,
      earliest: e.earliest,
      endOffsets: offsetsAt(w, e.appended),
      earliestOffsets: offsetsAt(w, e.earliest),
      deleted: e.earliest,
      recent: selectRecent(e, RECENT_RECORDS, cutOff),
    },
    jobs: e.jobs.map((j) => selectJob(e, j)),
    ...arch,
    days: served,
    answers: e.answers.slice(),
  };
}
