import { configDefaults, defineConfig } from 'vitest/config';

// Four projects: pure domain rules, rules of the code's shape (architecture), the CDK template, and
// everything that needs the embedded stack (DynamoDB Local + s3rver, started once per run by the global setup).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    // The default report, then the ten slowest tests and files (where the suite's time goes).
    reporters: ['default', './test/support/slowest-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'domain', include: ['packages/domain/**/*.test.ts'] },
      },
      {
        // Rules of the code's shape (layers, storage kept in the store): source read as text, no stack.
        extends: true,
        test: { name: 'architecture', include: ['test/architecture/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: { name: 'infra', include: ['infra/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [
            'packages/store/**/*.test.ts',
            'packages/services/**/*.test.ts',
            'functions/**/*.test.ts',
            'web/**/*.test.{ts,tsx}',
            'scripts/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, 'test/architecture/**'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
