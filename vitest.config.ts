import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their `src` through the `source` export condition, so tests need no build.
// Vitest runs test files in its SSR pipeline: the condition must be set on `ssr.resolve`, not only `resolve`.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
      'chaos/**/*.test.ts',
      'integration/**/*.test.ts',
      'docs/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
