/**
 * The simulation worker's logic, apart from the worker global so that tests can drive it: a thin
 * host over the same engine the headless simulator runs. It parses and builds one run at a time
 * (reporting progress), keeps it, and answers frames for it.
 */
import { formatProblem, parseScenarioText, Simulation } from '../../engine/index.ts';
import type { Scenario } from '../../engine/index.ts';
import { installUnifiedReasons } from '../../engine/arch/unified/unified.reasons.ts';
import { computeFrame } from './frame.ts';
import { momentSteps } from '../../visuals/timestrip/timestrip.select.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/**
 * Once a Lambda or Kappa run is built, nothing reads its event objects again: the world keeps
 * each event's user, times and id in flat arrays (ids and users as compact name lists), and
 * views, narration and explanations read those. The objects cost about 110 bytes each (550 MB
 * for a 5,000,000-event run), so the worker lets them go. The unified architecture keeps them
 * (its `sum` aggregate reads each event's value while it steps).
 */
export function releaseEvents(scenario: Scenario): void {
  if (scenario.architecture === 'unified') return;
  scenario.events = [];
}

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
    const eventCount = parsed.scenario.events.length;
    const simulation = Simulation.create(parsed.scenario, {
      onProgress: (progress) => post({ type: 'progress', id, ...progress }),
      ...(progressEvery ? { progressEvery } : {}),
      // The events go before the run's steps, states and columns take their place in memory.
      onWorld: () => releaseEvents(parsed.scenario),
    });
    current = { id, simulation };
    const moments = momentSteps(simulation);
    // The page takes the columns (transferred, not copied); the worker keeps none.
    const { kinds, times, timeBase } = simulation.releaseStepColumns();
    post(
      {
        type: 'built',
        id,
        stepCount: simulation.stepCount,
        report: simulation.report(),
        scenario: { ...parsed.scenario, events: [] },
        eventCount,
        input: parsed.input,
        kinds,
        times,
        timeBase,
        momentSteps: moments,
      },
      [kinds.buffer, times.buffer, moments.buffer],
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
