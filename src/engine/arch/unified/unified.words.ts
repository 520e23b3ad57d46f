/**
 * The words for the unified pipeline's steps: plain sentences from the step's fact and the
 * pipeline just after it. Windows are named by their local start and end, values are the
 * scenario's aggregate (new users, records, or the sum of `value`).
 */
import type { StepFact } from '../../simulation/step-facts.ts';
import { formatLocal, plural, recordLabel } from '../../simulation/words.ts';
import { formatDuration } from '../../time/time.logic.ts';
import type { UnifiedPipeline } from '../../unified/pipeline.core.ts';
import type { Core } from '../architecture.ts';

/** A watermark in words: a local time, "none yet", or "the end" of a bounded run. */
export function watermarkText(t: number, timeZone: string): string {
  if (t === -Infinity) return 'none yet';
  if (t === Infinity) return 'the end (everything is in)';
  return formatLocal(t, timeZone);
}

export function windowText(p: UnifiedPipeline, start: number, end: number): string {
  const tz = p.scenario.timeZone;
  if (p.scenario.unified.window === 'day')
    return `the window of ${formatLocal(start, tz).slice(0, 10)}`;
  return `window ${formatLocal(start, tz)}–${formatLocal(end, tz).slice(11)}`;
}

const AGGREGATE = {
  'distinct-users': 'new users',
  count: 'records',
  sum: 'the sum of values',
} as const;

export function unifiedWords(core: Core, p: UnifiedPipeline, fact: StepFact): string | undefined {
  const w = core.world;
  const tz = core.scenario.timeZone;
  const u = core.scenario.unified;
  const what = AGGREGATE[u.aggregate];
  switch (fact.kind) {
    case 'pipeline.crashed':
      if (fact.ignored) return 'The pipeline was already down: nothing changes.';
      return `The pipeline crashed. Exactly-once: its state rolls back to the last checkpoint (${plural(fact.restartAt, 'record')} processed); the ${plural(Math.max(fact.processedBefore - fact.restartAt, 0), 'record')} after it will be processed again and count once. Panes already emitted stay in the sink and are never emitted again. It is back at ${formatLocal(fact.backAt, tz)}.`;
    case 'pipeline.recovered':
      return `The pipeline is back and reads again from record ${fact.resumeAt + 1} of the log.${fact.recovering ? ' Until it reaches where it was, it is re-processing records from its checkpoint.' : ''}`;
    case 'pipeline.caught-up':
      return `The pipeline has re-processed everything it had processed before the crash: it is running normally again.`;
    case 'record.processed': {
      if (!('fate' in fact)) return undefined;
      const label = recordLabel(w, fact.record);
      if (fact.fate === 'skipped')
        return fact.skipped === 'excluded'
          ? `The pipeline ignored ${label}: its user is excluded by the scenario's logic.`
          : `The pipeline skipped ${label}: that event id was already counted (dedup by event id).`;
      const win = windowText(p, fact.window, fact.end);
      let text =
        fact.fate === 'late'
          ? `The pipeline put ${label} into ${win}. It is late: the watermark had already passed the window's end, but it is within the allowed lateness, so it still counts.`
          : `The pipeline put ${label} into ${win} (on time: the watermark has not passed the window's end).`;
      text += ` The window's value (${what}) is now ${fact.total}.`;
      if (fact.again)
        text += ' It was processed before the crash, but the state rolled back, so it counts once.';
      return text;
    }
    case 'record.dropped':
      return `The pipeline dropped ${recordLabel(w, fact.record)}: the watermark (${watermarkText(fact.watermark, tz)}) had passed the end of ${windowText(p, fact.window, fact.end)} plus the allowed lateness (${formatDuration(u.allowedLateness)}). It will never be counted.`;
    case 'partition.idle':
      return `Partition ${fact.partition} has had no new record for ${formatDuration(u.watermark.kind === 'heuristic' ? (u.watermark.idleAfter ?? 0) : 0)}: it is idle and no longer holds the watermark back.`;
    case 'watermark.advanced': {
      let text = `The watermark moved to ${watermarkText(fact.to, tz)}: the pipeline now assumes no record with an earlier event time is still to come.`;
      if (fact.passedEnd.length > 0)
        text += ` It passed the end of ${plural(fact.passedEnd.length, 'window')}.`;
      if (fact.passedHorizon.length > 0)
        text += ` It passed the allowed lateness of ${plural(fact.passedHorizon.length, 'window')}: later records for ${fact.passedHorizon.length === 1 ? 'it' : 'them'} are dropped.`;
      return text;
    }
    case 'pane.fired': {
      const pane = fact.pane;
      const win = windowText(p, pane.start, pane.end);
      const timing =
        pane.timing === 'early'
          ? 'an early pane (before the watermark passed the end)'
          : pane.timing === 'on-time'
            ? 'the on-time pane (the watermark passed the end)'
            : 'a late pane (a record arrived after the watermark passed the end)';
      const mode =
        u.accumulation === 'discarding'
          ? `discarding: it carries only the change since the last pane, ${pane.value}`
          : u.accumulation === 'accumulating'
            ? `accumulating: it carries the whole value so far, ${pane.value}`
            : `retracting: it carries the value ${pane.value}${pane.retracts !== null ? ` and retracts the previous ${pane.retracts}` : ''}`;
      const sink =
        u.sink === 'add-all'
          ? `The sink adds every pane: it now holds ${fact.sink}.`
          : `The sink now holds ${fact.sink} for this window.`;
      return `A trigger fired for ${win}: pane ${pane.index + 1}, ${timing}; ${mode}. ${sink}`;
    }
    case 'window.expired':
      return `The watermark passed the end of ${windowText(p, fact.window, fact.end)} plus the allowed lateness: the pipeline frees its state. The sink keeps its value (${fact.sink}); later records for it are dropped.`;
    case 'state.checkpointed':
      return `The pipeline took a checkpoint: its state after ${plural(fact.position, 'record')} is saved. A crash would roll back here.`;
    case 'query.answered': {
      const a = fact.answer;
      const diff = a.served - a.truth;
      const verdict =
        diff === 0
          ? 'It matches the truth.'
          : `Truth is ${a.truth}: the answer is ${diff > 0 ? `${diff} too high` : `${-diff} too low`}.`;
      return `Query: ${what} on ${a.day}? The sink serves ${a.served} from ${'panes' in a.parts ? plural(a.parts.panes, 'pane') : 'its windows'}. ${verdict}`;
    }
  }
  return undefined;
}
