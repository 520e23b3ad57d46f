import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default defineConfig(
  globalIgnores([
    'dist/',
    'test-results/',
    'playwright-report/',
    'bench/out/',
    'scratch/',
    'dist-single/',
  ]),
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  prettier,
  svelte.configs.prettier,
  { languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
  },
  {
    files: ['**/*.ts', '**/*.svelte'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Lessons are parsed at build time: the markdown and YAML parsers never ship to the browser.
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/lessons/build/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'marked', message: 'Parse markdown at build time (src/lessons/build).' },
            { name: 'yaml', message: 'Parse YAML at build time (src/lessons/build).' },
          ],
        },
      ],
    },
  },
  {
    // The engine is pure: no DOM, no Svelte, no D3 DOM modules, no wall clock, no Math.random.
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['svelte', 'svelte/*'], message: 'The engine must not depend on Svelte.' },
            {
              group: ['d3-selection', 'd3-transition', 'd3'],
              message: 'The engine must not touch the DOM (no d3-selection/d3-transition).',
            },
            {
              group: ['**/visuals/**', '**/app/**', '**/lessons/**'],
              message: 'Data flows one way: the engine imports nothing from the UI.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'No DOM in the engine.' },
        { name: 'document', message: 'No DOM in the engine.' },
        { name: 'navigator', message: 'No DOM in the engine.' },
        { name: 'performance', message: 'No wall clock in the engine: use virtual time.' },
        { name: 'setTimeout', message: 'No wall clock in the engine: use virtual time.' },
        { name: 'setInterval', message: 'No wall clock in the engine: use virtual time.' },
        {
          name: 'requestAnimationFrame',
          message: 'No wall clock in the engine: use virtual time.',
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the seeded generator (engine/random).',
        },
        {
          object: 'Date',
          property: 'now',
          message: 'No wall clock in the engine: use virtual time.',
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'No wall clock in the engine: new Date() reads it.',
        },
      ],
    },
  },
);
