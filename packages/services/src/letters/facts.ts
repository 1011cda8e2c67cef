import {
  type DocumentType,
  documentTypeLabels,
  FUNDERS,
  type Funder,
  type PaymentKind,
  paymentLimitsOf,
  type Scheme,
} from '@aides/domain';
import { getSession, listAgenda, listDossierPayments } from '@aides/store';
import type { AgendaItem, BureauSession, Payment } from '../bureau/model.ts';
import type { ServiceContext } from '../context.ts';
import type { Dossier } from '../dossiers/model.ts';
import { notFound } from '../errors.ts';
import { ruleSetOfDossier } from '../rule-sets.ts';
import { letterIds } from './model.ts';

/**
 * The facts each letter reports, read from what was recorded when its event happened (the filing,
 * the Bureau's decision in its session, the payment's ledger line). A letter is a pure function of
 * its template version and these facts (templates/*.ts).
 */

const parisDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in Paris of an ISO instant ("2026-03-12"). */
export const parisDay = (iso: string): string => parisDayFormat.format(new Date(iso));

/**
 * `months` after a calendar day, same day of the month (or the month's last day when it has none):
 * how administrative law counts months (CRPA L231-4: two months after receipt).
 */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export async function communeName(insee: string | undefined): Promise<string | undefined> {
  if (!insee) return undefined;
  const { loadAgglomerationCommunes } = await import('@aides/domain/reference/communes');
  return loadAgglomerationCommunes().find((c) => c.insee === insee)?.name;
}

interface DossierFacts {
  reference: string;
  scheme: Scheme;
  applicantName: string;
  beneficiary: string;
  commune?: string;
}

async function dossierFacts(d: Dossier): Promise<DossierFacts> {
  const commune = await communeName(d.communeInsee);
  return {
    reference: d.reference ?? d.id,
    scheme: d.scheme,
    applicantName: d.ownerName,
    beneficiary: d.beneficiary ?? d.ownerName,
    ...(commune ? { commune } : {}),
  };
}

export interface AcknowledgementFacts extends DossierFacts {
  /** When the filing was received (ISO instant). */
  receivedAt: string;
  /** The day after which silence is an implicit rejection (receipt + 2 months, CRPA L231-4 3°). */
  implicitRejectionOn: string;
}

export async function acknowledgementFacts(d: Dossier): Promise<AcknowledgementFacts | undefined> {
  if (!d.filedAt) return undefined;
  return {
    ...(await dossierFacts(d)),
    receivedAt: d.filedAt,
    implicitRejectionOn: addMonths(parisDay(d.filedAt), 2),
  };
}

export interface DecisionFacts extends DossierFacts {
  receivedAt: string;
  outcome: 'favourable' | 'unfavourable';
  session: { id: string; number: string; date: string };
  /** The decision's date: the session's (DOMAIN.md). */
  decidedOn: string;
  deliberationNumber?: string;
  motivation?: string;
  amountsByFunder: Partial<Record<Funder, number>>;
  totalCents: number;
  conditions?: {
    advanceMaxBp: number;
    instalmentsMax: number;
    prepaymentTotalMaxBp: number;
    worksDeadlineMonths: number;
    worksDeadline: string;
    beforeAdvance: string[];
    beforePayment: string[];
  };
}

const labelsOf = (types: readonly string[]) => types.map((t) => documentTypeLabels[t as DocumentType] ?? t);

export async function decisionFacts(
  ctx: ServiceContext,
  d: Dossier,
  sessionId: string,
): Promise<DecisionFacts | undefined> {
  const session = await getSession<BureauSession>(ctx.store, sessionId);
  if (!session || !d.filedAt) return undefined;
  const item = (await listAgenda<AgendaItem>(ctx.store, sessionId)).find((a) => a.dossierId === d.id);
  const decision = item?.decision;
  if (!item || !decision || decision.outcome === 'adjourned') return undefined;
  const base = {
    ...(await dossierFacts(d)),
    receivedAt: d.filedAt,
    session: { id: session.id, number: session.number, date: session.date },
    decidedOn: session.date,
  };
  if (decision.outcome === 'unfavourable') {
    return {
      ...base,
      outcome: 'unfavourable',
      motivation: decision.motivation ?? '',
      amountsByFunder: {},
      totalCents: 0,
    };
  }
  const rules = await ruleSetOfDossier(ctx, d);
  // Habitat: the advance belongs to the regime, the work kind and the category (issue 14).
  const limits = paymentLimitsOf(rules, d.application, d.filedAt);
  const amounts: Partial<Record<Funder, number>> = {};
  for (const f of FUNDERS) if ((item.amountsByFunder[f] ?? 0) > 0) amounts[f] = item.amountsByFunder[f];
  return {
    ...base,
    outcome: 'favourable',
    ...(decision.deliberationNumber ? { deliberationNumber: decision.deliberationNumber } : {}),
    amountsByFunder: amounts,
    totalCents: item.totalCents,
    conditions: {
      advanceMaxBp: limits.advanceMaxBp.value,
      instalmentsMax: limits.instalmentsMax.value,
      prepaymentTotalMaxBp: limits.prepaymentTotalMaxBp.value,
      worksDeadlineMonths: limits.worksDeadlineMonths.value,
      worksDeadline: addMonths(session.date, limits.worksDeadlineMonths.value),
      beforeAdvance: labelsOf(rules.documents.beforeAdvance),
      beforePayment: labelsOf(rules.documents.beforePayment),
    },
  };
}

/** The sessions whose decision on this dossier gets a letter (favourable or unfavourable). */
export async function decidedSessions(d: Dossier): Promise<string[]> {
  return d.decision && d.decision.outcome !== 'adjourned' ? [d.decision.sessionId] : [];
}

export interface PaymentNoticeFacts extends DossierFacts {
  payment: { id: string; kind: PaymentKind; funder: Funder; amountCents: number; at: string };
  deliberationNumber?: string;
  /** The funder's payments up to and including this one, and what its commitment still holds. */
  paidToDateCents: number;
  committedCents: number;
}

export async function listPayments(ctx: ServiceContext, dossierId: string): Promise<Payment[]> {
  return listDossierPayments<Payment>(ctx.store, dossierId);
}

export async function paymentNoticeFacts(
  ctx: ServiceContext,
  d: Dossier,
  paymentId: string,
): Promise<PaymentNoticeFacts | undefined> {
  const payments = await listPayments(ctx, d.id);
  const index = payments.findIndex((p) => p.id === paymentId);
  const p = payments[index];
  if (!p) return undefined;
  const sameFunder = payments.slice(0, index + 1).filter((q) => q.funder === p.funder);
  const committed = d.committedByFunder?.[p.funder] ?? 0;
  return {
    ...(await dossierFacts(d)),
    payment: { id: p.id, kind: p.kind, funder: p.funder, amountCents: p.amountCents, at: p.at },
    ...(d.decision?.deliberationNumber ? { deliberationNumber: d.decision.deliberationNumber } : {}),
    paidToDateCents: sameFunder.reduce((s, q) => s + q.amountCents, 0),
    committedCents: committed,
  };
}

/** Throws 404 for an id that names no letter of this dossier. */
export const noSuchLetter = () => notFound('Document introuvable.');

export { letterIds };
