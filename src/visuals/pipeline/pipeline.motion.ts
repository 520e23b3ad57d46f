/**
 * Motion as a function of simulated time: where a place is in the picture, the route a token
 * takes, and how far along it the token is at a given moment. Pure: pausing, scrubbing and
 * stepping back just work.
 */
import type {
  LogRecordView,
  SimulationView,
  StepInfo,
} from '../../engine/simulation/simulation.types.ts';
import type { LaneSlots, Point, Rect, StageLayout } from './pipeline.layout.ts';
import {
  RECORD_DY,
  clamp01,
  clampX,
  lerpPoint,
  slotCentre,
  timeFraction,
} from './pipeline.layout.ts';

/** Where tokens leave the sources box for a lane. */
export function sourceExit(layout: StageLayout, lane: Rect): Point {
  // The sources box sits above the log in both layouts: tokens drop from it into their lane.
  const s = layout.source;
  return { x: Math.min(lane.x + lane.width, s.x + s.width / 2), y: s.y + s.height };
}

/** Where tokens enter a stage box. */
export function stageEntry(layout: StageLayout, rect: Rect): Point {
  return layout.narrow ? { x: rect.x + 60, y: rect.y } : { x: rect.x, y: rect.y + 40 };
}

/** Where a place of a `Motion` is in the picture; `record` places log positions on their slot. */
export function placePoint(
  layout: StageLayout,
  slots: readonly LaneSlots[],
  place: string,
  record: { partition: number; offset: number } | null,
): Point {
  const p = record ? Math.min(Math.max(0, record.partition), layout.lanes.length - 1) : 0;
  const lane = layout.lanes[p];
  if (place === 'source') return sourceExit(layout, lane);
  if (place === 'log') {
    if (!record) return { x: lane.x + lane.width, y: lane.y + RECORD_DY };
    const at = slotCentre(lane, slots[p], record.offset);
    return { x: clampX(lane, at.x), y: at.y };
  }
  if (place.startsWith('job:')) {
    const name = place.slice(4);
    const rect = layout.jobs[name] ?? (name === 'batch' ? layout.batch : null) ?? layout.serving;
    return stageEntry(layout, rect);
  }
  return stageEntry(layout, layout.serving);
}

/** The point a fraction `t` (0..1) of the way along a polyline, by length. */
export function alongPath(points: readonly Point[], t: number): Point {
  if (points.length === 0) return { x: 0, y: 0 };
  if (points.length === 1) return { ...points[0] };
  const lengths = points.slice(1).map((p, i) => Math.hypot(p.x - points[i].x, p.y - points[i].y));
  const total = lengths.reduce((a, b) => a + b, 0);
  if (total === 0) return { ...points[0] };
  let left = clamp01(t) * total;
  for (let i = 0; i < lengths.length; i++) {
    if (left <= lengths[i] || i === lengths.length - 1) {
      return lerpPoint(
        points[i],
        points[i + 1],
        lengths[i] === 0 ? 1 : Math.min(1, left / lengths[i]),
      );
    }
    left -= lengths[i];
  }
  return { ...points[points.length - 1] };
}

/** The connector between two stages: out horizontally (wide) or down (narrow), then across, then in. */
export function link(layout: StageLayout, from: Point, to: Point): Point[] {
  if (layout.narrow) {
    const mid = to.y - 12;
    return [from, { x: from.x, y: mid }, { x: to.x, y: mid }, to];
  }
  const mid = (from.x + to.x) / 2;
  return [from, { x: mid, y: from.y }, { x: mid, y: to.y }, to];
}

/** Where a lane's tokens leave the log. */
export function logExit(layout: StageLayout, from: Point): Point {
  const log = layout.log;
  return layout.narrow
    ? { x: log.x + 60, y: log.y + log.height }
    : { x: log.x + log.width, y: from.y };
}

/**
 * The route of a token between two places: leaving the log, it first runs along its lane to the
 * log's edge, then follows the connector to the stage, so it never cuts across other boxes.
 */
export function route(layout: StageLayout, from: Point, to: Point, fromPlace: string): Point[] {
  if (fromPlace !== 'log') return [from, to];
  return [from, ...link(layout, logExit(layout, from), to)];
}

/** An SVG path through points. */
export function polyline(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join('');
}

/** Where every in-flight record of every job is at `now`: on its way from its log slot to the job. */
export function inFlightTokens(
  layout: StageLayout,
  slots: readonly LaneSlots[],
  view: SimulationView,
  now: number,
  reducedMotion: boolean,
): { job: string; points: Point[] }[] {
  const byIndex = new Map<number, LogRecordView>(view.log.recent.map((r) => [r.index, r]));
  return view.jobs.map((job) => {
    const to = stageEntry(layout, layout.jobs[job.name] ?? layout.serving);
    return {
      job: job.name,
      points: job.inFlight.map((f) => {
        const from = placePoint(layout, slots, 'log', byIndex.get(f.record) ?? null);
        const t = reducedMotion ? 1 : timeFraction(f.fetchedAt, f.doneAt, now);
        return alongPath(route(layout, from, to, 'log'), t);
      }),
    };
  });
}

/** The token of the step being animated, `progress` of the way (at its destination under reduced motion). */
export function incomingToken(
  layout: StageLayout,
  slots: readonly LaneSlots[],
  incoming: StepInfo | null,
  progress: number,
  reducedMotion: boolean,
): { at: Point; label: string; duplicate: boolean } | null {
  const motion = incoming?.motion;
  if (!incoming || !motion) return null;
  const record = incoming.record ?? null;
  const from = placePoint(layout, slots, motion.from, record);
  const to = placePoint(layout, slots, motion.to, record);
  return {
    at: alongPath(route(layout, from, to, motion.from), reducedMotion ? 1 : progress),
    label: record?.id ?? '',
    duplicate: (record?.copy ?? 0) > 0,
  };
}
