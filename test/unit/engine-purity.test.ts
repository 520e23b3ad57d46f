// @vitest-environment node
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('../../', import.meta.url));

async function lint(code: string, filePath = 'src/engine/stream/example.ts'): Promise<string[]> {
  const eslint = new ESLint({ cwd });
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.message);
}

describe('the engine purity rules', () => {
  const forbidden: [string, string, RegExp][] = [
    ['Math.random', 'export const x = Math.random();', /seeded generator/],
    ['Date.now', 'export const x = Date.now();', /wall clock/],
    ['new Date()', 'export const x = new Date();', /wall clock/],
    ['performance.now', 'export const x = performance.now();', /wall clock/],
    ['the DOM', 'export const x = document.title;', /No DOM/],
    ['Svelte', "import { mount } from 'svelte';\nexport const x = mount;", /Svelte/],
    ['d3-selection', "import { select } from 'd3-selection';\nexport const x = select;", /DOM/],
    ['the UI', "import x from '../../visuals/thing.ts';\nexport const y = x;", /one way/],
  ];
  for (const [what, code, message] of forbidden) {
    it(`refuses ${what} in src/engine`, async () => {
      const messages = await lint(code);
      expect(messages.some((m) => message.test(m))).toBe(true);
    });
  }

  it('allows the same code outside the engine, and pure code inside it', async () => {
    expect(await lint('export const x = Math.random();', 'src/app/example.ts')).toEqual([]);
    expect(await lint('export const x = new Date(0).getTime();')).toEqual([]);
  });
});
