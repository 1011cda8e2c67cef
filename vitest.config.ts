import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { HEAVY_FILES } from './test/support/heavy-files.ts';
import HeavyFirstSequencer from './test/support/heavy-first-sequencer.ts';

// Four projects: pure domain rules, rules of the code's shape (architecture), the CDK template, and
// everything that needs the embedded stack (DynamoDB Local + s3rver, started once per run by the global setup).
export default defineConfig(({ mode }) => {
  // `npm run test:quick` (`--mode quick`): the inner loop without the browser, the CDK synth and
  // the other heavy files of test/support/heavy-files.ts. `npm test` and CI run everything.
  const exclude = mode === 'quick' ? [...configDefaults.exclude, ...HEAVY_FILES] : configDefaults.exclude;
  return {
    oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
    test: {
      // The default report, then the ten slowest tests and files (where the suite's time goes).
      reporters: ['default', './test/support/slowest-reporter.ts'],
      exclude,
      // The heavy files start first (a clean clone has no timing cache to order by).
      sequence: { sequencer: HeavyFirstSequencer },
      // Vitest runs cores − 1 files at once: one on two cores. Most of this suite's time is spent
      // waiting on other processes (DynamoDB Local's JVM, Chromium, `npm start`), so two files at
      // once keep two cores busy; more cores keep vitest's default.
      maxWorkers: Math.max(2, availableParallelism() - 1),
      projects: [
        {
          extends: true,
          test: { name: 'domain', include: ['packages/domain/**/*.test.ts'] },
        },
        {
          // Rules of the code's shape (layers, storage kept in the store): source read as text, no stack.
          extends: true,
          // It reads and parses every source file: well under a second on a quiet machine, past
          // vitest's 5 s default at load ≈ 19 (seen in a full run). An honest budget instead.
          test: { name: 'architecture', include: ['test/architecture/**/*.test.ts'], testTimeout: 60_000 },
        },
        {
          extends: true,
          test: {
            name: 'infra',
            include: ['infra/**/*.test.ts'],
            testTimeout: 180_000,
            hookTimeout: 180_000,
          },
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
            // A project's exclude replaces the root's: repeat it.
            exclude: [...exclude, 'test/architecture/**'],
            globalSetup: ['test/support/global-setup.ts'],
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
