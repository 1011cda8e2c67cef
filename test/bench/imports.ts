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
 * benchmark's DynamoDB Local and s3rver. Measured: rows per second of each phase, the number of
 * slices and the longest (the API runs the import in slices of 20 s, each a request of its own that
 * must end before the imports function's 29 s; /tmp is not used), the peak RSS of the process, to
 * hold within the imports function's 1,024 MB; then counted in the table (every dossier once) and
 * imported a second time (nothing added).
 */
/** IMPORT_BENCH_DOSSIERS overrides the size (a quicker check; the figures are for 20,000). */
export const IMPORT_DOSSIERS = Number(process.env.IMPORT_BENCH_DOSSIERS ?? 20_000);
const LAMBDA_MB = 1024;
/** The imports function's timeout (infra: 29 s, as API Gateway waits) and the slices' budget. */
const FUNCTION_SECONDS = 29;
const SLICE_SECONDS = Number(process.env.IMPORT_BENCH_SLICE_MS ?? 20_000) / 1000;

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
    interface Run {
      rows: number;
      dossiers: number;
      issues: number;
      toImport: number;
      checkAlreadyPresent: number;
      created: number;
      alreadyPresent: number;
      failed: number;
      status: string;
      checkSeconds: number;
      runSeconds: number;
      slices: number;
      longestSlice: number;
    }
    type Counts = { dossiers: number; claims: number; distinctDossiersClaimed: number };
    const r = JSON.parse(out.trim().split('\n').at(-1) as string) as Run & {
      maxRssMb: number;
      inTable: Counts;
      countSeconds: number;
      second: Run;
      afterSecond: Counts;
      maxRssMbWithSecond: number;
    };
    if (r.created !== IMPORT_DOSSIERS || r.issues !== 0)
      throw new Error(
        `import : ${r.created} dossiers importés sur ${IMPORT_DOSSIERS}, ${r.issues} problèmes`,
      );
    const once =
      r.inTable.dossiers === IMPORT_DOSSIERS &&
      r.inTable.claims === IMPORT_DOSSIERS &&
      r.inTable.distinctDossiersClaimed === IMPORT_DOSSIERS;
    const idempotent =
      r.second.toImport === 0 &&
      r.second.checkAlreadyPresent === IMPORT_DOSSIERS &&
      r.second.created === 0 &&
      r.second.alreadyPresent === IMPORT_DOSSIERS &&
      r.afterSecond.dossiers === r.inTable.dossiers &&
      r.afterSecond.claims === r.inTable.claims;
    const row = (metric: string, value: string, target: string, met: boolean | null) => ({
      benchmark: 'import',
      metric,
      value,
      target,
      met,
    });
    return {
      name: `Import of earlier dossiers (${IMPORT_DOSSIERS.toLocaleString('en')} dossiers)`,
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
          `${(r.rows / r.runSeconds).toFixed(1)} rows/s (${r.runSeconds.toFixed(0)} s, ${r.slices} slices of ${SLICE_SECONDS} s)`,
          '',
          null,
        ),
        row(
          'longest slice',
          `${r.longestSlice.toFixed(1)} s`,
          `< ${FUNCTION_SECONDS} s (the imports function's timeout)`,
          r.longestSlice < FUNCTION_SECONDS,
        ),
        row(
          'peak RSS (import process)',
          `${r.maxRssMb.toFixed(0)} MB`,
          `< ${LAMBDA_MB} MB (the imports function)`,
          r.maxRssMb < LAMBDA_MB,
        ),
        row(
          'in the table after the run',
          `${r.inTable.dossiers} imported dossiers, ${r.inTable.claims} references claimed by ${r.inTable.distinctDossiersClaimed} distinct dossiers (counted in ${r.countSeconds.toFixed(0)} s)`,
          `${IMPORT_DOSSIERS} each (every dossier once)`,
          once,
        ),
        row(
          'same file again',
          `dry run: ${r.second.toImport} to import, ${r.second.checkAlreadyPresent} present; run: ${r.second.created} created, ${r.second.alreadyPresent} present, ${r.second.slices} slice(s), ${(r.second.checkSeconds + r.second.runSeconds).toFixed(0)} s; table: ${r.afterSecond.dossiers} dossiers`,
          'nothing added',
          idempotent,
        ),
        row(
          'peak RSS with the second run',
          `${r.maxRssMbWithSecond.toFixed(0)} MB`,
          `< ${LAMBDA_MB} MB`,
          r.maxRssMbWithSecond < LAMBDA_MB,
        ),
      ],
      notes: [
        `Import: dossiers written ten or so to a DynamoDB transaction (at most 100 writes; each dossier all or nothing: the dossier, its reference claim, events, agenda line, two commitments, payments; the two envelopes once per transaction, by the sum), against DynamoDB Local on this machine, which is much slower than DynamoDB (not measured on AWS). The API and the web page run it in slices of ${SLICE_SECONDS} s, each a request of its own (the page chains them by itself), resuming after the last row handled, from that byte of the file (CSV). Peak RSS is that of the process running the import (the whole run in one warm process, as a Lambda reused for every slice).`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
