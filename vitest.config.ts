import { defineConfig } from 'vitest/config';

// Unit tests only: Playwright owns tests/e2e. Kept separate from vite.config.ts,
// whose root is the renderer folder and whose React plugin unit tests don't need.
export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/hub/**/*.test.ts', 'tests/sync/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**', 'dist/**', 'out/**'],
    environment: 'node',
    // better-sqlite3 is a native addon: separate processes are the safe pool for it.
    pool: 'forks',
    // These machines have 2 cores; more workers only add start-up cost.
    maxWorkers: 2,
    testTimeout: 10_000,
  },
});
