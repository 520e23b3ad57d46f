/**
 * Narration: one or two plain sentences per step, in the learner's terms, built from the step's
 * typed fact and the state just after it (no clone, no replay). The architecture words its own
 * steps first; the steps every architecture shares (the log, streaming jobs, queries) are worded
 * here. Also the motion a step implies (what moved, from where to where).
 */
import type { Architecture, Core } from '../arch/architecture.ts';
import type { StreamJob } from '../stream/stream.job.ts';
import { Outcome } from '../stream/tally.logic.ts';
import { dayKey, formatDuration, MINUTE } from '../time/time.logic.ts';
import type { FactOf, StepFact } from './step-facts.ts';
import type { Motion, QueryAnswer } from './simulation.types.ts';
import { formatLocal, jobLabel, offsetText, plural, recordInfo, recordLabel } from './words.ts';

export function describeStep(core: Core, arch: Architecture, fact: StepFact): string {
  return arch.words(core, fact) ?? sharedWords(core, arch.jobs, fact);
}

function sharedWords(core: Core, jobs: readonly StreamJob[], fact: StepFact): string {
  const w = core.world;
  const s = core.scenario;
  const job = 'job' in fact && fact.job >= 0 ? jobs[fact.job] : undefined;
  const who = jobLabel(job);
  switch (fact.kind) {
    case 'log.trimmed':
      return `Retention (${formatDuration(s.log.retention!)}) deleted ${plural(fact.deleted, 'record')} that had been in the log longer than that: the log now starts at ${offsetText(w, fact.earliest)}.`;
    case 'record.appended':
      return describeAppend(core, fact.record);
    case 'record.fetched': {
      const j = job!;
      let text = `${who} read ${recordLabel(w, fact.record)} at ${offsetText(w, fact.record).replace('offsets', 'offsets up to')} from the log.`;
      if (j.timesProcessed.get(fact.record) > 0)
        text += ' It had processed this record before the crash: it reads it again.';
      if (j.pacing)
        text +=
          core.appended > j.fetched
            ? ` Replaying at ${j.pacing.speedup}×: ${plural(core.appended - j.fetched, 'record')} still to read.`
            : ` Replaying at ${j.pacing.speedup}×: it has now read everything appended so far.`;
      if (j.delivery === 'at-most-once')
        text += ` At-most-once: it commits ${offsetText(w, fact.record + 1)} now, before processing.`;
      return text;
    }
    case 'record.processed':
      return 'outcome' in fact ? describeProcessed(core, job!, fact) : '';
    case 'offsets.committed':
      return fact.checkpoint
        ? `${who} took a checkpoint: its counts and ${offsetText(w, fact.position)} are saved together. If it crashed, both would roll back here.`
        : `${who} committed ${offsetText(w, fact.position)}: if it crashed, it would restart from here.`;
    case 'job.crashed':
      return fact.job >= 0 && 'ignored' in fact ? describeCrash(core, job!, fact) : '';
    case 'job.recovered':
      if (!('stopped' in fact)) return '';
      if (fact.stopped) return `${who} would be back now, but it was stopped at the switch-over.`;
      return `${who} is back and resumes reading from ${offsetText(w, fact.resumeAt)}.${fact.recovering ? ' Until it reaches where it was, it is processing records for the second time.' : ''}`;
    case 'query.answered':
      return describeAnswer(core, fact.query, fact.answer);
  }
  return '';
}

