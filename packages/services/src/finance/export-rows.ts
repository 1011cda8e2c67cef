import { FUNDERS, funderLabels, oneOfFr, SCHEMES } from '@aides/domain';
import { ledgerOfMonth } from '@aides/store';
import * as z from 'zod';
import type { Commitment, Payment } from '../bureau/model.ts';
import type { ServiceContext } from '../context.ts';
import { badRequest, parseOrThrow } from '../errors.ts';
import { BUDGET_LINE_MESSAGE, BUDGET_LINE_PATTERN } from './budget-line.ts';
import { nextDay, parisDate, parisMidnight } from './csv.ts';

/**
 * What an export covers (period, scheme, session, budget line, funder) and the rows it reads,
 * page by page from the month partitions. Kept apart from the file writers so that the
 * reports and the OpenAPI document do not pull the spreadsheet library into their bundles.
 */
export type ExportKind = 'commitments' | 'payments';
export type ExportFormat = 'csv' | 'xlsx';
/** `lines`: one row per commitment or payment; `summary`: subtotals per scheme, funder and budget line, and the total. */
export type ExportView = 'lines' | 'summary';

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
    budgetLine: optional(z.string().trim().regex(BUDGET_LINE_PATTERN, BUDGET_LINE_MESSAGE)),
    funder: optional(
      z.enum(FUNDERS, { error: `Financeur : choisissez ${oneOfFr(FUNDERS.map((f) => funderLabels[f]))}` }),
    ),
    view: z.preprocess(
      blankToUndefined,
      z
        .enum(['lines', 'summary'], { error: 'Vue : lines (une ligne par opération) ou summary (synthèse)' })
        .default('lines'),
    ),
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
): { format: ExportFormat; filters: ExportFilters; view: ExportView } {
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
    view: q.view,
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

/**
 * Rows of the period, page by page: one read per month of the period (never a Scan), bounded by
 * the period's instants, with the optional filters. Memory holds one page.
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
  for (const month of monthsBetween(start, end)) {
    yield* ledgerOfMonth<Commitment & Payment>(ctx.store, kind, month, between, filters);
  }
}
