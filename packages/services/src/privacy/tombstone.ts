import type { ComputedAmounts } from '@aides/domain';
import { statisticalApplication } from '@aides/domain';
import type { Dossier, PurgeRecord } from '../dossiers/model.ts';

/** Amount lines without their explanations (which quote incomes and works): label, funder, amounts. */
function amountsExtract(a: ComputedAmounts | undefined): ComputedAmounts | undefined {
  if (!a) return undefined;
  return {
    scheme: a.scheme,
    ruleSetVersion: a.ruleSetVersion,
    lines: a.lines.map((l) => ({ ...l, explanation: '' })),
    totalsByFunder: a.totalsByFunder,
    totalCents: a.totalCents,
    maxByFunder: a.maxByFunder,
    explanation: [],
  };
}

/**
 * A dossier's tombstone: reference, scheme, state, commune, dates, amounts and the decision, with
 * the statistical extract of the application (domain `statisticalApplication`). Names, contact,
 * addresses, identifiers, incomes, free texts, the owner and the assignee are gone. The yearly
 * report of any year reads tombstones exactly as it reads dossiers (a test compares both).
 */
export function tombstoneOf(d: Dossier, purge: PurgeRecord): Dossier {
  const t: Dossier = {
    id: d.id,
    scheme: d.scheme,
    status: d.status,
    version: d.version,
    ownerSub: '',
    ownerName: '',
    application: statisticalApplication(d.scheme, d.application),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    purge,
  };
  if (d.reference) t.reference = d.reference;
  if (d.filedAt) t.filedAt = d.filedAt;
  if (d.ruleSetVersion) t.ruleSetVersion = d.ruleSetVersion;
  if (d.communeInsee) t.communeInsee = d.communeInsee;
  const amounts = amountsExtract(d.amounts);
  if (amounts) t.amounts = amounts;
  if (d.proposal) {
    const computed = amountsExtract(d.proposal.computed);
    t.proposal = {
      kind: d.proposal.kind,
      amountsByFunder: d.proposal.amountsByFunder,
      totalCents: d.proposal.totalCents,
      ...(computed ? { computed } : {}),
      text: '',
      by: '',
      byName: '',
      at: d.proposal.at,
    };
  }
  if (d.sessionId) t.sessionId = d.sessionId;
  if (d.decision) {
    t.decision = {
      outcome: d.decision.outcome,
      sessionId: d.decision.sessionId,
      ...(d.decision.deliberationNumber ? { deliberationNumber: d.decision.deliberationNumber } : {}),
      at: d.decision.at,
    };
  }
  if (d.committedByFunder) t.committedByFunder = d.committedByFunder;
  if (d.paidByFunder) t.paidByFunder = d.paidByFunder;
  if (d.lastPaymentKind) t.lastPaymentKind = d.lastPaymentKind;
  return t;
}

/** Fields of commitments and payments that name the beneficiary; the amounts stay for the accounts. */
export const LEDGER_PERSONAL_FIELDS = ['beneficiary'] as const;
