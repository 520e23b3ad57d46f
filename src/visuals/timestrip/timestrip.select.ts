/**
 * The moments that matter in a run, found from its steps (kind and simulated time), and the
 * lookups the time strip and keyboard navigation share: "the next moment of kind X", the
 * position at a time, the downtime of crashed jobs. Pure: no DOM, no clock.
 */

/** What the strip marks. */
export type MomentKind =
  | 'batch-run'
  | 'batch-published'
  | 'crash'
  | 'recovery'
  | 'deploy'
  | 'catch-up'
  | 'switch-over'
  | 'query';

export interface Moment {
  kind: MomentKind;
  /** Index of the step; the moment is on screen at position `step + 1` (steps done). */
  step: number;
  /** Simulated time, epoch ms. */
  time: number;
}

/** What the lookups need from a simulation (the engine's `Simulation` has these). */
export interface StepSource {
  readonly stepCount: number;
  kindOf(i: number): string;
  timeOf(i: number): number;
  /**
   * The step kinds as small codes (any code scheme, as long as equal codes are equal kinds),
   * where the source records them in a flat column: a run of millions of steps is then scanned
   * without a call per step.
   */
  readonly recordedSteps?: { kinds: ArrayLike<number>; length: number };
  /**
   * The indexes of the steps that are moments (`momentSteps` of this source), where they were
   * found elsewhere: a run built in the simulation worker brings them along, so the page never
   * scans millions of steps.
   */
  readonly momentSteps?: ArrayLike<number>;
}

const BY_STEP_KIND: Readonly<Record<string, MomentKind>> = {
  'batch.started': 'batch-run',
  'batch.published': 'batch-published',
  'job.crashed': 'crash',
  'job.recovered': 'recovery',
  'pipeline.crashed': 'crash',
  'pipeline.recovered': 'recovery',
  'deploy.started': 'deploy',
  'replay.caught-up': 'catch-up',
  'serving.switched': 'switch-over',
  'query.answered': 'query',
};

/** Plain words for each kind: the legend of the strip and the jump buttons. */
export const MOMENT_NAMES: Readonly<Record<MomentKind, string>> = {
  'batch-run': 'batch run starts (its cut-off)',
  'batch-published': 'batch view published (hand-off)',
  crash: 'crash',
  recovery: 'back after a crash',
  deploy: 'deploy of new logic',
  'catch-up': 'replay caught up',
  'switch-over': 'serving switched to the new table',
  query: 'query answered',
};

/**
 * The indexes of the steps that are moments, in step order. One pass over the steps: over the
 * recorded kind codes where the source has them (each code's name looked up once), else one
 * `kindOf` per step. A run of 6,000,000 steps takes some 30 ms: the simulation worker does it.
 */
export function momentSteps(source: StepSource): Int32Array {
  let found = new Int32Array(256);
  let n = 0;
  const add = (i: number) => {
    if (n === found.length) {
      const grown = new Int32Array(n * 2);
      grown.set(found);
      found = grown;
    }
    found[n++] = i;
  };
  const columns = source.recordedSteps;
  if (!columns || columns.length !== source.stepCount) {
    for (let i = 0; i < source.stepCount; i++) if (BY_STEP_KIND[source.kindOf(i)]) add(i);
    return found.slice(0, n);
  }
  const { kinds, length } = columns;
  // Per code: 0 not seen yet, 1 a moment, 2 not a moment.
  const byCode = new Uint8Array(256);
  for (let i = 0; i < length; i++) {
    const code = kinds[i];
    let is = byCode[code];
    if (is === 0) is = byCode[code] = BY_STEP_KIND[source.kindOf(i)] ? 1 : 2;
    if (is === 1) add(i);
  }
  return found.slice(0, n);
}

/** Every moment that matters, in step order (from `source.momentSteps` where it has them). */
export function moments(source: StepSource): Moment[] {
  const steps = source.momentSteps ?? momentSteps(source);
  const found: Moment[] = [];
  for (let k = 0; k < steps.length; k++) {
    const i = steps[k];
    const kind = BY_STEP_KIND[source.kindOf(i)];
    if (kind) found.push({ kind, step: i, time: source.timeOf(i) });
  }
  return found;
}

/**
 * The next moment of one of `kinds` after the position `position` (steps done), or with
 * `direction` −1 the last one before it. Null when there is none. Does not modify its input.
 */
export function nextMoment(
  all: readonly Moment[],
  kinds: MomentKind | readonly MomentKind[],
  position: number,
  direction: 1 | -1 = 1,
): Moment | null {
  const wanted = new Set<MomentKind>(typeof kinds === 'string' ? [kinds] : kinds);
  if (direction === 1) {
    for (const m of all) if (wanted.has(m.kind) && m.step + 1 > position) return m;
    return null;
  }
  for (let i = all.length - 1; i >= 0; i--) {
    const m = all[i];
    if (wanted.has(m.kind) && m.step + 1 < position) return m;
  }
  return null;
}

/** The position (steps done) showing simulated time `t`: every step at or before `t` done. */
export function positionAt(source: StepSource, t: number): number {
  let lo = 0;
  let hi = source.stepCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (source.timeOf(mid) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Spans when a job was down: from each crash to the next recovery (or the end of the run). */
export function downtimes(all: readonly Moment[], end: number): { from: number; to: number }[] {
  const spans: { from: number; to: number }[] = [];
  let open: number | null = null;
  for (const m of all) {
    if (m.kind === 'crash' && open === null) open = m.time;
    if (m.kind === 'recovery' && open !== null) {
      spans.push({ from: open, to: m.time });
      open = null;
    }
  }
  if (open !== null) spans.push({ from: open, to: end });
  return spans;
}
