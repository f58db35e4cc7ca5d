import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    // Seeding the whole demo world in a beforeAll took over two minutes once on two busy cores (both databases' runs at once).
    hookTimeout: 240_000,
    // A poll waits for what a click or a job brings about; vitest's 1 s default is shorter than a
    // browser round trip on two busy cores (CI failed on it), so every poll may take up to 15 s.
    expect: { poll: { timeout: 15_000 } },
    // Each test file gets its own fresh database; keep parallelism modest so a
    // PostgreSQL server and PGlite instances stay within a 2-core machine.
    maxWorkers: 2,
  },
});
