/**
 * Narration: one or two plain sentences per step, in the learner's terms, built from the engine
 * state just after the step. Also the motion a step implies (what moved, from where to where).
 */
import type { Engine } from './engine.ts';
import type { Motion, RecordInfo } from './simulation.types.ts';
import { K } from './step-kinds.ts';
import { Outcome } from '../stream/tally.logic.ts';
import { calendarFor, dayKey, formatDuration, MINUTE } from '../time/time.logic.ts';
import { offsetsAt, type World } from '../world/world.ts';
import type { StreamJob } from '../stream/stream.job.ts';

export function recordInfo(world: World, index: number): RecordInfo {
  const ev = world.recEvent[index];
  return {
    index,
    id: world.eventId[ev],
    user: world.users[world.eventUser[ev]],
    time: world.eventTime[ev],
    arrival: world.recArrival[index],
    partition: world.recPartition[index],
    offset: world.recOffset[index],
    copy: world.recCopy[index],
    outOfOrder: world.recOutOfOrder[index] === 1,
    lateness: world.recArrival[index] - world.eventTime[ev],
  };
}

/** `2026-11-24 09:15` (seconds when not zero) in the scenario's time zone. */
export function formatLocal(ms: number, timeZone: string): string {
  const cal = calendarFor(timeZone);
  const day = cal.dayOf(ms);
  const sinceMidnight = Math.round(ms - cal.startOf(day));
  const h = Math.floor(sinceMidnight / 3_600_000);
  const m = Math.floor((sinceMidnight % 3_600_000) / MINUTE);
  const s = Math.floor((sinceMidnight % MINUTE) / 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${dayKey(day)} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

function jobLabel(job: StreamJob | undefined, capital = true): string {
  if (!job) return capital ? 'The batch layer' : 'the batch layer';
  if (job.role === 'speed') return capital ? 'The speed layer' : 'the speed layer';
  return `${capital ? 'Job' : 'job'} ${job.name}`;
}

/** Offsets of a global position: `offset 12`, or `offsets p0:5 p1:7` with partitions. */
function offsetText(e: Engine, position: number): string {
  const offs = offsetsAt(e.world, position);
  return offs.length === 1
    ? `offset ${offs[0]}`
    : `offsets ${offs.map((o, p) => `p${p}:${o}`).join(' ')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function recordLabel(e: Engine, record: number): string {
  const r = recordInfo(e.world, record);
  return `${r.id} (user ${r.user}${r.copy ? ', retry copy' : ''})`;
}

export function describeStep(e: Engine): string {
  const s = e.scenario;
  const tz = s.timeZone;
  const job = e.lastJob >= 0 ? e.jobs[e.lastJob] : undefined;
  const who = jobLabel(job);
  switch (e.lastKind) {
    case K.LogTrimmed:
      return `Retention (${formatDuration(s.log.retention!)}) deleted ${plural(e.detail[0], 'record')} that had been in the log longer than that: the log now starts at ${offsetText(e, e.earliest)}.`;
    case K.RecordAppended:
      return describeAppend(e, e.lastSubject);
    case K.RecordFetched: {
      const j = job!;
      let text = `${who} read ${recordLabel(e, e.lastSubject)} at ${offsetText(e, e.lastSubject).replace('offsets', 'offsets up to')} from the log.`;
      if (j.timesProcessed[e.lastSubject] > 0)
        text += ' It had processed this record before the crash: it reads it again.';
      if (j.pacing)
        text +=
          e.appended > j.fetched
            ? ` Replaying at ${j.pacing.speedup}×: ${plural(e.appended - j.fetched, 'record')} still to read.`
            : ` Replaying at ${j.pacing.speedup}×: it has now read everything appended so far.`;
      if (j.delivery === 'at-most-once')
        text += ` At-most-once: it commits ${offsetText(e, j.fetched)} now, before processing.`;
      return text;
    }
    case K.RecordProcessed:
      return describeProcessed(e, job!, e.lastSubject);
    case K.OffsetsCommitted:
      return job!.delivery === 'exactly-once'
        ? `${who} took a checkpoint: its counts and ${offsetText(e, job!.committed)} are saved together. If it crashed, both would roll back here.`
        : `${who} committed ${offsetText(e, job!.committed)}: if it crashed, it would restart from here.`;
    case K.JobCrashed:
      return describeCrash(e, job);
    case K.JobRecovered: {
      if (!job) {
        return `The batch layer is back.${e.batch!.startsNow ? ' It starts the run it missed now.' : ''}`;
      }
      if (job.state === 'stopped')
        return `${who} would be back now, but it was stopped at the switch-over.`;
      return `${who} is back and resumes reading from ${offsetText(e, job.fetched)}.${job.state === 'recovering' ? ' Until it reaches where it was, it is processing records for the second time.' : ''}`;
    }
    case K.BatchStarted: {
      const run = e.batch!.run!;
      return `Batch run ${run.number} started. Its cut-off is the log's end now (${offsetText(e, run.cutOff)}); it recomputes every day from scratch over the ${plural(run.cutOff - run.from, 'retained record')} before the cut-off, and publishes at ${formatLocal(run.endsAt, tz)}.`;
    }
    case K.BatchPublished: {
      const view = e.batch!.published!;
      if (view.cutOff === view.from) {
        return `Batch run ${view.number} published an empty view: the log held no records before its cut-off.`;
      }
      const dropped = view.cutOff - e.detail[0];
      return `Batch run ${view.number} published its view atomically, covering every record before ${offsetText(e, view.cutOff)}. The speed layer drops its state for the ${plural(Math.max(dropped, 0), 'record')} before that cut-off; records that arrived during the run stay in the speed view.`;
    }
    case K.DeployStarted: {
      const j = job!;
      const logic = j.tally.table.logic;
      let text = `New logic deployed (${logic.counting}, ${logic.timeZone}${logic.excludeUserPrefix ? `, excluding "${logic.excludeUserPrefix}…"` : ''}): job ${j.name} starts at the earliest retained ${offsetText(e, e.earliest)} and replays at ${s.kappa.speedup}× into table ${j.name}. The serving layer still reads ${e.kappaServing!.context.table}.`;
      if (e.earliest > 0)
        text += ` Retention already deleted ${plural(e.earliest, 'record')}: ${j.name} can never count them.`;
      return text;
    }
    case K.ReplayCaughtUp:
      return `Job ${job!.name} caught up: its lag is 0.`;
    case K.ServingSwitched:
      return `The serving layer now reads table ${job!.name} (an atomic switch); job ${e.jobs[e.detail[0]]?.name ?? '?'} is stopped.`;
    case K.QueryAnswered:
      return describeAnswer(e);
  }
  return '';
}

