import { defineConfig } from 'vitest/config';

// Its own root: vite.config.ts is rooted at wall-client/, where vitest would find no tests.
export default defineConfig({
  test: {
    root: '.',
    include: ['{protocol,live-model,stream-gateway,mock-feeds,wall-client,tests,scripts}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most test time is waiting on gateways, brokers and Chromium, not CPU: on a 2-core
    // machine three files at a time keep the suite well under ten minutes (one at a time,
    // vitest's default there, took 13).
    maxWorkers: 3,
    // A deadline for conditions polled in tests (the machine is shared and slow at times).
    expect: { poll: { timeout: 15_000, interval: 100 } },
    globalSetup: ['tests/support/globalSetup.ts'],
  },
});
