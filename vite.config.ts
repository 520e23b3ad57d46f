import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defaultClientConditions } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { defineConfig } from 'vitest/config';
import { hostedCsp, singleFileCsp } from './build/csp.ts';
import { lessonsPlugin } from './src/lessons/build/lessons.plugin.ts';

/** Lesson folders, read and checked at build time (docs/authoring-lessons.md). */
const lessons = lessonsPlugin(fileURLToPath(new URL('./src/lessons', import.meta.url)));

/** `npm run build:single`: the whole app as one HTML file that works from disk (`file://`). */
export const SINGLE_FILE = 'lambda-kappa-lab.html';

export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  return {
    plugins: single
      ? [
          svelte(),
          lessons,
          viteSingleFile({ removeViteModuleLoader: true }),
          singleFileCsp(SINGLE_FILE),
        ]
      : [svelte(), lessons, hostedCsp()],
    // Relative paths: the build works under any base path (a project page, a course subfolder).
    base: './',
    // The single file is the app alone (the JSON schema is on the hosted site).
    publicDir: single ? false : 'public',
    build: single
      ? { outDir: 'dist-single', emptyOutDir: true }
      : {
          rolldownOptions: { input: { main: 'index.html', embed: 'embed-demo.html' } },
          // dist/.vite/manifest.json: which chunks each page imports (`npm run budget` reads it).
          manifest: true,
        },
    // Vitest would otherwise load Svelte's server build (TOOLCHAIN.md pitfall 2). The single file
    // has no simulation worker: it builds every run on the page.
    resolve: process.env.VITEST
      ? { conditions: [...defaultClientConditions] }
      : single
        ? { alias: [{ find: /^\.\/spawn\.ts$/, replacement: './spawn.single.ts' }] }
        : undefined,
    test: {
      environment: 'jsdom',
      include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
      setupFiles: ['./vitest-setup.ts'],
      testTimeout: 60_000,
    },
  };
});
