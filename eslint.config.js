import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Modules the pure analysis core must never import (DESIGN.md §1). The parse adapter is the one
// exception for web-tree-sitter; test/boundary.test.ts enforces the same rule independently.
const hostModules = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'react',
  'react-dom',
  'express',
  'monaco-editor',
  'd3',
  'd3-*',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      '.venv/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/artifacts/**',
      '.device/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['analysis-core/src/**/*.ts'],
    ignores: ['analysis-core/src/parse/treeSitterAdapter.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['web-tree-sitter', 'tree-sitter-python'],
              message: 'Only analysis-core/src/parse/treeSitterAdapter.ts may touch tree-sitter.',
            },
            { group: hostModules, message: 'analysis-core/src is host-free: no Node, DOM, React or Express imports.' },
          ],
        },
      ],
    },
  },
);
