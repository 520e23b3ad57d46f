/**
 * Messages between the page and the simulation worker. The page asks the worker to build a run
 * (it reports progress, then the run's step columns and report) and then asks for frames; a
 * build is cancelled by terminating the worker.
 */
import type { Report, Scenario, ScenarioInput } from '../../engine/index.ts';
import type { BuildProgress } from '../../engine/simulation/simulation.ts';
import type { Frame, FrameRequest } from './frame.ts';

export type ToWorker =
  | { type: 'build'; id: number; text: string }
  | ({ type: 'frame'; id: number; seq: number } & FrameRequest);

export type FromWorker =
  | ({ type: 'progress'; id: number } & BuildProgress)
  | { type: 'problems'; id: number; problems: string[] }
  | {
      type: 'built';
      id: number;
      stepCount: number;
      report: Report;
      /** The scenario without its (possibly millions of) events: `events` is empty. */
      scenario: Scenario;
      eventCount: number;
      input: ScenarioInput;
      kinds: Uint8Array;
      /** Step i's time is `timeBase + times[i]` (`Simulation.recordedSteps`). */
      times: Float64Array | Uint32Array;
      timeBase: number;
      /** The steps the time strip marks (`momentSteps`), found here rather than on the page. */
      momentSteps: Int32Array;
    }
  | { type: 'frame'; id: number; seq: number; frame: Frame }
  | { type: 'failed'; id: number; message: string };
