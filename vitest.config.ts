import { defineConfig } from 'vitest/config';
import { firstStrings } from './scripts/vite/first-strings.ts';

export default defineConfig({
  plugins: [firstStrings()],
  test: {
    include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Screens' strings load behind the first screen in the app; tests have them all from the start.
    setupFiles: ['./tests/support/all-strings.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
