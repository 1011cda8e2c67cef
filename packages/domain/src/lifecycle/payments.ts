import { habitatAdvanceBp } from '../amounts/habitat.ts';
import { habitatApplicationSchema } from '../applications/schemas.ts';
import { applyRate, formatEuros, formatRate, sumCents } from '../money/money.ts';
import { type AnahCeilingRow, anahCeilings } from '../reference/anah-ceilings.ts';
import { type PaymentKind, paymentKindLabels } from '../schemes/enums.ts';
import type { PaymentLimits, RuleSet } from '../schemes/rule-set.ts';

/**
 * The payment limits of a dossier: its rule set's, except the advance of a Habitat dossier, which
 * belongs to the set's regime, the work kind and the household's category (70 % under Parcours
 * accompagné in 2024, 30 % from 2025 and for MaPrimeAdapt', none for the categories left out).
 */
export function paymentLimitsOf(
  ruleSet: RuleSet,
  application: unknown,
  filingDate?: string,
  ceilings: readonly AnahCeilingRow[] = anahCeilings,
): PaymentLimits {
  if (ruleSet.scheme !== 'HABITAT') return ruleSet.payment;
  const parsed = habitatApplicationSchema.safeParse(application);
  if (!parsed.success) return ruleSet.payment;
  const advance = habitatAdvanceBp(parsed.data, ruleSet, ceilings, filingDate ?? parsed.data.filingDate);
  return { ...ruleSet.payment, advanceMaxBp: { value: advance.rateBp, source: advance.source } };
}

export interface PaymentRecord {
  kind: PaymentKind;
  amountCents: number;
}

export type PaymentCheck = { ok: true; remainingAfterCents: number } | { ok: false; reason: string };

/**
 * Whether a payment respects the rule set's limits: the advance and the instalments together stay
 * within `prepaymentTotalMaxBp` of the committed amount (the advance alone within `advanceMaxBp`),
 * at most `instalmentsMax` instalments, one advance, and nothing ever beyond the commitment.
 */
export function checkPayment(
  payment: PaymentRecord,
  committedCents: number,
  previous: readonly PaymentRecord[],
  limits: PaymentLimits,
): PaymentCheck {
  if (!Number.isSafeInteger(payment.amountCents) || payment.amountCents <= 0) {
    return { ok: false, reason: 'Montant du versement : centimes entiers strictement positifs attendus.' };
  }
  if (previous.some((p) => p.kind === 'balance')) return { ok: false, reason: 'Le solde a déjà été versé.' };
  const paid = sumCents(previous.map((p) => p.amountCents));
  const remaining = committedCents - paid;
  if (payment.amountCents > remaining) {
    return {
      ok: false,
      reason: `Versement de ${formatEuros(payment.amountCents)} supérieur au reste engagé (${formatEuros(remaining)}).`,
    };
  }
  const label = paymentKindLabels[payment.kind];
  if (payment.kind === 'advance') {
    if (previous.length > 0)
      return { ok: false, reason: "L'avance se verse avant tout autre versement, une seule fois." };
    const max = applyRate(committedCents, limits.advanceMaxBp.value);
    if (payment.amountCents > max) {
      return {
        ok: false,
        reason: `${label} limitée à ${formatRate(limits.advanceMaxBp.value)} du montant engagé (${formatEuros(max)}).`,
      };
    }
  }
  if (payment.kind === 'instalment') {
    const count = previous.filter((p) => p.kind === 'instalment').length;
    if (count >= limits.instalmentsMax.value) {
      return { ok: false, reason: `Nombre maximal d'acomptes atteint (${limits.instalmentsMax.value}).` };
    }
  }
  if (payment.kind !== 'balance') {
    const max = applyRate(committedCents, limits.prepaymentTotalMaxBp.value);
    if (paid + payment.amountCents > max) {
      return {
        ok: false,
        reason: `Avance et acomptes limités ensemble à ${formatRate(limits.prepaymentTotalMaxBp.value)} du montant engagé (${formatEuros(max)}) ; le reste se verse au solde sur factures.`,
      };
    }
  }
  return { ok: true, remainingAfterCents: remaining - payment.amountCents };
}
