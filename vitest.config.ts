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
    globalSetup: ['tests/support/globalSetup.ts'],
  },
});
