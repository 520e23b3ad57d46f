/**
 * The marks of the picture as data: which states a record is in, and the SVG paths of every
 * shape. The picture and the legend draw the same paths, so the legend cannot drift.
 */
import type { LogRecordView } from '../../engine/simulation/simulation.types.ts';
import { MINUTE } from '../../engine/time/time.logic.ts';

export interface RecordFlags {
  duplicate: boolean;
  /** Jobs that processed it twice or more. */
  countedAgainBy: string[];
  late: boolean;
  lost: boolean;
  deleted: boolean;
}

/** A record is late when it arrived a minute or more after its event time, or out of order. */
export function recordFlags(record: LogRecordView): RecordFlags {
  return {
    duplicate: record.copy > 0,
    countedAgainBy: Object.entries(record.processedBy)
      .filter(([, times]) => times >= 2)
      .map(([job]) => job),
    late: record.outOfOrder || record.lateness >= MINUTE,
    lost: record.lostBy.length > 0,
    deleted: record.deleted,
  };
}

/** One sentence naming every state of a record, for its tooltip and the tables. */
export function describeRecord(record: LogRecordView): string {
  const f = recordFlags(record);
  const parts = [
    `${record.id} (${record.user}), partition ${record.partition}, offset ${record.offset}`,
  ];
  if (f.duplicate) parts.push('duplicate copy ×2');
  for (const job of f.countedAgainBy) parts.push(`counted again by ${job}`);
  if (f.late) parts.push(record.outOfOrder ? 'out of order' : 'late');
  if (f.lost) parts.push(`lost by ${record.lostBy.join(', ')}`);
  if (f.deleted) parts.push('deleted by retention');
  return parts.join(' · ');
}

const r2 = (n: number): number => Math.round(n * 100) / 100;

export function circlePath(cx: number, cy: number, r: number): string {
  return `M${r2(cx - r)},${r2(cy)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
}

export function diamondPath(cx: number, cy: number, r: number): string {
  return `M${r2(cx)},${r2(cy - r)}L${r2(cx + r)},${r2(cy)}L${r2(cx)},${r2(cy + r)}L${r2(cx - r)},${r2(cy)}Z`;
}

export function crossPath(cx: number, cy: number, r: number): string {
  return `M${r2(cx - r)},${r2(cy - r)}L${r2(cx + r)},${r2(cy + r)}M${r2(cx + r)},${r2(cy - r)}L${r2(cx - r)},${r2(cy + r)}`;
}

/** A clock face's hands (the face is a circle): late. */
export function clockHandsPath(cx: number, cy: number, r: number): string {
  return `M${r2(cx)},${r2(cy)}V${r2(cy - r * 0.7)}M${r2(cx)},${r2(cy)}H${r2(cx + r * 0.55)}`;
}

/** Triangle pointing down (a consumer position above a lane) or up (a committed offset below it). */
export function trianglePath(
  x: number,
  tipY: number,
  size: number,
  pointing: 'down' | 'up',
): string {
  const dy = pointing === 'down' ? -size : size;
  return `M${r2(x)},${r2(tipY)}L${r2(x - size * 0.7)},${r2(tipY + dy)}L${r2(x + size * 0.7)},${r2(tipY + dy)}Z`;
}

/** A flag on a pole: the batch cut-off. */
export function flagPath(x: number, top: number, size: number): string {
  return `M${r2(x)},${r2(top)}h${size}l${-size * 0.35},${size * 0.4}l${size * 0.35},${size * 0.4}H${r2(x)}Z`;
}

/** A lightning bolt: a crashed job. */
export function boltPath(cx: number, cy: number, size: number): string {
  const s = size / 10;
  return `M${r2(cx + s)},${r2(cy - 10 * s)}L${r2(cx - 5 * s)},${r2(cy + s)}H${r2(cx)}L${r2(cx - s)},${r2(cy + 10 * s)}L${r2(cx + 5 * s)},${r2(cy - s)}H${r2(cx)}Z`;
}

/**
 * Many dots as one path of zero-length segments, drawn with round caps: far cheaper to render
 * than arcs when hundreds of tokens are in flight.
 */
export function dotsPath(points: readonly { x: number; y: number }[]): string {
  let d = '';
  for (const p of points) d += `M${r2(p.x)},${r2(p.y)}h0`;
  return d;
}
