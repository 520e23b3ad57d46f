/**
 * The bars of the watermark per partition, read from the engine's view: each partition's own
 * watermark (its latest event time seen − the bound), whether it is idle (not counted), whether
 * it is the one holding the pipeline back (the lowest of the partitions that count, below
 * another that counts), and each bar's length on one scale shared with the pipeline's bar. Pure.
 */
import type { UnifiedView } from '../../engine/unified/unified.view.ts';

export interface PartitionBar {
  partition: number;
  watermark: number;
  idle: boolean;
  holding: boolean;
  /** Bar length in % of the track (8–100; 0 before anything is seen, 100 at the end). */
  width: number;
}

export function partitionBars(view: UnifiedView): { bars: PartitionBar[]; pipeline: number } {
  const values = [...view.partitions.map((p) => p.watermark), view.watermark];
  const finite = values.filter(Number.isFinite);
  const lo = finite.length ? Math.min(...finite) - 1 : 0;
  const hi = finite.length ? Math.max(...finite) : 1;
  const width = (w: number): number =>
    w === -Infinity ? 0 : w === Infinity ? 100 : 8 + (92 * (w - lo)) / (hi - lo);
  const counted = view.partitions.filter((p) => !p.idle).map((p) => p.watermark);
  const min = Math.min(...counted);
  const bars = view.partitions.map((p) => ({
    partition: p.partition,
    watermark: p.watermark,
    idle: p.idle,
    holding: !p.idle && p.watermark === min && counted.some((w) => w > min),
    width: width(p.watermark),
  }));
  return { bars, pipeline: width(view.watermark) };
}
