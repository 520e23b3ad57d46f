/**
 * Golden SVG snapshots of the pipeline picture at key moments: a hand-off (the batch view is
 * published and the speed layer drops what it now covers), a redelivery after a crash (at-least-
 * once: a record processed a second time) and the Kappa switch-over (the serving arrow half-way
 * to the new table). The picture is rendered (jsdom, the default 1000-px layout) and serialised
 * deterministically (sorted attributes, ids renumbered, Svelte's scoping classes dropped,
 * numbers to 2 decimals, one element per line), so any change to the picture shows as a clear
 * line diff against the committed files in `__golden__/`, to review and accept with
 * `npx vitest run test/unit/picture.golden.test.ts -u`.
 */
import { render } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import handOffScenario from '../../scenarios/03-hand-off-after-a-batch-run.json?raw';
import crashScenario from '../../scenarios/05-at-least-once-crash.json?raw';
import kappaScenario from '../../scenarios/13-kappa-deploy-and-replay.json?raw';
import { handOffCounts } from '../../src/app/worker/frame.ts';
import { formatProblem, parseScenarioText, Simulation } from '../../src/engine/index.ts';
import type { StepInfo } from '../../src/engine/simulation/simulation.types.ts';
import Pipeline from '../../src/visuals/pipeline/Pipeline.svelte';
import { lerp } from '../../src/visuals/pipeline/pipeline.layout.ts';

function runOf(text: string): Simulation {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return Simulation.create(parsed.scenario);
}

function firstStep(sim: Simulation, test: (step: StepInfo) => boolean, from = 0): number {
  for (let i = from; i < sim.stepCount; i++) if (test(sim.stepInfo(i))) return i;
  throw new Error('no such step');
}

/** The picture with `done` steps done and the next one half-way (as when playing). */
function picture(sim: Simulation, done: number, handOff = false): SVGSVGElement {
  const view = sim.view(done - 1);
  const incoming = done < sim.stepCount ? sim.stepInfo(done) : null;
  const { container } = render(Pipeline, {
    view,
    incoming,
    progress: 0.5,
    displayTime: incoming ? lerp(view.time, incoming.time, 0.5) : view.time,
    reducedMotion: false,
    selectedDay: null,
    lineage: null,
    onselectday: () => {},
    handOff: handOff
      ? handOffCounts(view.jobs[0]?.counts ?? {}, sim.view(done).jobs[0]?.counts ?? {})
      : null,
  });
  return container.querySelector('svg[aria-label="Pipeline picture"]')!;
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const round = (value: string) =>
  value.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100));

/** A stable, readable text of an SVG: what a reviewer diffs. */
export function serialise(svg: SVGSVGElement): string {
  const ids = new Map<string, string>();
  for (const element of Array.from(svg.querySelectorAll('[id]')))
    ids.set(element.id, `id${ids.size + 1}`);
  const renumber = (value: string) => {
    let out = value;
    for (const [id, stable] of ids) out = out.split(id).join(stable);
    return out;
  };
  const lines: string[] = [];
  const walk = (element: Element, depth: number) => {
    const pad = '  '.repeat(depth);
    const attributes = Array.from(element.attributes)
      .map((a) => {
        let value = a.value;
        if (a.name === 'class') value = value.replace(/\bsvelte-[\w-]+/g, '').trim();
        return [a.name, round(renumber(value))] as const;
      })
      .filter(([name, value]) => !(name === 'class' && value === ''))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => ` ${name}="${escape(value)}"`)
      .join('');
    const text = Array.from(element.childNodes)
      .filter((n) => n.nodeType === 3)
      .map((n) => n.textContent ?? '')
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    const children = Array.from(element.children);
    const tag = element.tagName;
    if (children.length === 0) {
      lines.push(`${pad}<${tag}${attributes}${text ? `>${escape(text)}</${tag}>` : ' />'}`);
      return;
    }
    lines.push(`${pad}<${tag}${attributes}>${text ? escape(text) : ''}`);
    for (const child of children) walk(child, depth + 1);
    lines.push(`${pad}</${tag}>`);
  };
  walk(svg, 0);
  return lines.join('\n').replace('<svg ', '<svg xmlns="http://www.w3.org/2000/svg" ') + '\n';
}

describe('golden pictures', () => {
  test('a hand-off: the batch view is published, the speed layer drops what it covers', async () => {
    const sim = runOf(handOffScenario);
    const drops = (i: number) =>
      Object.keys(handOffCounts(sim.view(i - 1).jobs[0].counts, sim.view(i).jobs[0].counts))
        .length > 0;
    const k = firstStep(sim, (s) => s.kind === 'batch.published' && drops(s.index));
    const svg = picture(sim, k, true);
    expect(svg.querySelector('[data-leaving]'), 'the dropped part is drawn').not.toBeNull();
    await expect(serialise(svg)).toMatchFileSnapshot('./__golden__/hand-off.svg');
  });

  test('a redelivery after a crash: at-least-once processes a record again', async () => {
    const sim = runOf(crashScenario);
    const back = firstStep(sim, (s) => s.kind === 'job.recovered');
    const again = firstStep(sim, (s) => s.kind === 'record.processed', back);
    const svg = picture(sim, again + 1);
    expect(
      Array.from(svg.querySelectorAll('[data-record] > title')).some((t) =>
        t.textContent?.includes('counted again'),
      ),
      'a record is marked as counted again',
    ).toBe(true);
    await expect(serialise(svg)).toMatchFileSnapshot('./__golden__/redelivery-after-crash.svg');
  });

  test('the Kappa switch-over: the serving arrow half-way to the new table', async () => {
    const sim = runOf(kappaScenario);
    const k = firstStep(sim, (s) => s.kind === 'serving.switched');
    const svg = picture(sim, k);
    expect(svg.querySelector('path.pointer'), 'the serving arrow').not.toBeNull();
    await expect(serialise(svg)).toMatchFileSnapshot('./__golden__/kappa-switch-over.svg');
  });

  test('the serialisation is the same on a second render (deterministic)', () => {
    const sim = runOf(kappaScenario);
    const k = firstStep(sim, (s) => s.kind === 'serving.switched');
    expect(serialise(picture(sim, k))).toBe(serialise(picture(sim, k)));
  });
});
