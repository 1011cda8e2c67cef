import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import {
  areaLabels,
  beneficiaryTypeLabels,
  COMMITMENT_FIGURES,
  commitmentFigureLabels,
  commitmentFigures,
  funderLabels,
  identifierKindLabels,
  maskIban,
  paymentKindLabels,
  projectKindLabels,
} from '@aides/domain';
import { objectKeys, presignDownload, uploadStream } from '@aides/store/objects';
import type { Commitment, Payment } from '../bureau/model.ts';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import { recordAccess } from '../privacy/access-log.ts';
import { m57Parts } from './budget-line.ts';
import { CSV_BOM, type CsvCell, csvAmount, csvLine, frenchDate, parisDate } from './csv.ts';
import {
  type ExportFormat,
  type ExportKind,
  type ExportView,
  exportRows,
  parseExportQuery,
} from './export-rows.ts';
import { createXlsxStream } from './xlsx-stream.ts';

export * from './export-rows.ts';

const commitmentStatusLabels: Record<Commitment['status'], string> = {
  active: 'En cours',
  closed: 'Soldé',
  lapsed: 'Caduc',
};

type Cell = string | number | undefined;

interface Column<T> {
  readonly header: string;
  readonly width: number;
  readonly kind: 'text' | 'amount' | 'date' | 'integer';
  readonly value: (row: T) => Cell;
}

/** How an export shows the bank account: in full for finance, masked for anyone else (issue 16.5). */
export interface ExportOptions {
  readonly ibanInFull: boolean;
}

type Row = Commitment | Payment;
const yesNo = (b: boolean | undefined) => (b === undefined ? undefined : b ? 'Oui' : 'Non');

/**
 * Columns both exports share (issue 16.5): budget line as entered and its M57 parts, who the
 * beneficiary is and how to identify them, where, the project's figures, and the decision.
 * Details are those kept on the commitment at the decision; older lines leave them blank.
 */
const sharedColumns: readonly Column<Row>[] = [
  { header: 'Référence', width: 18, kind: 'text', value: (r) => r.reference },
  { header: 'Dispositif', width: 10, kind: 'text', value: (r) => r.scheme },
  { header: 'Exercice', width: 9, kind: 'integer', value: (r) => r.year },
  { header: 'Financeur', width: 22, kind: 'text', value: (r) => funderLabels[r.funder] ?? r.funder },
  { header: 'Ligne budgétaire', width: 18, kind: 'text', value: (r) => r.budgetLine },
  { header: 'Chapitre', width: 9, kind: 'text', value: (r) => m57Parts(r.budgetLine)?.chapter },
  { header: 'Article', width: 9, kind: 'text', value: (r) => m57Parts(r.budgetLine)?.article },
  { header: 'Fonction', width: 9, kind: 'text', value: (r) => m57Parts(r.budgetLine)?.fn },
  { header: 'Bénéficiaire', width: 32, kind: 'text', value: (r) => r.beneficiary },
  {
    header: 'Type de bénéficiaire',
    width: 24,
    kind: 'text',
    value: (r) => (r.details?.beneficiaryType ? beneficiaryTypeLabels[r.details.beneficiaryType] : undefined),
  },
  {
    header: "Type d'identifiant",
    width: 16,
    kind: 'text',
    value: (r) => (r.details?.identifierKind ? identifierKindLabels[r.details.identifierKind] : undefined),
  },
  { header: 'Identifiant', width: 18, kind: 'text', value: (r) => r.details?.identifier },
  { header: 'Commune', width: 24, kind: 'text', value: (r) => r.details?.communeName },
  { header: 'Code INSEE', width: 10, kind: 'text', value: (r) => r.details?.communeInsee },
  {
    header: 'Rural / QPV',
    width: 18,
    kind: 'text',
    // Issue 14: the confirmed classification; one not confirmed by the instruction says so.
    value: (r) =>
      r.details?.area
        ? `${areaLabels[r.details.area]}${r.details.areaConfirmed === false ? ' (non confirmé)' : ''}`
        : undefined,
  },
  { header: 'Investissement HT', width: 16, kind: 'amount', value: (r) => r.details?.investmentCents },
  { header: 'Emplois', width: 9, kind: 'integer', value: (r) => r.details?.jobs },
  {
    header: 'Projet',
    width: 14,
    kind: 'text',
    value: (r) => (r.details?.project ? projectKindLabels[r.details.project] : undefined),
  },
  {
    header: 'Dirigée par des femmes',
    width: 12,
    kind: 'text',
    value: (r) => (r.scheme === 'ESS' ? yesNo(r.details?.womenLed) : undefined),
  },
  { header: 'Séance', width: 10, kind: 'text', value: (r) => r.sessionNumber },
  { header: 'N° délibération', width: 16, kind: 'text', value: (r) => r.deliberationNumber },
  { header: 'Date de délibération', width: 14, kind: 'date', value: (r) => r.decisionDate },
];

