// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The layer rule (DESIGN.md §2): `shared` imports nothing of ours and nothing
 * of Node's; `main`, `renderer` and `server` never import each other; only
 * `main/electron` imports `electron`. Each layer lists what it may not import.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const forbid = {
  node: { names: nodeBuiltins, message: 'Node modules are not available in this layer (shared/ is pure; renderer/ runs in the browser).' },
  sqlite: { names: ['better-sqlite3'], message: 'The store lives in main/store; reach it through the contract.' },
  electron: { names: ['electron'], message: 'Only main/electron/ may import electron.' },
};

const layerPatterns = {
  main: { group: ['**/main/**', '!**/main.tsx', '!**/main.ts'], message: 'main/ is the backend; other layers reach it only through the contract (shared/api).' },
  renderer: { group: ['**/renderer/**'], message: 'renderer/ is browser code; nothing else may import it.' },
  server: { group: ['**/server/**'], message: 'server/ is the hub; workstations reach it only over HTTP (shared/sync).' },
};

/** @param {Array<{names: string[], message: string}>} modules @param {Array<{group: string[], message: string}>} patterns */
function restrict(modules, patterns) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: modules.flatMap(({ names, message }) => names.map((name) => ({ name, message }))),
        patterns,
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', '.cache/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object instead of an enum (STYLE.md).' },
      ],
    },
  },
  {
    files: ['main/**', 'scripts/**', 'tests/**', 'server/**', '*.config.*', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([forbid.node, forbid.sqlite, forbid.electron], [layerPatterns.main, layerPatterns.server]),
    },
  },
  {
    files: ['shared/**'],
    rules: restrict(
      [forbid.node, forbid.sqlite, forbid.electron, { names: ['react', 'react-dom', 'lexical'], message: 'shared/ is pure TypeScript used by every side.' }],
      [layerPatterns.main, layerPatterns.renderer, layerPatterns.server],
    ),
  },
  {
    // Import and export (shared/transfer/) run in the renderer and the backend alike: pure like the
    // rest of shared/, and without DOM libraries — the caller parses and sanitizes HTML and reads
    // Word files (renderer/import/); this code sees DOM trees only through a structural type.
    files: ['shared/transfer/**'],
    rules: restrict(
      [
        forbid.node,
        forbid.sqlite,
        forbid.electron,
        { names: ['react', 'react-dom', 'lexical'], message: 'shared/ is pure TypeScript used by every side.' },
        { names: ['dompurify', 'jsdom', 'mammoth', 'mammoth/mammoth.browser.js', 'docx'], message: 'shared/transfer/ takes parsed input; DOM, Word and sanitizer libraries live in renderer/import/ or main/.' },
      ],
      [layerPatterns.main, layerPatterns.renderer, layerPatterns.server],
    ),
  },
  {
    files: ['main/**'],
    ignores: ['main/electron/**'],
    rules: restrict([forbid.electron], [layerPatterns.renderer, layerPatterns.server]),
  },
  {
    files: ['main/electron/**'],
    rules: restrict([], [layerPatterns.renderer, layerPatterns.server]),
  },
  {
    files: ['server/**'],
    rules: restrict([forbid.electron], [layerPatterns.main, layerPatterns.renderer]),
  },
);
