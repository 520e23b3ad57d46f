/**
 * Every mark of the pipeline picture, in the order the legend lists them, with the same shapes
 * (paths and record flags) the picture draws.
 */
import { palette } from './palette.ts';
import type { RecordFlags } from './pipeline/pipeline.marks.ts';
import { boltPath, circlePath, flagPath, trianglePath } from './pipeline/pipeline.marks.ts';
import {
  MOMENT_FILL,
  MOMENT_LEGEND,
  momentPath,
  momentStroke,
} from './timestrip/timestrip.marks.ts';

const plain: RecordFlags = {
  duplicate: false,
  countedAgainBy: [],
  late: false,
  lost: false,
  deleted: false,
};

export type LegendEntry = { name: string; note: string } & (
  | { kind: 'record'; flags: RecordFlags; highlight?: 'batch' | 'speed' }
  | { kind: 'path'; d: string; fill: string; stroke: string; dash?: string }
  | { kind: 'swatch'; fill: string; striped?: boolean }
  | { kind: 'term'; term: string }
);

export const legendEntries: LegendEntry[] = [
  {
    kind: 'term',
    term: 'P0',
    name: 'Partition',
    note: 'P0, P1…: the log’s lanes; each keeps its own order',
  },
  {
    kind: 'term',
    term: '#5',
    name: 'Offset',
    note: 'a record’s position in its partition: 0, 1, 2…',
  },
  { kind: 'term', term: 'lag', name: 'Lag', note: 'records in the log a job has not read yet' },
  {
    kind: 'term',
    term: 'committed',
    name: 'Committed',
    note: 'the offset a job saved; after a crash it restarts from there',
  },
  {
    kind: 'swatch',
    fill: palette.batch,
    name: 'Batch layer (blue)',
    note: 'the batch box, its view and its part of a served bar',
  },
  {
    kind: 'swatch',
    fill: palette.speed,
    striped: true,
    name: 'Speed layer (green, striped when served)',
    note: 'the speed box, its real-time view and its part of a served bar',
  },
  {
    kind: 'path',
    name: 'Truth tick',
    note: 'the true count for the day, across the served bar',
    d: 'M12,2V22',
    fill: 'none',
    stroke: palette.ink,
  },
  {
    kind: 'swatch',
    fill: palette.again,
    name: 'Kappa tables',
    note: 'v1 blue, v2 green, v3 pink…: a table and its job share a colour',
  },
  { kind: 'record', name: 'Record', note: 'one sign-up in the log', flags: plain },
  {
    kind: 'record',
    name: 'Duplicate copy',
    note: 'a producer retry wrote the event twice (×2)',
    flags: { ...plain, duplicate: true },
  },
  {
    kind: 'record',
    name: 'Counted again',
    note: 'a job processed it twice after a crash',
    flags: { ...plain, countedAgainBy: ['speed'] },
  },
  {
    kind: 'record',
    name: 'Late or out of order',
    note: 'arrived a minute or more after it happened',
    flags: { ...plain, late: true },
  },
  {
    kind: 'record',
    name: 'Lost',
    note: 'a job will never count it',
    flags: { ...plain, lost: true },
  },
  {
    kind: 'record',
    name: 'Deleted',
    note: 'retention removed it from the log',
    flags: { ...plain, deleted: true },
  },
  {
    kind: 'path',
    name: 'In flight',
    note: 'fetched by a job, not processed yet',
    d: circlePath(12, 12, 4),
    fill: palette.record,
    stroke: palette.speed,
  },
  {
    kind: 'path',
    name: 'Consumer position',
    note: 'where a job reads next',
    d: trianglePath(12, 17, 8, 'down'),
    fill: palette.page,
    stroke: palette.speed,
  },
  {
    kind: 'path',
    name: 'Committed marker',
    note: 'where a job resumes after a crash',
    d: trianglePath(12, 7, 8, 'up'),
    fill: palette.speed,
    stroke: palette.ink,
  },
  {
    kind: 'path',
    name: 'Cut-off marker',
    note: 'the batch view covers records before it',
    d: `M8,3V22${flagPath(8, 3, 10)}`,
    fill: palette.batch,
    stroke: palette.ink,
  },
  {
    kind: 'path',
    name: 'Batch run cut-off',
    note: 'a run in progress reads up to here',
    d: `M8,3V22${flagPath(8, 3, 10)}`,
    fill: palette.page,
    stroke: palette.batch,
    dash: '4 2',
  },
  {
    kind: 'path',
    name: 'Earliest retained',
    note: 'older records are gone',
    d: 'M16,4h-5v17h5',
    fill: 'none',
    stroke: palette.ink,
  },
  {
    kind: 'path',
    name: 'Crashed job',
    note: 'down; restarts from its committed marker',
    d: boltPath(12, 12, 11),
    fill: palette.duplicate,
    stroke: palette.ink,
  },
  {
    kind: 'record',
    name: 'Lineage: batch part',
    note: 'counted in the batch view of the selected day',
    flags: plain,
    highlight: 'batch',
  },
  {
    kind: 'record',
    name: 'Lineage: speed part',
    note: 'counted in the speed view of the selected day',
    flags: plain,
    highlight: 'speed',
  },
  {
    kind: 'path',
    name: 'Count axis',
    note: 'one scale for every box’s bars: equal bars, equal numbers',
    d: 'M2,14H22M2,10V18M12,10V18M22,10V18',
    fill: 'none',
    stroke: '#4a5260',
  },
  ...MOMENT_LEGEND.map((m): LegendEntry => ({
    kind: 'path',
    name: m.name,
    note: m.note,
    d: momentPath(m.kind, 12, 12),
    fill: MOMENT_FILL[m.kind],
    stroke: momentStroke(m.kind),
  })),
  {
    kind: 'swatch',
    fill: palette.crashed,
    name: 'Downtime (time strip)',
    note: 'a job is down, from its crash until it is back',
  },
  {
    kind: 'path',
    name: 'Playhead (time strip)',
    note: 'the moment on screen; click the strip or use the arrow keys to move it',
    d: 'M12,1V23',
    fill: 'none',
    stroke: '#b45309',
  },
];
