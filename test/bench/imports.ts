import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { SAMPLE_PLAN, sampleRows, toCsv } from '../fixtures/imports/samples.ts';
import type { BenchResult, BenchStack } from './stack.ts';

/**
 * `npm run bench -- import`: a Habitat file of 20,000 dossiers (two funders each, a third with a
 * payment on its row: 20,000 rows, ≈ 3.3 MB) is uploaded, checked (dry run) and imported, in a child process
 * bundled by esbuild and run by plain `node` (as a Lambda runs its bundle), against the
 * benchmark's DynamoDB Local and s3rver. Measured: rows per second of each phase and the peak
 * RSS of the process, to hold within a 1,024 MB function (the imports function's size); the API runs
 * it in slices of 20 s (each must end before the function's 29 s), and the whole within 15 minutes
 * would even fit one Lambda invocation.
 */
export const IMPORT_DOSSIERS = 20_000;
const LAMBDA_MB = 1024;
const LAMBDA_SECONDS = 15 * 60;

async function bundleWorker(dir: string) {
  const out = join(dir, 'import-worker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./import-worker.ts', import.meta.url))],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  return out;
}

/** The large file, written row by row (never whole in memory). */
async function writeLargeFile(path: string, dossiers: number) {
  const out = createWriteStream(path);
  const plan = SAMPLE_PLAN.HABITAT[2022];
  const header = toCsv('HABITAT', []);
  out.write(header);
  for (let i = 0; i < dossiers; i++) {
    const d = { ...(plan[i % plan.length] as (typeof plan)[number]), seq: i + 1 };
    const csv = toCsv('HABITAT', sampleRows('HABITAT', 2022, d));
    if (!out.write(csv.slice(header.length))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
}

export async function importBench(stack: BenchStack): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'aides-import-bench-'));
  try {
    const file = join(dir, 'habitat-bench.csv');
    await writeLargeFile(file, IMPORT_DOSSIERS);
    const worker = await bundleWorker(dir);
    const table = `bench-import-${Date.now()}`;
    // Not execFileSync: s3rver runs in this process's event loop, which must stay free to answer.
    const child = promisify(execFile)(
      process.execPath,
      [worker, stack.dynamoEndpoint, stack.s3Endpoint, file, table],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    child.child.stderr?.pipe(process.stderr);
    const { stdout: out } = await child;
    const r = JSON.parse(out.trim().split('\n').at(-1) as string) as {
      rows: number;
      dossiers: number;
      issues: number;
      created: number;
      status: string;
      checkSeconds: number;
      runSeconds: number;
      slices: number;
      longestSlice: number;
      maxRssMb: number;
    };
    if (r.created !== IMPORT_DOSSIERS || r.issues !== 0)
      throw new Error(
        `import : ${r.created} dossiers importés sur ${IMPORT_DOSSIERS}, ${r.issues} problèmes`,
      );
    const total = r.checkSeconds + r.runSeconds;
    const row = (metric: string, value: string, target: string, met: boolean | null) => ({
      benchmark: 'import',
      metric,
      value,
      target,
      met,
    });
    return {
      name: 'Import of earlier dossiers (20,000 dossiers)',
      command: 'npm run bench -- import',
      rows: [
        row('file', `${r.dossiers} dossiers, ${r.rows} rows (CSV)`, '', null),
        row(
          'dry run',
          `${(r.rows / r.checkSeconds).toFixed(0)} rows/s (${r.checkSeconds.toFixed(1)} s)`,
          '',
          null,
        ),
        row(
          'import',
          `${(r.rows / r.runSeconds).toFixed(0)} rows/s (${r.runSeconds.toFixed(1)} s)`,
          '',
          null,
        ),
        row(
          'dry run + import',
          `${total.toFixed(0)} s`,
          `< ${LAMBDA_SECONDS} s (one Lambda invocation)`,
          total < LAMBDA_SECONDS,
        ),
        row(
          'peak RSS',
          `${r.maxRssMb.toFixed(0)} MB`,
          `< ${LAMBDA_MB} MB (the imports function)`,
          r.maxRssMb < LAMBDA_MB,
        ),
      ],
      notes: [
        'Import: one transaction per dossier against DynamoDB Local (each: the dossier, its reference claim, events, agenda line, two commitments, payments, two envelope updates), after one read of each envelope. The API and the web page run it in slices of 20 s, each a request of its own, resuming after the last row handled.',
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
