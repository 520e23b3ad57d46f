/**
 * The shapes of the time strip's marks, one per kind of moment: the strip draws them and the
 * legend shows the same shapes, so every mark on the strip is explained. Pure.
 */
import { palette } from '../palette.ts';
import { boltPath, diamondPath, flagPath, trianglePath } from '../pipeline/pipeline.marks.ts';
import type { MomentKind } from './timestrip.select.ts';

/** The path of a moment's mark centred on `x`, its middle at `y`. */
export function momentPath(kind: MomentKind, x: number, y: number): string {
  switch (kind) {
    case 'batch-run':
    case 'batch-published':
      return `M${x},${y + 10}V${y - 10}` + flagPath(x, y - 10, 11);
    case 'crash':
      return boltPath(x, y, 11);
    case 'deploy':
      return trianglePath(x, y + 8, 14, 'up');
    case 'switch-over':
      return `M${x - 8},${y}h12l-4,-5m4,5l-4,5`;
    case 'catch-up':
      return diamondPath(x, y, 7);
    default:
      return `M${x - 5},${y - 5}h10v10h-10Z`;
  }
}

export const MOMENT_FILL: Readonly<Record<MomentKind, string>> = {
  'batch-run': palette.page,
  'batch-published': palette.batch,
  crash: palette.duplicate,
  recovery: palette.page,
  deploy: palette.again,
  'catch-up': palette.speed,
  'switch-over': 'none',
  query: palette.ink,
};

export function momentStroke(kind: MomentKind): string {
  return kind === 'batch-run' ? palette.batch : palette.ink;
}

/** What each kind of mark on the strip means, for the legend (in the strip's order). */
export const MOMENT_LEGEND: readonly { kind: MomentKind; name: string; note: string }[] = [
  {
    kind: 'batch-run',
    name: 'Batch run (time strip)',
    note: 'a batch run starts; its flag is the cut-off it reads up to',
  },
  {
    kind: 'batch-published',
    name: 'Batch view published (time strip)',
    note: 'the hand-off: the speed layer drops what the new view covers',
  },
  {
    kind: 'crash',
    name: 'Crash (time strip)',
    note: 'a job crashed; the grey band after it is its downtime',
  },
  {
    kind: 'deploy',
    name: 'Deploy (time strip)',
    note: 'new logic deployed: a new job starts replaying the log',
  },
  {
    kind: 'catch-up',
    name: 'Catch-up (time strip)',
    note: 'the replaying job has read everything appended so far',
  },
  {
    kind: 'switch-over',
    name: 'Switch-over (time strip)',
    note: 'serving now reads the new job’s table',
  },
  { kind: 'query', name: 'Query (time strip)', note: 'a query is answered from the serving layer' },
];
