import { formatEuros } from '../money/money.ts';

/**
 * A repayable advance (avance remboursable): a zero-rate loan a developing business (TPE) gets
 * instead of a grant. Disbursed once; repaid in equal instalments (the last one takes the
 * remainder) after a deferral; finance records each repayment. Pure: dates are ISO calendar days.
 */

export interface AdvanceTerms {
  amountCents: number;
  /** Months between the disbursement and the first instalment. */
  deferralMonths: number;
  instalments: number;
  /** Months between two instalments. */
  periodMonths: number;
}

export interface Instalment {
  /** 1-based. */
  number: number;
  dueDate: string;
  amountCents: number;
}

export interface Repayment {
  date: string;
  amountCents: number;
}

export interface InstalmentState extends Instalment {
  paidCents: number;
  /** Due before the day looked at and not fully paid. */
  late: boolean;
}

export interface AdvancePosition {
  repaidCents: number;
  /** Still owed, whatever the due dates. */
  outstandingCents: number;
  /** Owed on instalments already due (before the day looked at). */
  overdueCents: number;
  instalments: InstalmentState[];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `day` plus `months` calendar months; the 31st becomes the month's last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

export function termsErrors(t: AdvanceTerms): string[] {
  const errors: string[] = [];
  if (!Number.isSafeInteger(t.amountCents) || t.amountCents <= 0)
    errors.push('Montant de l’avance : centimes entiers positifs attendus.');
  if (!Number.isInteger(t.deferralMonths) || t.deferralMonths < 0 || t.deferralMonths > 60)
    errors.push('Différé : de 0 à 60 mois.');
  if (!Number.isInteger(t.instalments) || t.instalments < 1 || t.instalments > 120)
    errors.push('Nombre d’échéances : de 1 à 120.');
  if (!Number.isInteger(t.periodMonths) || t.periodMonths < 1 || t.periodMonths > 12)
    errors.push('Périodicité : de 1 à 12 mois.');
  return errors;
}

/** The schedule from the disbursement day: equal instalments, the last takes the remainder. */
export function repaymentSchedule(terms: AdvanceTerms, disbursedOn: string): Instalment[] {
  const n = terms.instalments;
  const base = Math.floor(terms.amountCents / n);
  return Array.from({ length: n }, (_, i) => ({
    number: i + 1,
    dueDate: addMonths(disbursedOn, terms.deferralMonths + i * terms.periodMonths),
    amountCents: i === n - 1 ? terms.amountCents - base * (n - 1) : base,
  }));
}

/**
 * Where the advance stands on `asOf`: repayments settle the instalments in order of due date
 * (an early or partial payment goes to the oldest instalment still open).
 */
export function advancePosition(
  schedule: readonly Instalment[],
  repayments: readonly Repayment[],
  asOf: string,
): AdvancePosition {
  const repaidCents = repayments.reduce((s, r) => s + r.amountCents, 0);
  let left = repaidCents;
  const instalments = schedule.map((i) => {
    const paidCents = Math.min(i.amountCents, left);
    left -= paidCents;
    return { ...i, paidCents, late: i.dueDate < asOf.slice(0, 10) && paidCents < i.amountCents };
  });
  const total = schedule.reduce((s, i) => s + i.amountCents, 0);
  const overdueCents = instalments
    .filter((i) => i.dueDate < asOf.slice(0, 10))
    .reduce((s, i) => s + i.amountCents - i.paidCents, 0);
  return { repaidCents, outstandingCents: Math.max(0, total - repaidCents), overdueCents, instalments };
}

/** A repayment finance wants to record: French reasons it cannot be. */
export function repaymentErrors(r: Repayment, outstandingCents: number, disbursedOn: string): string[] {
  const errors: string[] = [];
  if (!Number.isSafeInteger(r.amountCents) || r.amountCents <= 0)
    errors.push('Montant du remboursement : centimes entiers positifs attendus.');
  else if (r.amountCents > outstandingCents)
    errors.push(`Le remboursement dépasse ce qui reste dû (${formatEuros(outstandingCents)}).`);
  if (r.date < disbursedOn) errors.push('Un remboursement ne peut précéder le versement de l’avance.');
  return errors;
}
