import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints, after the default report, the ten slowest tests and the ten slowest files (a file's
 * time includes its imports and its beforeAll hooks, where stack set-up and seeds hide), so a
 * regression of the suite's time shows where it went without a profiler.
 */
export default class SlowestReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const tests = modules.flatMap((m) =>
      [...m.children.allTests()].map((t) => ({
        name: `${m.relativeModuleId} › ${t.fullName}`,
        ms: t.diagnostic()?.duration ?? 0,
      })),
    );
    const files = modules.map((m) => {
      const d = m.diagnostic();
      return { name: m.relativeModuleId, ms: d.duration + d.collectDuration + d.setupDuration };
    });
    print('Les 10 tests les plus lents', tests);
    print('Les 10 fichiers les plus lents (import, préparation et tests)', files);
  }
}

function print(title: string, rows: { name: string; ms: number }[]): void {
  const top = rows.sort((a, b) => b.ms - a.ms).slice(0, 10);
  if (top.length === 0) return;
  const lines = top.map((r) => `  ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.name}`);
  process.stdout.write(`\n${title} :\n${lines.join('\n')}\n`);
}