const commitmentColumns: readonly Column<Commitment>[] = [
  ...sharedColumns,
  { header: "Date d'engagement", width: 14, kind: 'date', value: (c) => c.committedAt },
  ...COMMITMENT_FIGURES.map(
    (k): Column<Commitment> => ({
      header: commitmentFigureLabels[k],
      width: 16,
      kind: 'amount',
      value: (c) => commitmentFigures(c)[k],
    }),
  ),
  { header: 'Statut', width: 10, kind: 'text', value: (c) => commitmentStatusLabels[c.status] ?? c.status },
];

const paymentColumns = (o: ExportOptions): readonly Column<Payment>[] => [
  ...sharedColumns,
  { header: 'Nature', width: 10, kind: 'text', value: (p) => paymentKindLabels[p.kind] ?? p.kind },
  { header: 'Date', width: 12, kind: 'date', value: (p) => p.at },
  { header: 'Montant', width: 16, kind: 'amount', value: (p) => p.amountCents },
  {
    header: 'Compte bancaire (IBAN)',
    width: 36,
    kind: 'text',
    value: (p) => (p.iban ? (o.ibanInFull ? p.iban : maskIban(p.iban)) : undefined),
  },
];

const columnsOf = (kind: ExportKind, o: ExportOptions) =>
  (kind === 'commitments' ? commitmentColumns : paymentColumns(o)) as readonly Column<Row>[];

function csvCells(columns: readonly Column<Row>[], row: Row): CsvCell[] {
  return columns.map((c) => {
    const v = c.value(row);
    if (v === undefined || v === '') return '';
    if (c.kind === 'amount') return csvAmount(Number(v));
    if (c.kind === 'date') return frenchDate(String(v));
    if (c.kind === 'integer') return Number(v);
    return String(v);
  });
}

/**
 * Subtotals of the amount columns per scheme, per funder and per budget line, and the grand
 * total (issue 16.5): a few small maps, whatever the number of rows.
 */
class Totals {
  readonly groups = new Map<string, { label: string; rows: number; sums: number[] }>();
  constructor(private readonly columns: readonly Column<Row>[]) {}
  private add(key: string, label: string, row: Row) {
    const g = this.groups.get(key) ?? { label, rows: 0, sums: this.columns.map(() => 0) };
    g.rows += 1;
    this.columns.forEach((c, i) => {
      if (c.kind === 'amount') g.sums[i] = (g.sums[i] ?? 0) + Number(c.value(row) ?? 0);
    });
    this.groups.set(key, g);
  }
  addRow(row: Row) {
    this.add(`1:${row.scheme}`, `Sous-total ${row.scheme}`, row);
    this.add(`2:${row.funder}`, `Sous-total ${funderLabels[row.funder] ?? row.funder}`, row);
    this.add(`3:${row.budgetLine}`, `Sous-total ligne ${row.budgetLine}`, row);
    this.add('9:', 'Total général', row);
  }
  /** Scheme subtotals, then funders, then budget lines, each in a stable order, then the grand total. */
  ordered() {
    return [...this.groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'fr')).map(([, g]) => g);
  }
}

