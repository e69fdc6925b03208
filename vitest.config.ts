import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores here and in CI: more workers only contend for the disk and the CPU.
    maxWorkers: 2,
  },
});

// vitest reads the default export.
export default config;
