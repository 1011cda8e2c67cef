/**
 * Child process: writes `rows` synthetic commitments (pages of 500, the size a Query page gives)
 * through writeExport into a file, then prints rows/s and peak RSS as JSON. With the format
 * `none` it is the control: the same rows, made and read the same way, but written nowhere.
 * With `leak` as third argument it keeps a copy of every page: the faulty writer that the
 * benchmark's "flat" check must catch.
 */
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Commitment } from '@aides/services/bureau/model';
import { writeExport } from '@aides/services/finance/exports';

const [rowsArg, format, mode] = process.argv.slice(2) as [string, 'csv' | 'xlsx' | 'none', string?];
const total = Number(rowsArg);
const kept: Commitment[][] = [];

async function* pages(): AsyncGenerator<Commitment[]> {
  for (let start = 0; start < total; start += 500) {
    const page: Commitment[] = [];
    for (let i = start; i < Math.min(total, start + 500); i++) {
      const amount = 100_000 + (i % 9973) * 37;
      page.push({
        id: `d${i}-agglomeration`,
        dossierId: `d${i}`,
        reference: `FTE-2026-${String(i).padStart(6, '0')}`,
        scheme: 'FTE',
        year: 2026,
        funder: 'agglomeration',
        beneficiary: `Bénéficiaire n° ${i} ; « test », ligne`,
        budgetLine: '204-20422-72',
        amountCents: amount,
        paidCents: i % 3 ? 0 : amount,
        remainingCents: i % 3 ? amount : 0,
        releasedCents: 0,
        status: i % 3 ? 'active' : 'closed',
        sessionId: 's1',
        sessionNumber: '2026-01',
        deliberationNumber: `B2026-${i % 1000}`,
        committedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
        decisionDate: '2026-01-15',
        // The columns of issue 16.5: every row carries the beneficiary's details, as real ones do.
        details: {
          beneficiaryType: 'household',
          identifierKind: 'tax',
          identifier: `*********${String(i % 10_000).padStart(4, '0')}`,
          communeInsee: '62119',
          communeName: 'Béthune',
          investmentCents: 1_500_000 + i,
          project: 'development',
        },
        payments: [],
      } as Commitment);
    }
    if (mode === 'leak') kept.push(page.map((c) => ({ ...c })));
    yield page;
    // Let the stream flush between pages, as the DynamoDB reads would.
    await new Promise((r) => setImmediate(r));
  }
}

/** The control: every row is read (its amount summed, as writeExport does), none is written. */
async function readOnly(rows: AsyncIterable<Commitment[]>, out: NodeJS.WritableStream) {
  let count = 0;
  let totalCents = 0;
  for await (const page of rows)
    for (const row of page) {
      count += 1;
      totalCents += row.amountCents;
    }
  await new Promise<void>((resolve) => out.end(resolve));
  return { rows: count, totalCents };
}

const file = join(tmpdir(), `bench-export-${process.pid}.${format}`);
const out = createWriteStream(file);
const t0 = performance.now();
const r =
  format === 'none' ? await readOnly(pages(), out) : await writeExport(pages(), 'commitments', format, out);
const seconds = (performance.now() - t0) / 1000;
const size = statSync(file).size;
rmSync(file, { force: true });
// What the process still holds once the export is over and garbage is collected (run with
// --expose-gc): a writer that kept rows would show here, unlike V8's own heap sizing.
globalThis.gc?.();
const heapAfterGcMb = process.memoryUsage().heapUsed / 1e6;
console.log(
  JSON.stringify({
    rows: r.rows,
    seconds,
    rowsPerSecond: r.rows / seconds,
    bytes: size,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    heapAfterGcMb,
  }),
);
