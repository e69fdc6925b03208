// Lint with zero warnings. The import rules below are the layer map of ARCHITECTURE.md,
// enforced rather than remembered.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'release/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
      '.tmp/',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        {
          // A bundler keeps all of zod for `import { z }`, only what is used for `import * as z`
          // (the CLI bundle's zod went from 580 kB to 140 kB, a measurable part of every start).
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: "Write import * as z from 'zod' (a bundle then keeps only the parts of zod in use).",
        },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'kysely', 'react'],
          patterns: [
            { group: nodeBuiltins, message: 'shared/ runs in the renderer too: no Node APIs.' },
            {
              group: ['**/electron/**', '**/renderer/**', '**/migrations/**'],
              message: 'shared/ depends on nothing of ours.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['migrations/0*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['*', '!kysely'], message: 'Migrations are frozen in time: they import only kysely.' }] },
      ],
    },
  },
  {
    // platform/policy/ holds the pure half of the shell (CSP, window options, sender check,
    // paths): it is unit-tested under plain Node, so it gets the same rule.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/platform/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              allowTypeImports: true,
              message:
                "Only main.ts, preload.ts and platform/ import 'electron': everything else runs under plain Node.",
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'The main process never imports renderer code.' }],
        },
      ],
    },
  },
  {
    // The ledger depends on neither sync nor bank: the composition roots (main.ts, cli.ts, browser.ts)
    // hand sync's handlers to the router. (Repeats the rule above: a later block replaces it.)
    files: ['electron/ledger/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              allowTypeImports: true,
              message:
                "Only main.ts, preload.ts and platform/ import 'electron': everything else runs under plain Node.",
            },
          ],
          patterns: [
            { group: ['**/renderer/**'], message: 'The main process never imports renderer code.' },
            { group: ['../sync/*', '**/electron/sync/**'], message: 'ledger/ never imports sync/ (ARCHITECTURE).' },
            { group: ['../bank/*', '**/electron/bank/**'], message: 'ledger/ never imports bank/ (ARCHITECTURE).' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'kysely'],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer has no Node APIs.' },
            {
              group: ['**/electron/**', '**/migrations/**'],
              message: 'The renderer talks to the main process only through renderer/src/api.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/api/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'api', message: 'Only renderer/src/api reads window.api.' },
      ],
    },
  },
  {
    files: ['*.config.{js,ts,mjs}', '**/*.config.{js,ts,mjs}'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
