import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { firstStrings } from './scripts/vite/first-strings.ts';

const server = ['tests/integration/**/*.test.ts'];

export default defineConfig({
  plugins: [firstStrings()],
  test: {
    // Screens' strings load behind the first screen in the app; tests have them all from the start.
    setupFiles: ['./tests/support/all-strings.ts'],
    testTimeout: 60_000,
    // Two files at a time even on two cores (vitest's default there is one): the server suite waits on
    // PostgreSQL, a process of its own, much of the time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    hookTimeout: 60_000,
    // The server suite runs twice: on embedded SQLite (one school's server) and on PostgreSQL (a
    // district's), the second in a throw-away cluster this run starts and stops.
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'tests/lint/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'server-sqlite',
          include: server,
          environment: 'node',
          env: { NASTAVNIK_TEST_ENGINE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'server-postgres',
          include: server,
          environment: 'node',
          env: { NASTAVNIK_TEST_ENGINE: 'postgres' },
          globalSetup: ['tests/support/pg-global-setup.ts'],
        },
      },
    ],
  },
});
