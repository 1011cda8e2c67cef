import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { funderLabels, paymentKindLabels } from '@aides/domain';
import { objectKeys, presignDownload, uploadStream } from '@aides/store/objects';
import type { Commitment, Payment } from '../bureau/model.ts';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import { recordAccess } from '../privacy/access-log.ts';
import { CSV_BOM, type CsvCell, csvAmount, csvLine, frenchDate, parisDate } from './csv.ts';
import { type ExportFormat, type ExportKind, exportRows, parseExportQuery } from './export-rows.ts';
import { createXlsxStream } from './xlsx-stream.ts';

export * from './export-rows.ts';

const commitmentStatusLabels: Record<Commitment['status'], string> = {
  active: 'En cours',
  closed: 'Soldé',
  lapsed: 'Caduc',
};

interface Column<T> {
  readonly header: string;
  readonly width: number;
  readonly kind: 'text' | 'amount' | 'date' | 'integer';
  readonly value: (row: T) => string | number;
}

const commitmentColumns: readonly Column<Commitment>[] = [
  { header: 'Référence', width: 18, kind: 'text', value: (c) => c.reference },
  { header: 'Dispositif', width: 10, kind: 'text', value: (c) => c.scheme },
  { header: 'Bénéficiaire', width: 32, kind: 'text', value: (c) => c.beneficiary },
  { header: 'Financeur', width: 22, kind: 'text', value: (c) => funderLabels[c.funder] ?? c.funder },
  { header: 'Ligne budgétaire', width: 24, kind: 'text', value: (c) => c.budgetLine },
  { header: 'Exercice', width: 9, kind: 'integer', value: (c) => c.year },
  { header: 'Séance', width: 10, kind: 'text', value: (c) => c.sessionNumber },
  { header: 'N° délibération', width: 16, kind: 'text', value: (c) => c.deliberationNumber },
  { header: "Date d'engagement", width: 14, kind: 'date', value: (c) => c.committedAt },
  { header: 'Montant engagé', width: 16, kind: 'amount', value: (c) => c.amountCents },
  { header: 'Montant versé', width: 16, kind: 'amount', value: (c) => c.paidCents },
  { header: 'Reste à verser', width: 16, kind: 'amount', value: (c) => c.remainingCents },
  { header: 'Statut', width: 10, kind: 'text', value: (c) => commitmentStatusLabels[c.status] ?? c.status },
];

const paymentColumns: readonly Column<Payment>[] = [
  { header: 'Référence', width: 18, kind: 'text', value: (p) => p.reference },
  { header: 'Dispositif', width: 10, kind: 'text', value: (p) => p.scheme },
  { header: 'Bénéficiaire', width: 32, kind: 'text', value: (p) => p.beneficiary },
  { header: 'Financeur', width: 22, kind: 'text', value: (p) => funderLabels[p.funder] ?? p.funder },
  { header: 'Ligne budgétaire', width: 24, kind: 'text', value: (p) => p.budgetLine },
  { header: 'Nature', width: 10, kind: 'text', value: (p) => paymentKindLabels[p.kind] ?? p.kind },
  { header: 'Date', width: 12, kind: 'date', value: (p) => p.at },
  { header: 'Montant', width: 16, kind: 'amount', value: (p) => p.amountCents },
];

const columnsOf = (kind: ExportKind) =>
  (kind === 'commitments' ? commitmentColumns : paymentColumns) as readonly Column<Commitment | Payment>[];

function csvCells(columns: readonly Column<Commitment | Payment>[], row: Commitment | Payment): CsvCell[] {
  return columns.map((c) => {
    const v = c.value(row);
    if (c.kind === 'amount') return csvAmount(Number(v));
    if (c.kind === 'date') return frenchDate(String(v));
    if (c.kind === 'integer') return Number(v);
    return String(v ?? '');
  });
}

/** Resolves when `out` can take more; rejects if it fails or closes first (e.g. the upload died). */
function drained(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      out.removeListener('drain', onDrain);
      out.removeListener('error', onError);
      out.removeListener('close', onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('Flux de sortie fermé avant la fin de l’export'));
    };
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

/** Ends `out` and waits until everything written has been flushed to it. */
function finish(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
}

