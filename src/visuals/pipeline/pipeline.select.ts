/**
 * Pure selectors from the engine's view to what the picture shows: which days, which questions,
 * which records a lineage highlights, and the one-sentence summary screen readers hear.
 */
import type {
  Lineage,
  ServedDay,
  SimulationView,
} from '../../engine/simulation/simulation.types.ts';
import { calendarFor, dayKey } from '../../engine/time/time.logic.ts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A day key ("2026-11-23") in plain words: "Mon 23 Nov". Unparseable keys are returned as is. */
export function dayLabel(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
}

/** The largest count any box of the picture draws: the top of its one count scale. */
export function largestCount(view: SimulationView, days: readonly string[]): number {
  let max = 0;
  const take = (counts: Readonly<Record<string, number>> | undefined) => {
    for (const day of days) max = Math.max(max, counts?.[day] ?? 0);
  };
  take(view.batch?.published?.counts);
  for (const job of view.jobs) take(job.counts);
  for (const d of view.days) if (days.includes(d.day)) max = Math.max(max, d.served, d.truth);
  return max;
}

/** The most recent `max` days the serving layer knows. */
export function shownDays(days: readonly ServedDay[], max = 4): ServedDay[] {
  return days.slice(Math.max(0, days.length - max));
}

/** The zone days are counted in: the scenario's (a job's own zone may drift from it). */
export function viewTimeZone(view: SimulationView): string {
  return view.timeZone;
}

/** "Yesterday" and "today so far" at `time`, each with what the serving layer answers. */
export function queryQuestions(
  view: SimulationView,
  time: number,
): { label: string; day: string; answer: ServedDay | null }[] {
  const today = calendarFor(viewTimeZone(view)).dayOf(time);
  return [
    { label: 'Yesterday', day: dayKey(today - 1) },
    { label: 'Today so far', day: dayKey(today) },
  ].map((q) => ({ ...q, answer: view.days.find((d) => d.day === q.day) ?? null }));
}

export type Highlight = 'batch' | 'speed' | 'table' | null;

/** A lookup from record index to how the lineage highlights it. */
export function lineageHighlight(lineage: Lineage | null): (record: number) => Highlight {
  if (!lineage) return () => null;
  const batch = new Set(lineage.kind === 'lambda' ? lineage.batch : []);
  const speed = new Set(lineage.kind === 'lambda' ? lineage.speed : []);
  const table = new Set(lineage.kind === 'kappa' ? lineage.tableRecords : []);
  return (record) =>
    batch.has(record) ? 'batch' : speed.has(record) ? 'speed' : table.has(record) ? 'table' : null;
}

/** "2 from the batch view + 1 from the speed view", or "4 from table v2". */
export function lineageCaption(lineage: Lineage): string {
  if (lineage.kind === 'kappa') {
    return `${dayLabel(lineage.day)}: ${lineage.tableRecords.length} from table ${lineage.table}`;
  }
  if (lineage.kind === 'unified') {
    const n = lineage.panes.reduce((sum, p) => sum + p.records.length, 0);
    return `${dayLabel(lineage.day)}: ${n} from ${lineage.panes.length} panes`;
  }
  return `${dayLabel(lineage.day)}: ${lineage.batch.length} from the batch view + ${lineage.speed.length} from the speed view`;
}

/** One paragraph describing the picture at this step, for its accessible name. */
export function pictureSummary(view: SimulationView): string {
  const parts: string[] = [];
  const name = view.architecture === 'lambda' ? 'Lambda' : 'Kappa';
  parts.push(
    `${name} pipeline: ${view.log.appended} record${view.log.appended === 1 ? '' : 's'} in the log` +
      (view.log.deleted > 0 ? ` (${view.log.deleted} deleted by retention)` : '') +
      '.',
  );
  if (view.batch) {
    const b = view.batch;
    parts.push(
      `Batch layer ${b.state}` +
        (b.run ? `, run up to cut-off #${b.run.cutOff}` : '') +
        (b.published ? `, published view up to #${b.published.cutOff}` : ', nothing published') +
        '.',
    );
  }
  for (const job of view.jobs) {
    const label = job.role === 'speed' ? 'Speed layer' : `Job ${job.name}`;
    parts.push(
      `${label} ${job.state}, lag ${job.lag}, ${job.inFlight.length} in flight, committed #${job.committed}.`,
    );
  }
  if (view.servingTable) parts.push(`Serving reads table ${view.servingTable}.`);
  for (const day of view.days.slice(-2)) {
    parts.push(`${dayLabel(day.day)}: served ${day.served}, truth ${day.truth}.`);
  }
  return parts.join(' ');
}