function describeAppend(e: Engine, record: number): string {
  const r = recordInfo(e.world, record);
  const tz = e.scenario.timeZone;
  const where =
    e.scenario.log.partitions > 1
      ? `partition ${r.partition}, offset ${r.offset}`
      : `offset ${r.offset}`;
  let text = `Signup ${r.id} (user ${r.user}) reached the log at ${where}.`;
  if (r.copy > 0)
    text += ` It is a duplicate: the producer retried ${r.id}, so the log now holds the same event twice.`;
  if (r.lateness >= MINUTE)
    text += ` It is late: the signup happened at ${formatLocal(r.time, tz)}, ${formatDuration(r.lateness)} before it arrived.`;
  if (r.outOfOrder)
    text += ' It is out of order: a signup with a later event time arrived before it.';
  return text;
}

function describeProcessed(e: Engine, job: StreamJob, record: number): string {
  const who = jobLabel(job);
  const r = recordInfo(e.world, record);
  const t = job.tally;
  const day = dayKey(t.lastDay + e.world.dayBase);
  const count = t.countOn(t.lastDay);
  let text: string;
  switch (e.detail[0]) {
    case Outcome.Counted:
      text = `${who} counted ${r.id} for ${day} (per-record): that day now shows ${count}.`;
      break;
    case Outcome.NewUser:
      text = `${who} counted user ${r.user} as new on ${day}: that day now shows ${count}.`;
      break;
    case Outcome.MovedEarlier:
      text = `${who} saw an earlier signup of ${r.user}: they move from ${dayKey(t.lastFromDay + e.world.dayBase)} to ${day}.`;
      break;
    case Outcome.KnownUser:
      text = `${who} processed ${r.id}: user ${r.user} was already counted (on ${day}), so nothing changes.`;
      break;
    case Outcome.DuplicateId:
      return `${who} skipped ${r.id}: that event id was already counted (dedup by event id).`;
    case Outcome.Excluded:
      return `${who} ignored ${r.id}: user ${r.user} is excluded by its logic ("${t.table.logic.excludeUserPrefix}…").`;
    default:
      return `${who} processed ${r.id}, but the batch view already covers it (it is before the cut-off), so the speed view does not count it.`;
  }
  if (job.timesProcessed[record] > 1) {
    if (job.delivery === 'exactly-once')
      text +=
        ' It was processed before the crash, but the state rolled back with the offsets, so it counts once.';
    else if (t.counting === 'per-record' && e.detail[0] === Outcome.Counted)
      text += ' It was already counted before the crash: at-least-once delivery counts it again.';
    else text += ' It was already processed before the crash.';
  }
  return text;
}

