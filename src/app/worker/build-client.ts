/**
 * Builds a run in a fresh simulation worker. Each build has its own worker, so cancelling one
 * (terminating it) never touches the run on screen, whose worker lives until the new run
 * replaces it.
 */
import type { BuildProgress } from '../../engine/simulation/simulation.ts';
import type { Frame } from './frame.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { RemoteRun } from './remote-run.ts';
import { spawnWorker } from './spawn.ts';

export interface BuildHandlers {
  progress(progress: BuildProgress): void;
  /** The text is not a valid scenario (or the run failed): the worker is gone. */
  problems(problems: string[]): void;
  built(run: RemoteRun, built: Extract<FromWorker, { type: 'built' }>): void;
  frame(frame: Frame): void;
  /** The worker could not start (a single-file build opened from disk): build on the page. */
  unavailable(): void;
}

/** Whether this page can run workers (jsdom and very old browsers cannot). */
export const workersAvailable = (): boolean => typeof Worker !== 'undefined';

let nextId = 0;

export function startBuild(text: string, handlers: BuildHandlers): { cancel(): void } {
  let worker: Worker | null = null;
  try {
    worker = spawnWorker();
  } catch {
    worker = null;
  }
  if (!worker) {
    queueMicrotask(() => handlers.unavailable());
    return { cancel: () => {} };
  }
  const id = ++nextId;
  let run: RemoteRun | null = null;
  let heard = false;
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    heard = true;
    const message = event.data;
    if (message.id !== id) return;
    if (run?.receive(message)) return;
    switch (message.type) {
      case 'progress':
        handlers.progress(message);
        break;
      case 'problems':
        worker.terminate();
        handlers.problems(message.problems);
        break;
      case 'failed':
        if (run) break; // a frame failed: keep the last one shown
        worker.terminate();
        handlers.problems([`The scenario is valid but could not be run: ${message.message}`]);
        break;
      case 'built':
        run = new RemoteRun(worker, id, message.stepCount, message.report, message, handlers.frame);
        handlers.built(run, message);
        break;
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    if (!heard) return handlers.unavailable();
    handlers.problems([`The simulation worker failed: ${event.message || 'unknown error'}`]);
  };
  const message: ToWorker = { type: 'build', id, text };
  worker.postMessage(message);
  return { cancel: () => worker.terminate() };
}
