/**
 * Builds a comparison: one scenario text → a run per column (each architecture's own run of
 * the same events, see `compare.columns.ts`), the shared timeline, and what the view reads from
 * each run. Any problem is returned as sentences, never thrown. A column that cannot run (an
 * architecture the browser does not play yet) says why, and the others still run. Pure.
 */
import {
  formatProblem,
  parseScenarioText,
  Simulation,
  type Scenario,
  type ScenarioInput,
} from '../engine/index.ts';
import { PAGE_BUILD_LIMIT } from '../app/worker/run-size.ts';
import { isoUtc } from '../app/format.ts';
import { columnInput, type CompareColumn } from './compare.columns.ts';
import {
  daySeries,
  sharedMoments,
  workColumns,
  type DaySeries,
  type WorkColumns,
} from './compare.series.ts';

export type ColumnRun =
  | {
      kind: 'run';
      column: CompareColumn;
      input: ScenarioInput;
      notes: string[];
      scenario: Scenario;
      simulation: Simulation;
      series: DaySeries;
      work: WorkColumns;
    }
  | { kind: 'failed'; column: CompareColumn; notes: string[]; reason: string };

export interface Comparison {
  /** The scenario as written (its own architecture, unchanged). */
  input: ScenarioInput;
  scenario: Scenario;
  columns: ColumnRun[];
  moments: Float64Array;
}

export type CompareBuild = { ok: true; comparison: Comparison } | { ok: false; problems: string[] };

/** The most events a comparison runs (every column is built on the page, one after another). */
export const COMPARE_EVENT_LIMIT = PAGE_BUILD_LIMIT;

function runColumn(input: ScenarioInput, column: CompareColumn, endIso: string): ColumnRun {
  const mapped = columnInput(input, column, endIso);
  const parsed = parseScenarioText(JSON.stringify(mapped.input));
  if (!parsed.ok) {
    const reason = parsed.problems.map((p) => formatProblem(p)).join('; ');
    return { kind: 'failed', column, notes: mapped.notes, reason };
  }
  let simulation: Simulation;
  try {
    simulation = Simulation.create(parsed.scenario);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'failed', column, notes: mapped.notes, reason };
  }
  return {
    kind: 'run',
    column,
    input: mapped.input,
    notes: mapped.notes,
    scenario: parsed.scenario,
    simulation,
    series: daySeries(simulation, parsed.scenario.start),
    work: workColumns(simulation),
  };
}

export function buildComparison(text: string, columns: readonly CompareColumn[]): CompareBuild {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => formatProblem(p)) };
  const events = parsed.scenario.events.length;
  if (events > COMPARE_EVENT_LIMIT)
    return {
      ok: false,
      problems: [
        `The scenario has ${events.toLocaleString('en-US')} events; the comparison runs every architecture on this page and takes at most ${COMPARE_EVENT_LIMIT.toLocaleString('en-US')}. Use the sandbox for big runs.`,
      ],
    };
  const endIso = isoUtc(parsed.scenario.end);
  const runs = columns.map((c) => runColumn(parsed.input, c, endIso));
  const sims = runs.flatMap((r) => (r.kind === 'run' ? [r.simulation] : []));
  if (sims.length === 0)
    return {
      ok: false,
      problems: runs.map((r) => `${r.column.label}: ${r.kind === 'failed' ? r.reason : ''}`),
    };
  return {
    ok: true,
    comparison: {
      input: parsed.input,
      scenario: parsed.scenario,
      columns: runs,
      moments: sharedMoments(sims),
    },
  };
}
