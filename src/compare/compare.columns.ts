/**
 * The compare view's columns, and how one scenario maps onto each of them (docs/compare.md).
 *
 * The shared part of a scenario is what happened and what is asked: events (and `generate`),
 * `seed`, `timeZone`, `start` and `end`, `logic` (what truth counts), the log (partitions,
 * retention), delivery, dedup, `producer-retry` and `delay` faults, and queries. Each
 * architecture then reads its own section with its documented defaults: `batch` and `speed` for
 * Lambda, `kappa` for Kappa, `unified` for the Dataflow-style pipeline. A scenario file may carry
 * every section at once; the engine ignores the sections of the other architectures.
 *
 * Faults that name a job are translated so that the same failure hits each architecture's
 * streaming part: a crash of `speed` (Lambda) or `stream` (Kappa, unified) crashes the speed
 * layer in the Lambda column and the streaming job or pipeline in the others. A crash of the
 * `batch` layer and a `deploy` exist in one architecture only, so the other columns leave them
 * out, and each column lists what it left out or translated (its `notes`). Pure.
 */
import type { Architecture, FaultInput, ScenarioInput } from '../engine/scenario/scenario.types.ts';
import { instant } from '../engine/scenario/scenario.checks.ts';
import { plainTime } from '../app/format.ts';

/** One column of the comparison: an architecture and the words that name it. */
export interface CompareColumn {
  architecture: Architecture;
  /** Its name on screen: "Lambda", "Kappa", "Unified". */
  label: string;
  /** One line on what it is. */
  blurb: string;
}

export const LAMBDA_COLUMN: CompareColumn = {
  architecture: 'lambda',
  label: 'Lambda',
  blurb: 'a batch layer recomputes from the log; a speed layer covers what it has not seen',
};
export const KAPPA_COLUMN: CompareColumn = {
  architecture: 'kappa',
  label: 'Kappa',
  blurb: 'one streaming job over the log; new logic is a replay into a new table',
};
export const UNIFIED_COLUMN: CompareColumn = {
  architecture: 'unified',
  label: 'Unified',
  blurb: 'one Dataflow-style pipeline: day windows, a watermark and triggers firing panes',
};

/** The columns the compare view shows, in order. */
export const COMPARE_COLUMNS: readonly CompareColumn[] = [
  LAMBDA_COLUMN,
  KAPPA_COLUMN,
  UNIFIED_COLUMN,
];

/** A column's own scenario input, and what the mapping changed or left out (plain sentences). */
export interface ColumnInput {
  column: CompareColumn;
  input: ScenarioInput;
  notes: string[];
}

const STREAM_JOB = { lambda: 'speed', kappa: 'stream', unified: 'stream' } as const;
const STREAM_WORDS = {
  lambda: 'the speed layer',
  kappa: 'the streaming job',
  unified: 'the pipeline',
} as const;

/** A fault's time as a learner reads it ("Tue 24 Nov, 06:00 UTC"), or as written if invalid. */
function plainAt(at: string, timeZone: string): string {
  const ms = instant(at);
  return Number.isFinite(ms) ? plainTime(ms, timeZone) : at;
}

function mapFault(
  fault: FaultInput,
  column: CompareColumn,
  notes: string[],
  timeZone: string,
): FaultInput | null {
  const arch = column.architecture;
  const at = 'at' in fault ? plainAt(fault.at, timeZone) : '';
  if (fault.kind === 'deploy') {
    if (arch === 'kappa') return fault;
    notes.push(
      `The deploy of new logic at ${at} is a Kappa replay; ${column.label} keeps its own logic.`,
    );
    return null;
  }
  if (fault.kind !== 'crash') return fault;
  if (fault.job === 'batch') {
    if (arch === 'lambda') return fault;
    notes.push(`The batch crash at ${at} is left out: ${column.label} has no batch layer.`);
    return null;
  }
  const job = STREAM_JOB[arch];
  if (fault.job !== job)
    notes.push(`The crash at ${at} hits ${STREAM_WORDS[arch]} (the file says "${fault.job}").`);
  return { ...fault, job };
}

/**
 * The input a column runs: the scenario with its `architecture` set to the column's and its
 * job faults translated (see above). `end` must be the same in every column, so that they share
 * one timeline: pass the scenario's resolved end (`endIso`) when the file does not set one.
 * The input is not changed.
 */
export function columnInput(
  input: ScenarioInput,
  column: CompareColumn,
  endIso?: string,
): ColumnInput {
  const notes: string[] = [];
  const faults = (input.faults ?? [])
    .map((f) => mapFault(f, column, notes, input.timeZone ?? 'UTC'))
    .filter((f): f is FaultInput => f !== null);
  const out: ScenarioInput = { ...input, architecture: column.architecture };
  if (input.faults) out.faults = faults;
  if (out.end === undefined && endIso !== undefined) out.end = endIso;
  return { column, input: out, notes };
}

/** Every column's input for one scenario. */
export function columnInputs(
  input: ScenarioInput,
  columns: readonly CompareColumn[],
  endIso?: string,
): ColumnInput[] {
  return columns.map((c) => columnInput(input, c, endIso));
}
