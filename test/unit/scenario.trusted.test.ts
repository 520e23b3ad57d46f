/**
 * The reader for build-validated scenarios (lesson files) gives exactly what the full reader
 * gives on every file the project ships, and still reports the engine's own checks; the lesson
 * build refuses a file on which the two readers disagree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/engine/index.ts';
import { parseTrustedScenarioText } from '../../src/engine/scenario/scenario.trusted.ts';
import { sameReading } from '../../src/lessons/build/lesson.check.ts';

const lessonFiles = readdirSync('src/lessons')
  .filter((name) => /^\d{2}-/.test(name))
  .flatMap((folder) =>
    readdirSync(join('src/lessons', folder))
      .filter((f) => f.endsWith('.json'))
      .map((f) => join('src/lessons', folder, f)),
  );
const bundled = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json'))
  .map((f) => join('scenarios', f));

describe('parseTrustedScenarioText', () => {
  it.each([...lessonFiles, ...bundled])('reads %s as the full reader does', (file) => {
    const text = readFileSync(file, 'utf8');
    const full = parseScenarioText(text);
    const trusted = parseTrustedScenarioText(text);
    expect(full.ok).toBe(true);
    expect(trusted.ok).toBe(true);
    if (!full.ok || !trusted.ok) return;
    expect(trusted.scenario).toEqual(full.scenario);
    expect(trusted.input).toEqual(full.input);
    expect(sameReading(trusted, full)).toBe(true);
  });

  it('ships lesson scenarios to check', () => {
    expect(lessonFiles.length).toBeGreaterThan(10);
  });

  it("still reports the engine's own checks, with the full reader's words", () => {
    const text = readFileSync(lessonFiles[0], 'utf8');
    const input = JSON.parse(text) as { end: string; events: { time: string }[] };
    // An event before the start: a problem at a nested path (`events[2].time`).
    const events = input.events.map((e, i) =>
      i === 2 ? { ...e, time: '2020-01-01T00:00:00Z' } : e,
    );
    const broken = JSON.stringify({ ...input, events });
    const full = parseScenarioText(broken);
    const trusted = parseTrustedScenarioText(broken);
    expect(full.ok).toBe(false);
    if (!full.ok) expect(full.problems.map((p) => p.path)).toContain('events[2].time');
    expect(trusted).toEqual(full);
  });

  it('reports text that is not JSON', () => {
    const result = parseTrustedScenarioText('{"architecture": ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0].path).toBe('(json)');
  });
});

describe('sameReading', () => {
  it('tells two different readings apart', () => {
    const a = parseTrustedScenarioText(readFileSync(lessonFiles[0], 'utf8'));
    const b = parseTrustedScenarioText(readFileSync(lessonFiles[1], 'utf8'));
    if (!a.ok || !b.ok) throw new Error('lesson files must read');
    expect(sameReading(a, a)).toBe(true);
    expect(sameReading(a, b)).toBe(false);
  });
});