/** A Date for a spreadsheet cell: midnight UTC of the Paris calendar day (cells have no zone). */
const sheetDate = (iso: string) => new Date(`${parisDate(iso)}T00:00:00Z`);

/**
 * Writes the rows as CSV or XLSX into `out`, page by page, and ends it. CSV honours the stream's
 * backpressure line by line. XLSX goes through our own streaming writer (xlsx-stream.ts: inline
 * strings, rows batched into the zip entry, which yazl deflates into `out`); a row waits only
 * when the zip or `out` needs draining. Memory holds about one page, never the whole file.
 */
export async function writeExport(
  rows: AsyncIterable<Commitment[] | Payment[]>,
  kind: ExportKind,
  format: ExportFormat,
  out: NodeJS.WritableStream,
): Promise<{ rows: number; totalCents: number }> {
  const columns = columnsOf(kind);
  let count = 0;
  let totalCents = 0;

  if (format === 'csv') {
    if (!out.write(CSV_BOM + csvLine(columns.map((c) => c.header)))) await drained(out);
    for await (const page of rows) {
      for (const row of page as (Commitment | Payment)[]) {
        count += 1;
        totalCents += row.amountCents;
        if (!out.write(csvLine(csvCells(columns, row)))) await drained(out);
      }
    }
    await finish(out);
    return { rows: count, totalCents };
  }

  const sheet = createXlsxStream(out, {
    creator: 'CABBALR — aides et dossiers',
    sheetName: kind === 'commitments' ? 'Engagements' : 'Versements',
    columns: columns.map((c) => ({ width: c.width, style: c.kind })),
  });
  await sheet.writeRow(
    columns.map((c) => c.header),
    { bold: true },
  );
  const sums = columns.map(() => 0);
  for await (const page of rows) {
    for (const row of page as (Commitment | Payment)[]) {
      count += 1;
      totalCents += row.amountCents;
      await sheet.writeRow(
        columns.map((c, i) => {
          const v = c.value(row);
          if (c.kind === 'amount') {
            sums[i] = (sums[i] ?? 0) + Number(v);
            return Number(v) / 100;
          }
          if (c.kind === 'date') return sheetDate(String(v));
          return v;
        }),
      );
    }
  }
  await sheet.writeRow(
    columns.map((c, i) =>
      i === 0 ? `Total (${count} lignes)` : c.kind === 'amount' ? (sums[i] ?? 0) / 100 : null,
    ),
    { bold: true },
  );
  await sheet.end();
  return { rows: count, totalCents };
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Streams an export of commitments ("engagements") or payments ("versements") of a period into
 * the bucket and hands out a short-lived download link. The Query pages feed a PassThrough that
 * the multipart upload reads: memory stays flat whatever the number of rows.
 */
export async function exportToObject(
  ctx: ServiceContext,
  caller: Caller,
  kind: ExportKind,
  query: unknown,
): Promise<{ url: string; key: string; rows: number; totalCents: number }> {
  requireRole(caller, 'finance', 'admin');
  const { format, filters } = parseExportQuery(query, ctx.now());
  const key = objectKeys.export(randomUUID(), format);
  const body = new PassThrough({ highWaterMark: 256 * 1024 });
  const upload = uploadStream(ctx.store, { key, body, contentType: CONTENT_TYPES[format] }).catch(
    (e: unknown) => {
      // The writer may be waiting for 'drain': failing the stream wakes it with the error.
      body.destroy(e instanceof Error ? e : new Error(String(e)));
      throw e;
    },
  );
  const written = writeExport(exportRows(ctx, kind, filters), kind, format, body).catch((e: unknown) => {
    body.destroy(e instanceof Error ? e : new Error(String(e)));
    throw e;
  });
  const [result] = await Promise.all([written, upload]);
  const fileName = `${kind === 'commitments' ? 'engagements' : 'versements'}-${filters.from}_${filters.to}.${format}`;
  // Exports name beneficiaries: logged for the access log (issue 20) before the link is handed out.
  await recordAccess(ctx, caller, { kind: 'export', what: `Export ${fileName} (${result.rows} lignes)` });
  const url = await presignDownload(ctx.store, {
    key,
    fileName,
    contentType: CONTENT_TYPES[format],
    expiresInSeconds: 300,
  });
  return { url, key, ...result };
}
