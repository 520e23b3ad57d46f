// @vitest-environment node
/**
 * Links that reproduce a moment: the sandbox codec writes a scenario (bundled by name, with
 * changes, or the learner's own), the step, speed and traced day, and reads them back; a link cut
 * short, changed by hand or from a newer format is refused with one sentence saying why.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { injectIntoScenario, parseScenarioText, runScenario } from '../../src/engine/index.ts';
import { fromBase64Url, packJson, toBase64Url, unpackJson } from '../../src/app/links/compact.ts';
import { applyScenarioPatch, diffScenario } from '../../src/app/links/scenario-patch.ts';
import {
  linkedScenarioFor,
  readSandboxQuery,
  resolveLinkedScenario,
  writeSandboxQuery,
  type LinkBase,
  type SandboxLink,
} from '../../src/app/links/sandbox-link.ts';

const bases: LinkBase[] = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({
    id: f.replace(/\.json$/, ''),
    input: JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as Record<string, unknown>,
  }));

function inputOf(text: string) {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return parsed;
}

async function roundTrip(link: SandboxLink): Promise<SandboxLink> {
  const read = await readSandboxQuery(await writeSandboxQuery(link));
  if (!read.ok) throw new Error(read.problem);
  return read.link;
}

describe('compact', () => {
  test('base64url round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    expect(toBase64Url(bytes)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  test('packed JSON reads back equal, and a cut or changed payload is refused', async () => {
    const value = { name: 'Día 1 ✓', n: [1, 2, 3], nested: { ok: true } };
    const packed = await packJson(value);
    expect(await unpackJson(packed)).toEqual(value);
    await expect(unpackJson(packed.slice(0, -3))).rejects.toThrow(/decompress|length/);
    const flipped = packed.slice(0, 12) + (packed[12] === 'A' ? 'B' : 'A') + packed.slice(13);
    await expect(unpackJson(flipped)).rejects.toThrow(/decompress|not JSON/);
    await expect(unpackJson('abc$def')).rejects.toThrow(/"\$" at character 4/);
  });
});

describe('scenario patch', () => {
  test('appended events and faults are written as the items added', () => {
    const base = { name: 'a', events: [{ id: 'e1' }], delivery: 'at-least-once', dedup: 'none' };
    const next = { name: 'a', events: [{ id: 'e1' }, { id: 's1' }], faults: [{ kind: 'crash' }] };
    const patch = diffScenario(base, next);
    expect(patch).toEqual({
      add: { events: [{ id: 's1' }] },
      set: { faults: [{ kind: 'crash' }] },
      del: ['delivery', 'dedup'],
    });
    expect(applyScenarioPatch(base, patch)).toEqual(next);
    expect(base).toEqual({
      name: 'a',
      events: [{ id: 'e1' }],
      delivery: 'at-least-once',
      dedup: 'none',
    });
  });

  test('a patch of the wrong shape is refused', () => {
    expect(() => applyScenarioPatch({}, 'x')).toThrow(/not an object/);
    expect(() => applyScenarioPatch({ name: 'a' }, { add: { name: [1] } })).toThrow(/not a list/);
  });
});

describe('sandbox links', () => {
  test('a bundled scenario with an injected fault and new settings stays a few hundred characters and runs to the same answers', async () => {
    for (const base of bases) {
      const parsed = inputOf(JSON.stringify(base.input));
      const at = parsed.scenario.start + 3_600_000 * 30;
      let edited = injectIntoScenario(parsed.input, { kind: 'crash' }, at);
      edited = { ...edited, delivery: 'exactly-once', dedup: 'event-id' };
      const scenario = linkedScenarioFor({ ...edited }, bases, null);
      expect(scenario.kind).toBe('bundled');
      const link: SandboxLink = { scenario, step: 42, speed: 8, day: '2026-11-23' };
      const query = await writeSandboxQuery(link);
      expect(query.length, `${base.id}: ${query}`).toBeLessThan(400);

      const read = await roundTrip(link);
      expect(read.step).toBe(42);
      expect(read.speed).toBe(8);
      expect(read.day).toBe('2026-11-23');
      const resolved = resolveLinkedScenario(read.scenario, bases);
      if (!resolved.ok || resolved.kind !== 'custom') throw new Error('expected edited text');
      const again = inputOf(resolved.text);
      expect(runScenario(again.scenario)).toEqual(
        runScenario(inputOf(JSON.stringify(edited)).scenario),
      );
    }
  });

  test('an unchanged bundled scenario is named, and a scenario of the learner’s own is packed whole', async () => {
    const unchanged = await writeSandboxQuery({
      scenario: linkedScenarioFor(bases[0].input, bases, bases[0].id),
      step: 0,
    });
    expect(unchanged).toBe(`s=${bases[0].id}&step=0`);

    const own = { ...bases[0].input, name: 'My own' };
    const scenario = linkedScenarioFor(own, bases, null);
    expect(scenario.kind).toBe('custom');
    const query = await writeSandboxQuery({ scenario, step: 3 });
    expect(query).toMatch(/^x=1\.[A-Za-z0-9_-]+&step=3$/);
    const read = await roundTrip({ scenario, step: 3 });
    const resolved = resolveLinkedScenario(read.scenario, bases);
    expect(resolved.ok && resolved.kind === 'custom' && JSON.parse(resolved.text)).toEqual(own);
  });

  test.each([
    ['', /names no scenario/],
    ['s=01-yesterday-vs-today&x=1.abc', /both/],
    ['s=../../etc', /not a scenario name/],
    ['s=01-yesterday-vs-today&step=-3', /"step" must be a whole number, got "-3"/],
    ['s=01-yesterday-vs-today&step=12abc', /"step" must be a whole number/],
    ['s=01-yesterday-vs-today&speed=100000', /"speed" must be 0.25 to 16384/],
    ['s=01-yesterday-vs-today&day=yesterday', /"day" must be a date/],
    ['x=abc', /"x" has no format version/],
    ['x=9.abc', /link format 9; this version of the Lab reads format 1/],
    ['x=1.eJyrVg', /"x" cannot be read/],
    ['s=01-yesterday-vs-today&d=1.%%%', /"d" cannot be read/],
  ])('the link "%s" is refused with a reason', async (query, reason) => {
    const read = await readSandboxQuery(query);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.problem).toMatch(/^This link could not be read: /);
      expect(read.problem).toMatch(reason);
    }
  });

  test.each([
    ['0.25', 0.25],
    ['64', 64],
    ['4096', 4096],
    ['16384', 16_384],
  ])('speed=%s reads (links from when the top speed was 64 stay readable)', async (text, rate) => {
    const read = await readSandboxQuery(`s=01-yesterday-vs-today&speed=${text}`);
    expect(read.ok && read.link.speed).toBe(rate);
  });

  test('a truncated packed scenario is refused, whatever the cut', async () => {
    const query = await writeSandboxQuery({
      scenario: { kind: 'custom', input: { ...bases[0].input, name: 'Mine' } },
      step: 5,
    });
    const packed = new URLSearchParams(query).get('x')!;
    for (let cut = 3; cut < packed.length; cut += 7) {
      const read = await readSandboxQuery(`x=${packed.slice(0, cut)}`);
      expect(read.ok, `cut at ${cut}`).toBe(false);
    }
  });

  test('a scenario the Lab does not have is named in the message', () => {
    const resolved = resolveLinkedScenario({ kind: 'bundled', id: 'nope', patch: null }, bases);
    expect(resolved).toEqual({
      ok: false,
      problem: 'This link names a scenario "nope" that this version of the Lab does not have.',
    });
  });
});
