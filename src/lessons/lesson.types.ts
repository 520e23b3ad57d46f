/**
 * A lesson as the app receives it: parsed and validated at build time from
 * `src/lessons/NN-slug/lesson.md` (see docs/authoring-lessons.md), so no markdown parser ships
 * to the browser. Every number a lesson shows comes from the engine at run time; a lesson only
 * says *where* the simulation stands (cues) and *which* number a question is about.
 */
import type { SimulationView } from '../engine/index.ts';

/** Where the simulation stands when a step is shown. */
export type Cue =
  /** Just after the `occurrence`-th (1-based) step of this kind, e.g. the 2nd `batch.published`. */
  | { kind: 'step-kind'; stepKind: string; occurrence: number }
  /** Everything up to and including this simulated time (epoch ms) has happened. */
  | { kind: 'time'; time: number }
  /** After this many steps (0 = before the first step). */
  | { kind: 'position'; position: number }
  /** After the last step. */
  | { kind: 'end' };

/** The architectures a compare lesson shows side by side, one column each. */
export type ColumnName = 'lambda' | 'kappa' | 'unified';

/** Something a step draws attention to in the picture (and names in its narration). */
export type Highlight =
  | { kind: 'job'; job: string }
  | { kind: 'record'; event: string }
  /** A day's numbers: `day` is `today`, `yesterday` or `YYYY-MM-DD`. */
  | { kind: 'day'; day: string }
  /** A whole column of a compare lesson's picture. */
  | { kind: 'column'; column: ColumnName };

/**
 * Which number a question is about: `measure` of `day` at the step's cue. Unified runs add
 * `pane`, `sink` and `panes` of a window (`day` names it: its local start `12:00`, or a day) and
 * `dropped` (`day` is empty). Compare lessons name the column the number is read from
 * (`served kappa today`), and add the work a column has done so far: `processed` (records
 * processed by streaming jobs) and `batch-read` (records read by batch runs); `day` is empty.
 */
export interface NumberRef {
  measure:
    | 'served'
    | 'truth'
    | 'batch'
    | 'speed'
    | 'gap'
    | 'pane'
    | 'sink'
    | 'panes'
    | 'dropped'
    | 'processed'
    | 'batch-read';
  /** `today`, `yesterday` (at the cue, in the scenario's time zone) or `YYYY-MM-DD`. */
  day: string;
  /** In a compare lesson: the column whose number it is. */
  column?: ColumnName;
}

export type Question =
  /** The learner types a number; the reveal compares it with the engine's. */
  | { kind: 'number'; ask: string; value: NumberRef }
  /** The learner picks "goes down" / "stays the same" / "goes up" (from the previous step to the cue). */
  | { kind: 'direction'; ask: string; value: NumberRef };

export interface LessonStep {
  title: string;
  /** Narration as HTML (rendered at build time from the lesson's markdown). */
  html: string;
  cue: Cue;
  /** The cue as written, for messages. */
  cueText: string;
  highlights: Highlight[];
  /** Speaker notes for a teacher (HTML); not shown to a learner unless asked. */
  notes: string | null;
  question: Question | null;
  /**
   * The scenario file this step plays: the lesson's `scenario` unless the step names another
   * (`scenario:` in its settings). Cues, highlights and questions refer to this run.
   */
  scenarioFile: string;
}

export interface FurtherReading {
  title: string;
  url: string | null;
  note: string | null;
}

export interface Lesson {
  /** The folder name, e.g. `03-serving-merge`: the lesson's address. */
  id: string;
  /** Its number, from the folder name. */
  number: number;
  title: string;
  summary: string;
  /** The scenario file name inside the folder, and its text (validated by the engine). */
  scenarioFile: string;
  scenarioText: string;
  /** Every scenario file a step plays (the main one included), by name, with its text. */
  scenarios: Record<string, string>;
  /** `pipeline` (the default) or `compare` (the same events through several architectures). */
  picture: 'pipeline' | 'compare';
  /** A compare lesson's columns, in order (default Lambda and Kappa); empty for a pipeline. */
  columns: ColumnName[];
  takeaways: string[];
  furtherReading: FurtherReading[];
  /** "Try it yourself": what to change in the sandbox. */
  tryIt: string;
  steps: LessonStep[];
  /**
   * What the first step shows before the engine has loaded on the page, computed by the same
   * engine code at build time (`build/lesson.first-screen.ts`); absent for a lesson that does
   * not ship one (a compare or unified picture), and in lessons read outside the build.
   */
  first?: FirstScreen | null;
}

/**
 * A lesson's first screen, shipped with it: the step, the position of its run, and the engine's
 * view there (what the pipeline picture draws, and what the narration's highlights read).
 */
export interface FirstScreen {
  step: number;
  position: number;
  view: SimulationView;
}

/** What the lessons index needs (kept small: it is on the first page). */
export interface LessonEntry {
  id: string;
  number: number;
  title: string;
  summary: string;
  steps: number;
}
