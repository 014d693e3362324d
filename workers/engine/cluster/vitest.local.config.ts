import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['workers/engine/cluster/**/*.test.ts'], testTimeout: 120_000 },
});
