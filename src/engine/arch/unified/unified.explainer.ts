/**
 * Where the unified explanations plug in. Playing a run never needs them, so they load on demand
 * (the first lesson stays light): the pages that show reasons (the sandbox, the simulation
 * worker, a lesson's reveal) install them with `installUnifiedReasons()` from
 * `unified.reasons.ts`; until then a unified explanation gives served and truth without reasons.
 */
import type { DifferenceReason } from '../../simulation/simulation.types.ts';
import type { UnifiedPipeline } from '../../unified/pipeline.core.ts';

export interface UnifiedExplanation {
  served: number;
  truth: number;
  reasons: DifferenceReason[];
}

/** What is explained: a local day (absolute day number) or one window (by its start). */
export type UnifiedExplainer = (
  p: UnifiedPipeline,
  now: number,
  scope: 'day' | 'window',
  key: number,
) => UnifiedExplanation;

let installed: UnifiedExplainer | null = null;

export function provideUnifiedExplainer(explainer: UnifiedExplainer): void {
  installed = explainer;
}

export function unifiedExplainer(): UnifiedExplainer | null {
  return installed;
}
