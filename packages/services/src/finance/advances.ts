import {
  type AdvancePosition,
  advancePosition,
  FUNDERS,
  type Funder,
  type Instalment,
  type Repayment,
  repaymentErrors,
  repaymentSchedule,
  termsErrors,
} from '@aides/domain';
import {
  ConditionFailedError,
  createAdvanceTx,
  getAdvance,
  listAdvances as listStoredAdvances,
  replaceAdvanceTx,
  transact,
} from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { loadDossier, requireRole } from '../dossiers/access.ts';
import { conflict, notFound, parseOrThrow, unprocessable } from '../errors.ts';
import { CSV_BOM, type CsvCell, csvAmount, csvLine, frenchDate } from './csv.ts';

/**
 * Repayable advances (avances remboursables) of TPE in development: a finance object beside the
 * grants. Finance opens one when the advance is disbursed (the date fixes the schedule), records
 * each repayment, lists the late instalments and exports what is still owed. The amount is what
 * the Bureau granted (the commitments); the terms come from the rule set (the computation).
 */
export interface RepayableAdvance {
  dossierId: string;
  reference: string;
  beneficiary: string;
  scheme: 'TPE';
  ruleSetVersion: string;
  amountCents: number;
  /** Per funder, as committed. */
  amountByFunder: Partial<Record<Funder, number>>;
  deferralMonths: number;
  instalments: number;
  periodMonths: number;
  disbursedOn: string;
  schedule: Instalment[];
  repayments: (Repayment & { id: string; by: string; at: string })[];
  openedAt: string;
  openedBy: string;
  version: number;
}

export interface AdvanceView extends RepayableAdvance {
  asOf: string;
  repaidCents: number;
  outstandingCents: number;
  overdueCents: number;
  /** The schedule with what was paid of each instalment and whether it is late. */
  instalmentStates: AdvancePosition['instalments'];
  lateInstalments: number;
}

const isoDay = (what: string) => z.iso.date({ error: `${what} : date attendue au format AAAA-MM-JJ` });

export const openAdvanceInput = z.object({ disbursedOn: isoDay('Date de versement de l’avance') });
export const repaymentInput = z.object({
  date: isoDay('Date du remboursement'),
  amountCents: z
    .number({ error: 'Montant en centimes attendu' })
    .int('Montant en centimes entiers')
    .positive('Montant strictement positif')
    .max(1e12, 'Montant trop élevé'),
});

/** `?asOf=AAAA-MM-JJ&format=csv`: the day late instalments are judged on (today by default). */
export const advancesQuery = z.object({
  asOf: isoDay('Jour d’appréciation (asOf)').optional(),
  format: z.enum(['json', 'csv'], { error: 'Format : json ou csv' }).optional(),
});
export const asOfQuery = (query: unknown) => parseOrThrow(advancesQuery, query);

const GRANTED = new Set(['approved', 'partly_paid', 'paid']);

const view = (a: RepayableAdvance, asOf: string): AdvanceView => {
  const p = advancePosition(a.schedule, a.repayments, asOf);
  return {
    ...a,
    asOf,
    repaidCents: p.repaidCents,
    outstandingCents: p.outstandingCents,
    overdueCents: p.overdueCents,
    instalmentStates: p.instalments,
    lateInstalments: p.instalments.filter((i) => i.late).length,
  };
};

/** Opens the advance of a granted TPE development dossier, disbursed on the given day. */
export async function openRepayableAdvance(
  ctx: ServiceContext,
  caller: Caller,
  dossierId: string,
  input: unknown,
): Promise<AdvanceView> {
  requireRole(caller, 'finance', 'admin');
  const body = parseOrThrow(openAdvanceInput, input);
  const d = await loadDossier(ctx, caller, dossierId);
  const computed = d.proposal?.computed ?? d.amounts;
  const terms = computed?.repayableAdvance;
  if (d.scheme !== 'TPE' || !terms)
    throw unprocessable('Ce dossier n’est pas une avance remboursable (TPE en développement).');
  if (!GRANTED.has(d.status))
    throw unprocessable('L’avance ne peut être ouverte qu’après la décision favorable du Bureau.');
  const amountByFunder = d.committedByFunder ?? d.proposal?.amountsByFunder ?? {};
  const amountCents = FUNDERS.reduce((s, f) => s + (amountByFunder[f] ?? 0), 0);
  const errors = termsErrors({ amountCents, ...terms });
  if (errors.length) throw unprocessable(errors.join(' '));
  const at = ctx.now().toISOString();
  const advance: RepayableAdvance = {
    dossierId: d.id,
    reference: d.reference ?? d.id,
    beneficiary: d.beneficiary ?? d.ownerName,
    scheme: 'TPE',
    ruleSetVersion: d.ruleSetVersion ?? '',
    amountCents,
    amountByFunder,
    ...terms,
    disbursedOn: body.disbursedOn,
    schedule: repaymentSchedule({ amountCents, ...terms }, body.disbursedOn),
    repayments: [],
    openedAt: at,
    openedBy: caller.sub,
    version: 1,
  };
  try {
    await transact(ctx.store, [createAdvanceTx(ctx.store, advance)]);
  } catch (e) {
    if (e instanceof ConditionFailedError) throw conflict('L’avance de ce dossier est déjà ouverte.');
    throw e;
  }
  return view(advance, at.slice(0, 10));
}

