/** Lambda's part of the view: the batch layer's state, run in progress and published view. */
import type { BatchLayer } from '../../batch/batch.layer.ts';
import type { BatchView, JobLifecycle } from '../../simulation/simulation.types.ts';
import { offsetsAt } from '../../world/world.ts';
import { countsOf } from '../../simulation/select.ts';
import type { Core } from '../architecture.ts';

export function selectBatch(core: Core, batch: BatchLayer): BatchView {
  const w = core.world;
  const { run, published } = batch;
  return {
    state: (batch.state === 'due' ? 'idle' : batch.state) as JobLifecycle,
    counting: batch.table.logic.counting,
    timeZone: batch.table.logic.timeZone,
    run: run
      ? {
          startedAt: run.startedAt,
          endsAt: run.endsAt,
          cutOff: run.cutOff,
          cutOffOffsets: offsetsAt(w, run.cutOff),
          progress: Math.min(1, (core.now - run.startedAt) / (run.endsAt - run.startedAt)),
        }
      : null,
    published: published
      ? {
          publishedAt: published.publishedAt,
          cutOff: published.cutOff,
          cutOffOffsets: offsetsAt(w, published.cutOff),
          counts: countsOf(w, published.tally.counts),
        }
      : null,
    nextRunAt: batch.nextStart(core.now),
  };
}
