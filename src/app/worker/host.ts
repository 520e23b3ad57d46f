/**
 * The simulation worker's logic, apart from the worker global so that tests can drive it: a thin
 * host over the same engine the headless simulator runs. It parses and builds one run at a time
 * (reporting progress), keeps it, and answers frames for it.
 */
import { formatProblem, parseScenarioText, Simulation } from '../../engine/index.ts';
import { installUnifiedReasons } from '../../engine/arch/unified/unified.reasons.ts';
import { computeFrame } from './frame.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

export type Post = (message: FromWorker, transfer?: Transferable[]) => void;

export function createHost(post: Post, progressEvery?: number): (message: ToWorker) => void {
  installUnifiedReasons();
  let current: { id: number; simulation: Simulation } | null = null;

  function build(id: number, text: string): void {
    const parsed = parseScenarioText(text);
    if (!parsed.ok) {
      post({ type: 'problems', id, problems: parsed.problems.map((p) => formatProblem(p)) });
      return;
    }
    const simulation = Simulation.create(parsed.scenario, {
      onProgress: (progress) => post({ type: 'progress', id, ...progress }),
      ...(progressEvery ? { progressEvery } : {}),
    });
    current = { id, simulation };
    const { kinds, times } = simulation.stepColumns();
    post(
      {
        type: 'built',
        id,
        stepCount: simulation.stepCount,
        report: simulation.report(),
        scenario: { ...parsed.scenario, events: [] },
        eventCount: parsed.scenario.events.length,
        input: parsed.input,
        kinds,
        times,
      },
      [kinds.buffer, times.buffer],
    );
  }

  return (message) => {
    try {
      if (message.type === 'build') build(message.id, message.text);
      else if (current && current.id === message.id) {
        const frame = computeFrame(current.simulation, message);
        post({ type: 'frame', id: message.id, seq: message.seq, frame });
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      post({ type: 'failed', id: message.id, message: reason });
    }
  };
}
