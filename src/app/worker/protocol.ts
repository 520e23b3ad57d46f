/**
 * Messages between the page and the simulation worker. The page asks the worker to build a run
 * (it reports progress, then the run's step columns and report) and then asks for frames; a
 * build is cancelled by terminating the worker.
 */
import type { Report, Scenario, ScenarioInput } from '../../engine/index.ts';
import type { BuildProgress, StepTimes } from '../../engine/simulation/simulation.ts';
import type { Frame, FrameRequest } from './frame.ts';

export type ToWorker =
  | { type: 'build'; id: number; text: string }
  | ({ type: 'frame'; id: number; seq: number } & FrameRequest);

export type FromWorker =
  | ({ type: 'progress'; id: number } & BuildProgress)
  | { type: 'problems'; id: number; problems: string[] }
  /** A built run, with its step columns (`StepTimes`: step i's time is `timeBase + times[i]`). */
  | ({
      type: 'built';
      id: number;
      stepCount: number;
      report: Report;
      /** The scenario without its (possibly millions of) events: `events` is empty. */
      scenario: Scenario;
      eventCount: number;
      input: ScenarioInput;
      /** The steps the time strip marks (`momentSteps`), found here rather than on the page. */
      momentSteps: Int32Array;
    } & StepTimes)
  | { type: 'frame'; id: number; seq: number; frame: Frame }
  | { type: 'failed'; id: number; message: string };