function describeCrash(e: Engine, job: StreamJob | undefined): string {
  const down = e.recoveries.length ? e.recoveries[e.recoveries.length - 1].at : e.now;
  if (!job) {
    if (e.batch!.state !== 'crashed' || e.recoveries.every((r) => r.job !== -1))
      return 'The batch layer was already down.';
    return `The batch layer crashed${e.detail[0] ? '; the run in progress is lost and starts again' : ''} when it is back at ${formatLocal(down, e.scenario.timeZone)}.`;
  }
  const who = jobLabel(job);
  if (job.state !== 'crashed' || !e.recoveries.some((r) => r.job === e.lastJob))
    return `${who} was already down or stopped: nothing changes.`;
  const back = `It is back at ${formatLocal(down, e.scenario.timeZone)}.`;
  const processedBefore = e.detail[1];
  if (job.delivery === 'at-least-once') {
    const again = processedBefore - job.committed;
    return `${who} crashed. At-least-once: it restarts from its last committed ${offsetText(e, job.committed)}, so the ${plural(Math.max(again, 0), 'record')} it processed after that commit will be processed again. ${back}`;
  }
  if (job.delivery === 'at-most-once') {
    return `${who} crashed. At-most-once: offsets were committed before processing, so the ${plural(e.detail[0], 'record')} in flight ${e.detail[0] === 1 ? 'is' : 'are'} lost and will never be counted. ${back}`;
  }
  return `${who} crashed. Exactly-once: its counts roll back to the last checkpoint together with the offsets (${offsetText(e, job.committed)}); records after it will be processed again and count once. ${back}`;
}

function describeAnswer(e: Engine): string {
  const a = e.answers[e.answers.length - 1];
  const q = e.scenario.queries[e.lastSubject];
  const which = q.day === 'today' ? ' (today so far)' : q.day === 'yesterday' ? ' (yesterday)' : '';
  const parts =
    'table' in a.parts
      ? `from table ${a.parts.table}`
      : `= batch ${a.parts.batch} + speed ${a.parts.speed}`;
  const diff = a.served - a.truth;
  const verdict =
    diff === 0
      ? 'It matches the truth.'
      : `Truth is ${a.truth}: the answer is ${diff > 0 ? `${diff} too high` : `${-diff} too low`}.`;
  return `Query: how many new users on ${a.day}${which}? Served ${a.served} ${parts}. ${verdict}`;
}

export function stepMotion(e: Engine): Motion | undefined {
  const w = e.world;
  switch (e.lastKind) {
    case K.RecordAppended: {
      const r = e.lastSubject;
      return {
        record: r,
        from: 'source',
        to: 'log',
        departAt: w.eventTime[w.recEvent[r]],
        arriveAt: w.recArrival[r],
      };
    }
    case K.RecordFetched: {
      const j = e.jobs[e.lastJob];
      return {
        record: e.lastSubject,
        from: 'log',
        to: `job:${j.name}`,
        departAt: e.now,
        arriveAt: e.now + j.processingTime,
      };
    }
    case K.BatchPublished:
      return { from: 'job:batch', to: 'serving', departAt: e.now, arriveAt: e.now };
    case K.ServingSwitched:
      return {
        from: `job:${e.jobs[e.lastJob].name}`,
        to: 'serving',
        departAt: e.now,
        arriveAt: e.now,
      };
  }
  return undefined;
}
