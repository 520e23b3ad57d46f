/**
 * Lesson progress remembered in the browser (localStorage): for each lesson, the furthest step
 * reached and whether the last step was seen. Storage that is missing, full or holds something
 * unreadable is treated as "no progress": the lessons work the same, they just forget.
 */
export interface LessonProgress {
  /** Furthest step reached, 1-based. */
  reached: number;
  done: boolean;
}

export const PROGRESS_KEY = 'lambda-kappa-lab.lesson-progress.v1';

function read(): Record<string, LessonProgress> {
  try {
    const raw = globalThis.localStorage?.getItem(PROGRESS_KEY);
    const value: unknown = raw ? JSON.parse(raw) : {};
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    const out: Record<string, LessonProgress> = {};
    for (const [id, p] of Object.entries(value as Record<string, unknown>)) {
      const { reached, done } = (p ?? {}) as Partial<LessonProgress>;
      if (typeof reached === 'number' && reached >= 1)
        out[id] = { reached: Math.floor(reached), done: done === true };
    }
    return out;
  } catch {
    return {};
  }
}

class ProgressStore {
  all = $state.raw<Record<string, LessonProgress>>(read());

  /** Records that a learner saw step `step` (1-based) of a lesson with `steps` steps. */
  visit(lesson: string, step: number, steps: number): void {
    const before = this.all[lesson];
    const reached = Math.max(before?.reached ?? 0, step);
    const done = (before?.done ?? false) || step >= steps;
    if (before && before.reached === reached && before.done === done) return;
    this.#save({ ...this.all, [lesson]: { reached, done } });
  }

  reset(): void {
    this.#save({});
  }

  #save(next: Record<string, LessonProgress>): void {
    this.all = next;
    try {
      globalThis.localStorage?.setItem(PROGRESS_KEY, JSON.stringify(next));
    } catch {
      // Private browsing or a full storage: keep the progress for this visit only.
    }
  }
}

export const progress = new ProgressStore();
