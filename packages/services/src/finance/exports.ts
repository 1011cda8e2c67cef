import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { FUNDERS, funderLabels, paymentKindLabels, SCHEMES } from '@aides/domain';
import { keys, objectKeys, presignDownload, queryAll, uploadStream } from '@aides/store';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Commitment, Payment } from '../bureau/model.ts';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import { badRequest, parseOrThrow } from '../errors.ts';
import {
  CSV_BOM,
  type CsvCell,
  csvAmount,
  csvLine,
  frenchDate,
  nextDay,
  parisDate,
  parisMidnight,
} from './csv.ts';

export type ExportKind = 'commitments' | 'payments';
export type ExportFormat = 'csv' | 'xlsx';

/** At most this many years per export: beyond, the month partitions become too many to read. */
export const MAX_SPAN_YEARS = 5;

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optional = <S extends z.ZodType>(s: S) => z.preprocess(blankToUndefined, s.optional());
const day = z.iso.date({ error: 'Date attendue au format AAAA-MM-JJ' });

export const exportQuery = z
  .object({
    format: z.preprocess(
      blankToUndefined,
      z.enum(['csv', 'xlsx'], { error: 'Format : csv ou xlsx' }).default('csv'),
    ),
    from: optional(day),
    to: optional(day),
    scheme: optional(z.enum(SCHEMES, { error: 'Dispositif inconnu' })),
    sessionId: optional(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Identifiant de séance invalide')),
    budgetLine: optional(z.string().regex(/^[A-Za-z0-9_./-]{1,64}$/, 'Ligne budgétaire invalide')),
    funder: optional(z.enum(FUNDERS, { error: 'Financeur : agglomeration, anah ou region' })),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'La date de fin doit suivre la date de début' });
    }
  });

export interface ExportFilters {
  /** First and last calendar days of the period (Europe/Paris), "AAAA-MM-JJ", both included. */
  readonly from: string;
  readonly to: string;
  readonly scheme?: string | undefined;
  readonly sessionId?: string | undefined;
  readonly budgetLine?: string | undefined;
  readonly funder?: string | undefined;
}

/** Validated query → format and filters; the period defaults to the current calendar year. */
export function parseExportQuery(
  query: unknown,
  now: Date,
): { format: ExportFormat; filters: ExportFilters } {
  const q = parseOrThrow(exportQuery, query ?? {});
  const year = parisDate(now.toISOString()).slice(0, 4);
  const from = q.from ?? (q.to ? `${q.to.slice(0, 4)}-01-01` : `${year}-01-01`);
  const to = q.to ?? (q.from ? `${q.from.slice(0, 4)}-12-31` : `${year}-12-31`);
  const limit = `${Number(from.slice(0, 4)) + MAX_SPAN_YEARS}${from.slice(4)}`;
  if (from > to)
    throw badRequest('Période invalide.', [
      { pointer: '/to', detail: 'La date de fin doit suivre la date de début' },
    ]);
  if (to >= limit)
    throw badRequest('Période trop longue.', [
      { pointer: '/to', detail: `Période limitée à ${MAX_SPAN_YEARS} ans` },
    ]);
  return {
    format: q.format,
    filters: {
      from,
      to,
      scheme: q.scheme,
      sessionId: q.sessionId,
      budgetLine: q.budgetLine,
      funder: q.funder,
    },
  };
}

/** "AAAA-MM" of every month partition that may hold an instant of [start, end). */
export function monthsBetween(start: Date, endExclusive: Date): string[] {
  const out: string[] = [];
  const last = new Date(endExclusive.getTime() - 1).toISOString().slice(0, 7);
  let [y, m] = start.toISOString().slice(0, 7).split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= last) return out;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

function filterExpression(f: ExportFilters) {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const name of ['scheme', 'sessionId', 'budgetLine', 'funder'] as const) {
    const v = f[name];
    if (v === undefined) continue;
    parts.push(`#f_${name} = :f_${name}`);
    names[`#f_${name}`] = name;
    values[`:f_${name}`] = v;
  }
  return parts.length ? { expression: parts.join(' AND '), names, values } : undefined;
}

/**
 * Rows of the period, page by page: one Query per month partition of the byParent index (never a
 * Scan), the period's bounds as a sort-key range (`<ISO instant>#<id>`), the optional filters as
 * a FilterExpression. Memory holds one page.
 */
export function exportRows(
  ctx: ServiceContext,
  kind: 'commitments',
  filters: ExportFilters,
): AsyncGenerator<Commitment[]>;
export function exportRows(
  ctx: ServiceContext,
  kind: 'payments',
  filters: ExportFilters,
): AsyncGenerator<Payment[]>;
export function exportRows(
  ctx: ServiceContext,
  kind: ExportKind,
  filters: ExportFilters,
): AsyncGenerator<Commitment[] | Payment[]>;
export async function* exportRows(
  ctx: ServiceContext,
  kind: ExportKind,
  filters: ExportFilters,
): AsyncGenerator<Commitment[] | Payment[]> {
  const start = parisMidnight(filters.from);
  const end = parisMidnight(nextDay(filters.to));
  // Sort keys are `<ISO instant>#<id>`: everything at or after the start, strictly before the end.
  const between = [start.toISOString(), end.toISOString()] as const;
  const filter = filterExpression(filters);
  const partition = kind === 'commitments' ? 'COMMITMENTS' : 'PAYMENTS';
  for (const month of monthsBetween(start, end)) {
    for await (const page of queryAll<Commitment & Payment>(ctx.store, {
      index: 'byParent',
      pk: keys.monthPartition(partition, month),
      between,
      ...(filter ? { filter } : {}),
    })) {
      yield page;
    }
  }
}

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

const needsDrain = (out: NodeJS.WritableStream) =>
  (out as { writableNeedDrain?: boolean }).writableNeedDrain === true;

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
 * backpressure line by line. XLSX goes through exceljs's streaming writer (each row committed at
 * once, inline strings, no shared-strings table); between pages we yield and wait for `out` to
 * drain, so the zip keeps up with the reads. Memory holds about one page, never the whole file.
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

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out as unknown as import('node:stream').Stream,
    useStyles: true,
  });
  workbook.creator = 'CABBALR — aides et dossiers';
  const sheet = workbook.addWorksheet(kind === 'commitments' ? 'Engagements' : 'Versements', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    width: c.width,
    ...(c.kind === 'amount'
      ? { style: { numFmt: '#,##0.00 €' } }
      : c.kind === 'date'
        ? { style: { numFmt: 'dd/mm/yyyy' } }
        : {}),
  }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  const sums = columns.map(() => 0);
  for await (const page of rows) {
    for (const row of page as (Commitment | Payment)[]) {
      count += 1;
      totalCents += row.amountCents;
      const values = columns.map((c, i) => {
        const v = c.value(row);
        if (c.kind === 'amount') {
          sums[i] = (sums[i] ?? 0) + Number(v);
          return Number(v) / 100;
        }
        if (c.kind === 'date') return sheetDate(String(v));
        return v;
      });
      sheet.addRow(values).commit();
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (needsDrain(out)) await drained(out);
  }
  const totals = sheet.addRow(
    columns.map((c, i) =>
      i === 0 ? `Total (${count} lignes)` : c.kind === 'amount' ? (sums[i] ?? 0) / 100 : null,
    ),
  );
  totals.font = { bold: true };
  totals.commit();
  sheet.commit();
  await workbook.commit();
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
  const url = await presignDownload(ctx.store, {
    key,
    fileName,
    contentType: CONTENT_TYPES[format],
    expiresInSeconds: 300,
  });
  return { url, key, ...result };
}