async function load(ctx: ServiceContext, dossierId: string): Promise<RepayableAdvance> {
  const a = await getAdvance<RepayableAdvance>(ctx.store, dossierId);
  if (!a) throw notFound('Aucune avance remboursable ouverte pour ce dossier.');
  return a;
}

export async function getRepayableAdvance(ctx: ServiceContext, caller: Caller, dossierId: string) {
  requireRole(caller, 'finance', 'instructor', 'bureau', 'admin');
  return view(await load(ctx, dossierId), ctx.now().toISOString().slice(0, 10));
}

/** Records a repayment (never above what is still owed, never before the disbursement). */
export async function recordRepayment(
  ctx: ServiceContext,
  caller: Caller,
  dossierId: string,
  input: unknown,
): Promise<AdvanceView> {
  requireRole(caller, 'finance', 'admin');
  const body = parseOrThrow(repaymentInput, input);
  const a = await load(ctx, dossierId);
  const today = ctx.now().toISOString().slice(0, 10);
  const before = advancePosition(a.schedule, a.repayments, today);
  const errors = repaymentErrors(body, before.outstandingCents, a.disbursedOn);
  if (body.date > today) errors.push('Un remboursement ne peut être daté dans le futur.');
  if (errors.length)
    throw unprocessable(
      errors.join(' '),
      errors.map((detail) => ({
        pointer: /date|précéder|futur/i.test(detail) ? '/date' : '/amountCents',
        detail,
      })),
    );
  const at = ctx.now().toISOString();
  const updated: RepayableAdvance = {
    ...a,
    repayments: [...a.repayments, { id: crypto.randomUUID(), ...body, by: caller.sub, at }],
    version: a.version + 1,
  };
  try {
    await transact(ctx.store, [replaceAdvanceTx(ctx.store, updated, a.version)]);
  } catch (e) {
    if (e instanceof ConditionFailedError)
      throw conflict('L’avance a changé entre-temps : rechargez puis recommencez.');
    throw e;
  }
  return view(updated, today);
}

/** Every advance where it stands today (or on `asOf`), the late ones first. */
export async function listRepayableAdvances(
  ctx: ServiceContext,
  caller: Caller,
  asOf?: string,
): Promise<AdvanceView[]> {
  requireRole(caller, 'finance', 'bureau', 'admin');
  const day = asOf ?? ctx.now().toISOString().slice(0, 10);
  const out: AdvanceView[] = [];
  for await (const page of listStoredAdvances<RepayableAdvance>(ctx.store))
    for (const a of page) out.push(view(a, day));
  return out.sort((x, y) => y.overdueCents - x.overdueCents || x.reference.localeCompare(y.reference));
}

/** What is still owed, one row per advance, as CSV for spreadsheets in French locale. */
export async function advancesOwedCsv(ctx: ServiceContext, caller: Caller, asOf?: string): Promise<string> {
  const rows: CsvCell[][] = [
    [
      'Référence',
      'Bénéficiaire',
      'Versée le',
      'Montant de l’avance',
      'Remboursé',
      'Reste dû',
      'Dont échu impayé',
      'Échéances en retard',
      'Prochaine échéance',
      'Montant de la prochaine échéance',
    ],
  ];
  for (const a of await listRepayableAdvances(ctx, caller, asOf)) {
    if (a.outstandingCents === 0) continue;
    const next = a.instalmentStates.find((i) => i.dueDate >= a.asOf && i.paidCents < i.amountCents);
    rows.push([
      a.reference,
      a.beneficiary,
      frenchDate(a.disbursedOn),
      csvAmount(a.amountCents),
      csvAmount(a.repaidCents),
      csvAmount(a.outstandingCents),
      csvAmount(a.overdueCents),
      a.lateInstalments,
      next ? frenchDate(next.dueDate) : '',
      next ? csvAmount(next.amountCents - next.paidCents) : '',
    ]);
  }
  return CSV_BOM + rows.map(csvLine).join('');
}
