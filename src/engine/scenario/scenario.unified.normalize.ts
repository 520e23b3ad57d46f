/**
 * The `unified` section with every default of MODEL.md ("Contract: unified") filled in:
 * durations in ms, schedule points in epoch ms (`"end"` is `WATERMARK_END`).
 */
import { parseDuration } from '../time/time.logic.ts';
import { instant } from './scenario.checks.ts';
import {
  WATERMARK_END,
  type ScenarioInput,
  type Trigger,
  type TriggerInput,
  type Unified,
  type Watermark,
} from './scenario.types.ts';

const ms = (text: string | undefined, fallback: string): number =>
  parseDuration(text ?? fallback) ?? Number.NaN;

function trigger(t: TriggerInput | undefined): Trigger {
  if (!t) return null;
  if (t.kind === 'per-element') return { kind: 'per-element' };
  return { kind: 'processing-time', delay: ms(t.delay, '1m'), aligned: t.aligned ?? false };
}

export function normalizeUnified(input: ScenarioInput): Unified {
  const u = input.unified ?? {};
  const w = u.watermark ?? { kind: 'heuristic' };
  let watermark: Watermark;
  if (w.kind === 'heuristic') {
    watermark = {
      kind: 'heuristic',
      bound: ms(w.bound, '10m'),
      idleAfter: w.idleAfter ? ms(w.idleAfter, '0ms') : null,
    };
  } else if (w.kind === 'perfect') watermark = { kind: 'perfect' };
  else {
    watermark = {
      kind: 'schedule',
      points: w.points.map(([at, mark]) => [
        instant(at),
        mark === 'end' ? WATERMARK_END : instant(mark),
      ]),
    };
  }
  return {
    window: !u.window || u.window === 'day' ? 'day' : ms(u.window, '1d'),
    aggregate: u.aggregate ?? 'distinct-users',
    watermark,
    allowedLateness: ms(u.allowedLateness, '0s'),
    triggers: {
      early: trigger(u.triggers?.early),
      onTime: u.triggers?.onTime ?? true,
      late: trigger(u.triggers?.late),
    },
    accumulation: u.accumulation ?? 'discarding',
    sink: u.sink ?? 'correct',
    bounded: u.bounded ?? false,
    checkpointEvery: ms(u.checkpointEvery, '1m'),
  };
}