const amountIndexes = (columns: readonly Column<Row>[]) =>
  columns.flatMap((c, i) => (c.kind === 'amount' ? [i] : []));

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
 * backpressure line by line and stays one row per line. XLSX goes through our own streaming writer
 * (xlsx-stream.ts: inline strings, rows batched into the zip entry, which yazl deflates into
 * `out`); a row waits only when the zip or `out` needs draining. After the rows, the XLSX has the
 * subtotals per scheme, per funder and per budget line and the grand total, as numbers. Memory
 * holds about one page and the totals, never the whole file. `view: 'summary'` writes only the
 * totals, one line each (the CSV's separate summary export).
 */
export async function writeExport(
  rows: AsyncIterable<Commitment[] | Payment[]>,
  kind: ExportKind,
  format: ExportFormat,
  out: NodeJS.WritableStream,
  options: ExportOptions & { view?: ExportView } = { ibanInFull: false },
): Promise<{ rows: number; totalCents: number }> {
  const columns = columnsOf(kind, options);
  const totals = new Totals(columns);
  const amounts = amountIndexes(columns);
  let count = 0;
  let totalCents = 0;

  if (options.view === 'summary') {
    for await (const page of rows) {
      for (const row of page as Row[]) {
        count += 1;
        totalCents += row.amountCents;
        totals.addRow(row);
      }
    }
    const headers = ['Regroupement', 'Lignes', ...amounts.map((i) => columns[i]?.header ?? '')];
    const lines = totals.ordered().map((g) => [g.label, g.rows, ...amounts.map((i) => g.sums[i] ?? 0)]);
    if (format === 'csv') {
      if (!out.write(CSV_BOM + csvLine(headers))) await drained(out);
      for (const [label, n, ...sums] of lines)
        if (!out.write(csvLine([label, n, ...sums.map((c) => csvAmount(Number(c)))]))) await drained(out);
      await finish(out);
      return { rows: count, totalCents };
    }
    const sheet = createXlsxStream(out, {
      creator: 'CABBALR — aides et dossiers',
      sheetName: 'Synthèse',
      columns: [
        { width: 36, style: 'text' },
        { width: 10, style: 'integer' },
        ...amounts.map(() => ({ width: 16, style: 'amount' as const })),
      ],
    });
    await sheet.writeRow(headers, { bold: true });
    for (const [label, n, ...sums] of lines)
      await sheet.writeRow([label, n, ...sums.map((c) => Number(c) / 100)], {
        bold: label === 'Total général',
      });
    await sheet.end();
    return { rows: count, totalCents };
  }

  if (format === 'csv') {
    if (!out.write(CSV_BOM + csvLine(columns.map((c) => c.header)))) await drained(out);
    for await (const page of rows) {
      for (const row of page as Row[]) {
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
  for await (const page of rows) {
    for (const row of page as Row[]) {
      count += 1;
      totalCents += row.amountCents;
      totals.addRow(row);
      await sheet.writeRow(
        columns.map((c) => {
          const v = c.value(row);
          if (v === undefined || v === '') return null;
          if (c.kind === 'amount') return Number(v) / 100;
          if (c.kind === 'date') return sheetDate(String(v));
          return v;
        }),
      );
    }
  }
  // Subtotals under the rows, the first cell naming the group and its number of lines.
  await sheet.writeRow([]);
  for (const g of totals.ordered()) {
    const grand = g.label === 'Total général';
    await sheet.writeRow(
      columns.map((c, i) =>
        i === 0
          ? grand
            ? `Total général (${g.rows} lignes)`
            : `${g.label} (${g.rows} lignes)`
          : c.kind === 'amount'
            ? (g.sums[i] ?? 0) / 100
            : null,
      ),
      { bold: grand },
    );
  }
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
  const { format, filters, view } = parseExportQuery(query, ctx.now());
  const key = objectKeys.export(randomUUID(), format);
  const body = new PassThrough({ highWaterMark: 256 * 1024 });
  const upload = uploadStream(ctx.store, { key, body, contentType: CONTENT_TYPES[format] }).catch(
    (e: unknown) => {
      // The writer may be waiting for 'drain': failing the stream wakes it with the error.
      body.destroy(e instanceof Error ? e : new Error(String(e)));
      throw e;
    },
  );
  const options = { ibanInFull: caller.roles.includes('finance'), view };
  const written = writeExport(exportRows(ctx, kind, filters), kind, format, body, options).catch(
    (e: unknown) => {
      body.destroy(e instanceof Error ? e : new Error(String(e)));
      throw e;
    },
  );
  const [result] = await Promise.all([written, upload]);
  const fileName = `${kind === 'commitments' ? 'engagements' : 'versements'}${view === 'summary' ? '-synthese' : ''}-${filters.from}_${filters.to}.${format}`;
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
