/**
 * The page's side of a run built in the simulation worker. It keeps the step kinds and times
 * (for the Timeline, the clock and coarse navigation, answered at once) and the report; views,
 * narration and explanations arrive as frames. One frame request is in flight at a time and only
 * the latest wanted position is asked next, so dragging the Timeline never queues up work; the
 * last frames are cached, so going back to a recent position is answered at once.
 */
import type { Report } from '../../engine/index.ts';
import { KIND_NAMES } from '../../engine/simulation/step-kinds.ts';
import type { StepColumns } from '../../engine/simulation/navigate.ts';
import type { StepTimes } from '../../engine/simulation/simulation.ts';
import type { Frame, FrameRequest } from './frame.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/** What the page needs of a run, local (`Simulation`) or in the worker (`RemoteRun`). */
export interface RunHandle {
  readonly stepCount: number;
  /** The step kinds and times (coarse navigation reads them). */
  readonly recordedSteps: StepColumns;
  timeOf(i: number): number;
  kindOf(i: number): string;
  stepsBefore(t: number): number;
  report(): Report;
}

const CACHED_FRAMES = 32;

const key = (r: FrameRequest) => `${r.position}|${r.playing ? 1 : 0}|${r.selectedDay ?? ''}`;

export class RemoteRun implements RunHandle {
  readonly kinds: Uint8Array;
  /** Step i's time is `timeBase + times[i]` (`Simulation.recordedSteps`). */
  readonly times: Float64Array | Uint32Array;
  readonly timeBase: number;
  /** The steps the time strip marks, found by the worker. */
  readonly momentSteps: Int32Array | undefined;
  #seq = 0;
  /** The request the worker is answering, if any. */
  #inFlight: FrameRequest | null = null;
  #pending: FrameRequest | null = null;
  #cache = new Map<string, Frame>();

  constructor(
    readonly worker: Worker,
    readonly id: number,
    readonly stepCount: number,
    private readonly finalReport: Report,
    columns: StepTimes & { momentSteps?: Int32Array },
    /** Called with each frame that arrives (or is found in the cache). */
    private readonly onFrame: (frame: Frame) => void,
  ) {
    this.kinds = columns.kinds;
    this.times = columns.times;
    this.timeBase = columns.timeBase;
    this.momentSteps = columns.momentSteps;
  }

  get recordedSteps(): StepColumns {
    const { kinds, times, timeBase } = this;
    return { kinds, times, timeBase, length: this.stepCount };
  }

  timeOf(i: number): number {
    return this.timeBase + this.times[i];
  }

  kindOf(i: number): string {
    return KIND_NAMES[this.kinds[i]] ?? 'unknown';
  }

  stepsBefore(t: number): number {
    const offset = t - this.timeBase;
    let lo = 0;
    let hi = this.stepCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  report(): Report {
    return this.finalReport;
  }

  /** Asks for the frame at `request`; answers from the cache at once when it can. */
  request(request: FrameRequest): void {
    const cached = this.#cache.get(key(request));
    if (cached) {
      this.#pending = null;
      this.onFrame(cached);
      return;
    }
    if (this.#inFlight && key(this.#inFlight) === key(request)) {
      this.#pending = null;
      return;
    }
    this.#pending = request;
    this.#flush();
  }

  /** Handles a worker message meant for this run; true when it was one. */
  receive(message: FromWorker): boolean {
    if (message.type !== 'frame' || message.id !== this.id) return false;
    const answered = this.#inFlight;
    this.#inFlight = null;
    if (answered) {
      this.#cache.set(key(answered), message.frame);
      if (this.#cache.size > CACHED_FRAMES) {
        this.#cache.delete(this.#cache.keys().next().value as string);
      }
    }
    this.onFrame(message.frame);
    this.#flush();
    return true;
  }

  #flush(): void {
    if (this.#inFlight || !this.#pending) return;
    const request = this.#pending;
    this.#pending = null;
    this.#inFlight = request;
    const message: ToWorker = { type: 'frame', id: this.id, seq: ++this.#seq, ...request };
    this.worker.postMessage(message);
  }

  dispose(): void {
    this.worker.terminate();
  }
}
