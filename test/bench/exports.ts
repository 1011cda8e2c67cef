import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type BenchResult, median } from './stack.ts';

const worker = fileURLToPath(new URL('./export-worker.ts', import.meta.url));
let bundled: string | undefined;

/** The worker bundled once with esbuild and run by plain `node`: no loader inflating the RSS. */
async function workerFile() {
  if (bundled) return bundled;
  const dir = mkdtempSync(join(tmpdir(), 'aides-export-bench-'));
  bundled = join(dir, 'export-worker.mjs');
  await build({
    entryPoints: [worker],
    outfile: bundled,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  return bundled;
}

type Format = 'csv' | 'xlsx' | 'none';
interface WorkerRun {
  rows: number;
  rowsPerSecond: number;
  maxRssMb: number;
  heapAfterGcMb: number;
  bytes: number;
}

/**
 * V8 enlarges its young generation after a set amount of allocation (scavenges here keep about
 * one page of rows alive, ≈ 330 KB, whatever the writer): with these flags it has one fixed size
 * from the start, so that what grows with the row count is the export's own memory.
 */
const FIXED_YOUNG_GENERATION = ['--min-semi-space-size=16', '--max-semi-space-size=16'];

function run(
  file: string,
  rows: number,
  format: Format,
  v8Flags: readonly string[] = [],
  mode: 'leak' | 'export' = 'export',
): WorkerRun {
  const out = execFileSync(process.execPath, ['--expose-gc', ...v8Flags, file, String(rows), format, mode], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const result = JSON.parse(out.trim().split('\n').at(-1) as string) as WorkerRun;
  if (result.rows !== rows) throw new Error(`export ${format} : ${result.rows} lignes au lieu de ${rows}`);
  return result;
}

const REPEATS = 3;
const SIZES = [10_000, 100_000] as const;
const LARGE = 1_000_000;

const mb = (x: number) => `${x.toFixed(0)} MB`;
type Variant = { format: Format; fixed: boolean; leak?: boolean };

/** Every variant REPEATS times at each size, interleaved so that a busy moment hits all alike. */
function measure(file: string, variants: readonly Variant[]) {
  const runs = new Map<string, WorkerRun[]>();
  const key = (v: Variant, size: number) => `${v.format}:${v.fixed}:${v.leak ?? false}:${size}`;
  for (let r = 0; r < REPEATS; r++)
    for (const size of SIZES)
      for (const v of variants) {
        const one = run(
          file,
          size,
          v.format,
          v.fixed ? FIXED_YOUNG_GENERATION : [],
          v.leak ? 'leak' : 'export',
        );
        runs.set(key(v, size), [...(runs.get(key(v, size)) ?? []), one]);
      }
  return (v: Variant, size: number) => runs.get(key(v, size)) as WorkerRun[];
}

export async function exportBench(): Promise<BenchResult> {
  const rows: BenchResult['rows'] = [];
  const file = await workerFile();
  const variants: Variant[] = [{ format: 'none', fixed: false }];
  for (const format of ['csv', 'xlsx'] as const)
    variants.push({ format, fixed: false }, { format, fixed: true });
  const leaky = { format: 'csv', fixed: true, leak: true } as const;
  variants.push(leaky);
  const runsOf = measure(file, variants);
  const rss = (v: Variant, size: number) => median(runsOf(v, size).map((r) => r.maxRssMb));
  const [small, big] = SIZES;
  const info = (metric: string, value: string) =>
    rows.push({ benchmark: 'Export', metric, value, target: '(info)', met: null });

  const control = { format: 'none', fixed: false } as const;
  info(
    'Control (the same rows made and read, nothing written): peak RSS 10,000 → 100,000 rows',
    `${mb(rss(control, small))} → ${mb(rss(control, big))}`,
  );
  for (const format of ['csv', 'xlsx'] as const) {
    const name = format.toUpperCase();
    const plain = { format, fixed: false };
    const fixed = { format, fixed: true };
    const bigRuns = runsOf(plain, big);
    info(
      `${name} 100,000 rows: throughput`,
      `${Math.round(median(bigRuns.map((r) => r.rowsPerSecond))).toLocaleString('en')} rows/s`,
    );
    rows.push({
      benchmark: 'Export',
      metric: `${name} peak RSS 100,000 rows (file ${((bigRuns[0]?.bytes ?? 0) / 1e6).toFixed(1)} MB)`,
      value: mb(rss(plain, big)),
      target: '< 200 MB',
      met: rss(plain, big) < 200,
    });
    info(
      `${name} peak RSS 10,000 → 100,000 rows, V8 sizing its heap as it likes: ${mb(rss(plain, small))} → ${mb(rss(plain, big))}`,
      `${(rss(plain, big) / rss(plain, small)).toFixed(2)}×`,
    );
    const growth = rss(fixed, big) / rss(fixed, small);
    rows.push({
      benchmark: 'Export',
      metric: `${name} peak RSS 10,000 → 100,000 rows, young generation of fixed size: ${mb(rss(fixed, small))} → ${mb(rss(fixed, big))}`,
      value: `${growth.toFixed(2)}×`,
      target: 'flat (≤ 1.2×)',
      met: growth <= 1.2,
    });
    const heap = (size: number) => median(runsOf(plain, size).map((r) => r.heapAfterGcMb)).toFixed(1);
    info(
      `${name} heap in use after the export and a GC, 10,000 → 100,000 rows`,
      `${heap(small)} → ${heap(big)} MB`,
    );
    // One run each, beyond the target's range: where each way of running levels off.
    const large = run(file, LARGE, format);
    const largeFixed = run(file, LARGE, format, FIXED_YOUNG_GENERATION);
    info(
      `${name} peak RSS 1,000,000 rows (one run): as V8 likes / young generation of fixed size`,
      `${mb(large.maxRssMb)} / ${mb(largeFixed.maxRssMb)}`,
    );
  }
  // The check must be able to fail: a writer that keeps every row has to miss it.
  const leakGrowth = rss(leaky, big) / rss(leaky, small);
  rows.push({
    benchmark: 'Export',
    metric: `Check of the check: the same "flat" measure on a CSV run that keeps a copy of every page: ${mb(rss(leaky, small))} → ${mb(rss(leaky, big))}`,
    value: `${leakGrowth.toFixed(2)}×`,
    target: 'caught (> 1.2×)',
    met: leakGrowth > 1.2,
  });
  return {
    name: 'Export',
    command: 'npm run bench -- export',
    rows,
    notes: [
      `Each child process (the worker bundled with esbuild, run by plain \`node\`) feeds synthetic commitments page by page (500) to writeExport, written to a file, and reads process.resourceUsage().maxRSS: this measures the writers, not the DynamoDB reads. Every variant runs ${REPEATS} times at each size, interleaved; figures are medians. The control is the same process making and reading the same rows and writing nothing.`,
      `"Flat" is judged with V8's young generation held at one size (\`${FIXED_YOUNG_GENERATION.join(' ')}\`). Left to itself, V8 enlarges it after a set amount of allocation: every scavenge here keeps ≈ 330 KB alive (the page being written), and V8 doubles the young generation once the sum of those survivors exceeds its size, up to a ceiling that Node derives from the memory limit (134 MB of new space at 1,000,000 rows on this machine). The ratio "as V8 likes" therefore measures how much was allocated, not what the export keeps; the peak RSS target is judged on that default run, the larger one.`,
    ],
  };
}