function describeAppend(core: Core, record: number): string {
  const r = recordInfo(core.world, record);
  const tz = core.scenario.timeZone;
  const where =
    core.scenario.log.partitions > 1
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

function describeProcessed(
  core: Core,
  job: StreamJob,
  f: Extract<FactOf<'record.processed'>, { job: number }>,
): string {
  const who = jobLabel(job);
  const base = core.world.dayBase;
  const r = recordInfo(core.world, f.record);
  const day = dayKey(f.day + base);
  let text: string;
  switch (f.outcome) {
    case Outcome.Counted:
      text = `${who} counted ${r.id} for ${day} (per-record): that day now shows ${f.count}.`;
      break;
    case Outcome.NewUser:
      text = `${who} counted user ${r.user} as new on ${day}: that day now shows ${f.count}.`;
      break;
    case Outcome.MovedEarlier:
      text = `${who} saw an earlier signup of ${r.user}: they move from ${dayKey(f.fromDay + base)} to ${day}.`;
      break;
    case Outcome.KnownUser:
      text = `${who} processed ${r.id}: user ${r.user} was already counted (on ${day}), so nothing changes.`;
      break;
    case Outcome.DuplicateId:
      return `${who} skipped ${r.id}: that event id was already counted (dedup by event id).`;
    case Outcome.Excluded:
      return `${who} ignored ${r.id}: user ${r.user} is excluded by its logic ("${job.tally.table.logic.excludeUserPrefix}…").`;
    default:
      return `${who} processed ${r.id}, but the batch view already covers it (it is before the cut-off), so the speed view does not count it.`;
  }
  if (f.times > 1) {
    if (job.delivery === 'exactly-once')
      text +=
        ' It was processed before the crash, but the state rolled back with the offsets, so it counts once.';
    else if (job.tally.counting === 'per-record' && f.outcome === Outcome.Counted)
      text += ' It was already counted before the crash: at-least-once delivery counts it again.';
    else text += ' It was already processed before the crash.';
  }
  return text;
}

function describeCrash(core: Core, job: StreamJob, f: FactOf<'job.crashed'>): string {
  if (!('ignored' in f)) return '';
  const who = jobLabel(job);
  if (f.ignored) return `${who} was already down or stopped: nothing changes.`;
  const w = core.world;
  const back = `It is back at ${formatLocal(f.backAt, core.scenario.timeZone)}.`;
  if (job.delivery === 'at-least-once') {
    const again = f.processedBefore - f.restartAt;
    return `${who} crashed. At-least-once: it restarts from its last committed ${offsetText(w, f.restartAt)}, so the ${plural(Math.max(again, 0), 'record')} it processed after that commit will be processed again. ${back}`;
  }
  if (job.delivery === 'at-most-once') {
    return `${who} crashed. At-most-once: offsets were committed before processing, so the ${plural(f.inFlight, 'record')} in flight ${f.inFlight === 1 ? 'is' : 'are'} lost and will never be counted. ${back}`;
  }
  return `${who} crashed. Exactly-once: its counts roll back to the last checkpoint together with the offsets (${offsetText(w, f.restartAt)}); records after it will be processed again and count once. ${back}`;
}

function describeAnswer(core: Core, query: number, a: QueryAnswer): string {
  const q = core.scenario.queries[query];
  const which = q.day === 'today' ? ' (today so far)' : q.day === 'yesterday' ? ' (yesterday)' : '';
  const parts =
    'table' in a.parts
      ? `from table ${a.parts.table}`
      : 'batch' in a.parts
        ? `= batch ${a.parts.batch} + speed ${a.parts.speed}`
        : `from ${a.parts.panes} panes`;
  const diff = a.served - a.truth;
  const verdict =
    diff === 0
      ? 'It matches the truth.'
      : `Truth is ${a.truth}: the answer is ${diff > 0 ? `${diff} too high` : `${-diff} too low`}.`;
  return `Query: how many new users on ${a.day}${which}? Served ${a.served} ${parts}. ${verdict}`;
}

export function stepMotion(
  core: Core,
  jobs: readonly StreamJob[],
  fact: StepFact,
): Motion | undefined {
  const w = core.world;
  switch (fact.kind) {
    case 'record.appended': {
      const r = fact.record;
      return {
        record: r,
        from: 'source',
        to: 'log',
        departAt: w.eventTime[w.recEvent[r]],
        arriveAt: w.recArrival[r],
      };
    }
    case 'record.fetched': {
      const j = jobs[fact.job];
      return {
        record: fact.record,
        from: 'log',
        to: `job:${j.name}`,
        departAt: core.now,
        arriveAt: core.now + j.processingTime,
      };
    }
    case 'batch.published':
      return { from: 'job:batch', to: 'serving', departAt: core.now, arriveAt: core.now };
    case 'serving.switched':
      return {
        from: `job:${jobs[fact.job].name}`,
        to: 'serving',
        departAt: core.now,
        arriveAt: core.now,
      };
  }
  return undefined;
}

export { formatLocal, recordInfo };
