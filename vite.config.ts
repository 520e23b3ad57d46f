import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [svelte()],
  base: './',
  // Vitest would otherwise load Svelte's server build (TOOLCHAIN.md pitfall 2).
  resolve: process.env.VITEST ? { conditions: [...defaultClientConditions] } : undefined,
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
    setupFiles: ['./vitest-setup.ts'],
    testTimeout: 60_000,
  },
});
