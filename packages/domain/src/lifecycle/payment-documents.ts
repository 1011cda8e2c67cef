import { type PaymentKind, paymentKindLabels } from '../schemes/enums.ts';
import type { DossierState } from './states.ts';

/** The rule set's documents that gate payments (see `RuleSet['documents']`). */
export interface PaymentDocumentRules {
  beforeAdvance: readonly string[];
  beforePayment: readonly string[];
}

/** What one kind of payment still needs: the rule set's documents, and those not yet verified. */
export interface PaymentNeed {
  kind: PaymentKind;
  label: string;
  required: readonly string[];
  missing: readonly string[];
}

/**
 * The documents each payment still possible on a dossier needs, as `canTransition` checks them:
 * the advance (only before any payment, so while the dossier is `approved`) needs
 * `beforeAdvance`; an instalment and the balance need `beforePayment`. A document counts once
 * the instructor has found one file of its type valid.
 */
export function paymentNeeds(
  status: DossierState,
  rules: PaymentDocumentRules,
  verified: readonly string[],
): PaymentNeed[] {
  if (status !== 'approved' && status !== 'partly_paid') return [];
  const ok = new Set(verified);
  const need = (kind: PaymentKind, required: readonly string[]): PaymentNeed => ({
    kind,
    label: paymentKindLabels[kind],
    required,
    missing: required.filter((t) => !ok.has(t)),
  });
  return [
    ...(status === 'approved' ? [need('advance', rules.beforeAdvance)] : []),
    need('instalment', rules.beforePayment),
    need('balance', rules.beforePayment),
  ];
}

/** Every document type some payment needs, in the rule set's order, once each. */
export const paymentDocumentTypes = (rules: PaymentDocumentRules): string[] => [
  ...new Set([...rules.beforeAdvance, ...rules.beforePayment]),
];
