/**
 * `npm run bench [-- name…] [-- --write]`: runs the benchmarks against their own DynamoDB Local
 * and s3rver, prints a table, and with `--write` records the figures in docs/PERFORMANCE.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { apiOverhead } from './api-overhead.ts';
import { bundleBench } from './bundles.ts';
import { burst } from './burst.ts';
import { exportBench } from './exports.ts';
import { importBench } from './imports.ts';
import { queueScaling } from './queue-scaling.ts';
import { type BenchResult, type BenchStack, startBenchStack } from './stack.ts';

const args = process.argv.slice(2);
const write = args.includes('--write');
const only = args.filter((a) => !a.startsWith('--'));
const wanted = (name: string) => only.length === 0 || only.includes(name);

const BENCHES: { id: string; needsStack: boolean; run: (s: BenchStack) => Promise<BenchResult> }[] = [
  { id: 'api-overhead', needsStack: true, run: (s) => apiOverhead(s) },
  { id: 'queue-scaling', needsStack: true, run: (s) => queueScaling(s) },
  { id: 'export', needsStack: false, run: () => exportBench() },
  { id: 'bundles', needsStack: false, run: () => bundleBench() },
  { id: 'burst', needsStack: true, run: (s) => burst(s) },
  { id: 'import', needsStack: true, run: (s) => importBench(s) },
];

const machine = () => {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
};

function table(results: BenchResult[]) {
  const rows = results.flatMap((r) => r.rows);
  const cells = rows.map((r) => [
    r.benchmark,
    r.metric,
    r.value,
    r.target,
    r.met === null ? '' : r.met ? 'met' : 'MISSED',
  ]);
  const head = ['Benchmark', 'Measure', 'Value', 'Target', 'Result'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i] as number)).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

function markdown(results: BenchResult[], date: string) {
  const out = [
    '# Performance',
    '',
    `Measured on ${date} on ${machine()}.`,
    'Every figure below was written by `npm run bench -- --write` on that machine (a run limited to some benchmarks, `npm run bench -- <name> --write`, rewrites only their sections; within a section all figures come from one run) (DynamoDB Local and s3rver embedded, so absolute latencies are those of the local stack, not of AWS). Targets that were missed are marked **MISSED**.',
    '',
  ];
  for (const r of results) {
    out.push(
      `## ${r.name}`,
      '',
      `Reproduce: \`${r.command}\``,
      '',
      '| Measure | Value | Target | Result |',
      '|---|---|---|---|',
    );
    for (const row of r.rows)
      out.push(
        `| ${row.metric} | ${row.value} | ${row.target} | ${row.met === null ? '' : row.met ? 'met' : '**MISSED**'} |`,
      );
    out.push('');
    for (const n of r.notes ?? []) out.push(n, '');
  }
  return out.join('\n');
}

const results: BenchResult[] = [];
const failed: string[] = [];
const needsStack = BENCHES.some((b) => wanted(b.id) && b.needsStack);
const stack = needsStack ? await startBenchStack() : undefined;
try {
  for (const b of BENCHES) {
    if (!wanted(b.id)) continue;
    const t0 = performance.now();
    process.stderr.write(`▶ ${b.id}…\n`);
    try {
      results.push(await b.run(stack as BenchStack));
      process.stderr.write(`  done in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    } catch (e) {
      failed.push(`${b.id}: ${(e as Error).message}`);
      process.stderr.write(`  FAILED: ${(e as Error).stack}\n`);
    }
  }
} finally {
  await stack?.stop();
}
console.log(`\n${machine()}\n`);
console.log(table(results));
for (const n of results.flatMap((r) => r.notes ?? [])) console.log(`\n${n}`);
if (failed.length) console.log(`\nFailed: ${failed.join('; ')}`);
if (write) {
  const file = fileURLToPath(new URL('../../docs/PERFORMANCE.md', import.meta.url));
  const date = new Date().toISOString().slice(0, 10);
  let md = markdown(results, date);
  try {
    // Keep sections of benchmarks not run this time.
    const old = readFileSync(file, 'utf8');
    for (const section of old.split(/\n(?=## )/).slice(1)) {
      const title = section.split('\n')[0]?.slice(3);
      if (title && !results.some((r) => r.name === title)) md += `\n${section.trim()}\n`;
    }
  } catch {}
  writeFileSync(file, `${md.trimEnd()}\n`);
  console.log(`\nÉcrit : docs/PERFORMANCE.md`);
}
process.exit(failed.length ? 1 : 0);
