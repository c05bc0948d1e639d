// One flat config for the whole repository. The layer rules enforce ../shared/DESIGN.md's matrix:
//   common/    imports nothing of ours (and no Node built-in: the renderer runs it too);
//   renderer/  imports common/ and electron/contract.ts as types only; no Node, no Electron;
//   electron/  never imports server/ or renderer/; electron/services/ never imports `electron`;
//   server/    imports common/, never electron/ or renderer/.
// test/lint/layers.test.ts shows each rule failing on a small violating fixture.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

/** Every Node built-in, bare and `node:`-prefixed, and their subpaths (fs/promises). */
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));
const nodeModules = {
  group: ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((name) => `${name}/*`)],
  message: 'Node modules are not available here (the renderer runs this code).',
};
/** A relative import of one of our top-level folders, from any depth. */
const folder = (names) => `^\\.\\.?/(?:\\.\\./)*(?:${names.join('|')})/`;
const ours = (names, message) => ({ regex: folder(names), message });
const restrict = (files, { paths = [], patterns = [] }) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] },
});
const noElectron = (message) => ({ name: 'electron', message });

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      'release/',
      '.convene/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['renderer/**', 'test/e2e/pages/**', '*.config.ts', '*.config.js'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // A renderer unit test that needs the renderer's DOM types: checked with its tsconfig.
    files: ['test/renderer/room-session-join.test.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: './renderer/tsconfig.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // Rune helpers of the renderer's unit tests (compiled by Svelte like renderer/ files).
    files: ['test/renderer/**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['renderer/src/**/*.{ts,svelte}', 'test/e2e/pages/**/*.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    // Type-aware rules over the renderer too (its own tsconfig, DOM types).
    files: ['renderer/src/**/*.{ts,svelte}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  restrict(['common/**/*.ts'], {
    paths: [noElectron('common/ is shared by every part; it reaches no host.')],
    patterns: [
      nodeModules,
      ours(
        ['electron', 'server', 'renderer', 'scripts', 'test', 'bench'],
        'common/ imports nothing of ours.',
      ),
    ],
  }),
  restrict(['renderer/src/**/*.{ts,svelte}', 'test/e2e/pages/**/*.ts'], {
    paths: [noElectron('The renderer reaches the host only through its Platform.')],
    patterns: [
      nodeModules,
      ours(['server', 'scripts', 'test', 'bench'], 'The renderer imports common/ and the contract only.'),
      {
        regex: `${folder(['electron'])}(?!contract(?:\\.js)?$)`,
        message: 'Import only the typed contract from electron/, and only as types.',
      },
      {
        regex: `${folder(['electron'])}contract(?:\\.js)?$`,
        allowTypeImports: true,
        message: 'The renderer imports electron/contract.ts as types only (`import type`).',
      },
    ],
  }),
  restrict(['electron/**/*.ts'], {
    patterns: [
      ours(
        ['server', 'renderer'],
        'The desktop app talks to the server over HTTP and to the renderer over IPC.',
      ),
    ],
  }),
  restrict(['electron/services/**/*.ts'], {
    paths: [noElectron('Services get Electron facilities through ports (DESIGN.md).')],
    patterns: [
      ours(
        ['server', 'renderer'],
        'The desktop app talks to the server over HTTP and to the renderer over IPC.',
      ),
    ],
  }),
  restrict(['server/**/*.ts'], {
    paths: [noElectron('The app server is not the desktop app.')],
    patterns: [ours(['electron', 'renderer'], 'The app server imports common/ only.')],
  }),
);
