/**
 * The typed fact of one unified pipeline step: what is read just before it (the record, the
 * watermark, a window's value) and just after it (its fate, the panes, the sink), around the
 * pipeline's own `perform`.
 */
import type { UnifiedFact } from '../../simulation/step-facts.ts';
import type { UnifiedPipeline } from '../../unified/pipeline.core.ts';
import { FATE, U } from '../../unified/unified.types.ts';

export function unifiedFact(
  p: UnifiedPipeline,
  code: number,
  subject: number,
  perform: () => number,
): UnifiedFact {
  const u = p.scenario.unified;
  const w = p.world;
  switch (code) {
    case U.RecordProcessed: {
      const r = p.state.position;
      const again = p.machine.value === 'recovering' && r < p.machine.context.highWater;
      const done = perform();
      const { start, end } = p.windowing.of(w.eventTime[w.recEvent[r]]);
      if (done === U.RecordDropped) {
        const horizon = end + u.allowedLateness;
        return {
          kind: 'record.dropped',
          record: r,
          window: start,
          end,
          horizon,
          watermark: p.watermark,
        };
      }
      const fate = p.recordFate[r];
      const excluded = p.truth.excluded[w.eventUser[w.recEvent[r]]] === 1;
      return {
        kind: 'record.processed',
        record: r,
        window: start,
        end,
        fate: fate === FATE.onTime ? 'on-time' : fate === FATE.late ? 'late' : 'skipped',
        skipped: fate !== FATE.skipped ? null : excluded ? 'excluded' : 'duplicate',
        total: p.state.windows.get(start)?.total ?? 0,
        again,
      };
    }
    case U.WatermarkAdvanced: {
      const from = p.watermark;
      perform();
      const to = p.watermark;
      const passedEnd: number[] = [];
      const passedHorizon: number[] = [];
      for (const win of p.state.windows.values()) {
        if (from < win.end && to >= win.end) passedEnd.push(win.start);
        const h = win.end + u.allowedLateness;
        if (from < h && to >= h) passedHorizon.push(win.start);
      }
      passedEnd.sort((a, b) => a - b);
      passedHorizon.sort((a, b) => a - b);
      return { kind: 'watermark.advanced', from, to, passedEnd, passedHorizon };
    }
    case U.PaneFired: {
      perform();
      const pane = p.panes[p.panes.length - 1];
      return { kind: 'pane.fired', pane, sink: p.sink.get(pane.start)?.value ?? 0 };
    }
    case U.WindowExpired: {
      const end = p.windowing.of(subject).end;
      perform();
      return {
        kind: 'window.expired',
        window: subject,
        end,
        sink: p.sink.get(subject)?.value ?? 0,
      };
    }
    case U.PartitionIdle: {
      perform();
      return { kind: 'partition.idle', partition: subject, watermark: p.watermark };
    }
    case U.PipelineCaughtUp:
      perform();
      return { kind: 'pipeline.caught-up', position: p.state.position };
    case U.StateCheckpointed:
      perform();
      return { kind: 'state.checkpointed', position: p.state.position };
  }
  throw new Error(`the unified pipeline performs no step of kind ${code}`);
}
