/**
 * The watermark per partition (PartitionWatermarks) against the engine's own state at every step
 * of a run with three partitions, one of which goes quiet: each partition's watermark, the idle
 * ones marked and not counted, the one holding the pipeline back marked, the bars ordered like
 * the watermarks, and the pipeline's bar at the engine's watermark.
 */
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseScenario } from '../../src/engine/index.ts';
import { UnifiedRun } from '../../src/engine/unified/unified.run.ts';
import { partitionOf } from '../../src/engine/world/world.ts';
import PartitionWatermarks from '../../src/visuals/unified/PartitionWatermarks.svelte';
import { partitionBars } from '../../src/visuals/unified/partitions.select.ts';
import { stamp } from '../../src/visuals/unified/results.select.ts';

const BOUND = 60_000;
/** The first user name `u0`, `u1`… that lands in partition `k` of 3. */
const userIn = (k: number) => {
  for (let i = 0; ; i++) if (partitionOf(`u${i}`, 3) === k) return `u${i}`;
};
const at = (hh: number, mm: number) =>
  `2026-11-22T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00Z`;

// Partitions 0 and 1 get a record every 10 minutes (offset by 5); partition 2 one at 10:02,
// then nothing: it holds the pipeline back until it is idle (30 minutes after its record).
const events = [
  ...Array.from({ length: 12 }, (_, i) => ({
    user: userIn(0),
    time: at(10 + Math.floor(i / 6), (i % 6) * 10),
  })),
  ...Array.from({ length: 12 }, (_, i) => ({
    user: userIn(1),
    time: at(10 + Math.floor(i / 6), (i % 6) * 10 + 5),
  })),
  { user: userIn(2), time: at(10, 2) },
].map((e, i) => ({ id: `e${i}`, ...e }));

const parsed = parseScenario({
  architecture: 'unified',
  start: at(10, 0),
  end: at(12, 0),
  events,
  log: { partitions: 3 },
  unified: {
    window: '1h',
    aggregate: 'count',
    watermark: { kind: 'heuristic', bound: '1m', idleAfter: '30m' },
  },
});
if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
const run = UnifiedRun.create(parsed.scenario);

function shown(i: number) {
  const view = run.view(i);
  const { container, unmount } = render(PartitionWatermarks, {
    view,
    timeZone: 'UTC',
    window: 3_600_000,
  });
  const rows = [0, 1, 2].map((k) => container.querySelector(`li[data-partition="${k}"]`)!);
  const result = {
    text: rows.map((r) => r.textContent!.replace(/\s+/g, ' ').trim()),
    widths: rows.map((r) => parseFloat((r.querySelector('.bar') as HTMLElement).style.width)),
    pipeline: container.querySelector('li.min')!.textContent!,
  };
  unmount();
  return result;
}

/** The step index just after everything at time t. */
const stepAt = (t: string) => {
  let i = -1;
  while (i + 1 < run.stepCount && run.step(i + 1).time <= Date.parse(t)) i++;
  return i;
};

describe('the watermark per partition', () => {
  it('by hand: the quiet partition holds the pipeline back, then goes idle and stops counting', () => {
    const held = shown(stepAt(at(10, 20)));
    expect(held.text[2]).toMatch(/^P2 .*10:01 ◀ holding the pipeline back$/);
    expect(held.text[0]).not.toMatch(/holding|idle/);
    expect(held.pipeline).toContain('10:01');
    const idle = shown(stepAt(at(10, 33)));
    expect(idle.text[2]).toMatch(/10:01 \(idle: not counted\)$/);
    expect(idle.pipeline).not.toContain('10:01');
  });

  it('at every step, agrees with the engine: idle, holding, bar order, the pipeline watermark', () => {
    let holdingSeen = 0;
    let idleSeen = 0;
    for (let i = -1; i < run.stepCount; i++) {
      const engine = run.stateAfter(i + 1);
      const wm = [0, 1, 2].map((k) => engine.state.maxSeen[k] - BOUND);
      const counted = [0, 1, 2].filter((k) => !engine.idle[k]).map((k) => wm[k]);
      const s = shown(i);
      for (const k of [0, 1, 2]) {
        const idle = engine.idle[k] === 1;
        const holding = !idle && wm[k] === Math.min(...counted) && counted.some((w) => w > wm[k]);
        expect(s.text[k].includes('(idle: not counted)'), `step ${i} P${k} idle`).toBe(idle);
        expect(s.text[k].includes('holding the pipeline back'), `step ${i} P${k}`).toBe(holding);
        expect(s.text[k]).toContain(stamp(wm[k], 'UTC', 3_600_000));
        for (const j of [0, 1, 2]) {
          if (wm[k] < wm[j]) expect(s.widths[k]).toBeLessThan(s.widths[j]);
        }
        holdingSeen += holding ? 1 : 0;
        idleSeen += idle ? 1 : 0;
      }
      expect(s.pipeline).toContain(stamp(engine.watermark, 'UTC', 3_600_000));
    }
    expect(holdingSeen).toBeGreaterThan(10);
    expect(idleSeen).toBeGreaterThan(10);
  });

  it('does not change the view it reads', () => {
    const view = run.view(stepAt(at(10, 20)));
    const copy = JSON.stringify(view);
    partitionBars(view);
    expect(JSON.stringify(view)).toBe(copy);
  });
});
