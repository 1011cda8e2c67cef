import { randomUUID } from 'node:crypto';
import {
  type Action,
  checkPayment,
  FUNDERS,
  type Funder,
  formatEuros,
  funderLabels,
  isValidIban,
  normalizeIban,
  oneOfFr,
  PAYMENT_KINDS,
  paymentKindLabels,
  paymentLimitsOf,
} from '@aides/domain';
import {
  createPaymentTx,
  getCommitment,
  type LabelledItem,
  replaceCommitmentTx,
  settleEnvelopeTx,
} from '@aides/store';
import * as z from 'zod';
import { verifiedDocumentTypes } from '../attachments/attachments.ts';
import type { Commitment, Payment } from '../bureau/model.ts';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { loadDossier, requireRole } from '../dossiers/access.ts';
import type { Dossier } from '../dossiers/model.ts';
import { fireTransition, openDossierCommand } from '../dossiers/transition.ts';
import { conflict, unprocessable } from '../errors.ts';
import { ruleSetOfDossier } from '../rule-sets.ts';

export const paymentInput = z.object({
  funder: z.enum(FUNDERS, {
    error: `Financeur : choisissez ${oneOfFr(FUNDERS.map((f) => funderLabels[f]))}`,
  }),
  kind: z.enum(PAYMENT_KINDS, {
    error: `Nature du versement : choisissez ${oneOfFr(PAYMENT_KINDS.map((k) => paymentKindLabels[k]))}`,
  }),
  amountCents: z
    .number({ error: 'Montant en centimes attendu' })
    .int('Montant en centimes entiers')
    .positive('Montant strictement positif'),
  /** The account paid, read off the verified RIB (issue 16.5: the payments export shows it). */
  iban: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z
      .string({ error: 'IBAN : texte attendu' })
      .max(50, 'IBAN trop long')
      .refine(isValidIban, 'IBAN invalide (clé de contrôle)')
      .transform((v) => normalizeIban(v) ?? v)
      .optional(),
  ),
});

async function loadCommitments(ctx: ServiceContext, d: Dossier): Promise<Commitment[]> {
  const out: Commitment[] = [];
  for (const f of FUNDERS) {
    const c = await getCommitment<Commitment>(ctx.store, d.id, f);
    if (c) out.push(c);
  }
  return out;
}

/**
 * A payment against a commitment (advance, instalment, balance) within the rule set's limits and
 * never above what is committed. The ledger line, the commitment, the envelope and the dossier's
 * state and event are written in one transaction. A balance below the remaining amount releases
 * the difference to the envelope.
 */
export async function recordPayment(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  expectedVersion: number | undefined,
  input: unknown,
) {
  const { body, d } = await openDossierCommand(ctx, caller, ['finance', 'admin'], {
    id,
    expectedVersion,
    schema: paymentInput,
    input,
  });
  const commitments = await loadCommitments(ctx, d);
  const c = commitments.find((x) => x.funder === body.funder);
  if (!c) throw unprocessable(`Aucun engagement ${funderLabels[body.funder]} sur ce dossier.`);
  if (c.status !== 'active') throw conflict('Cet engagement est clos.');
  const ruleSet = await ruleSetOfDossier(ctx, d);
  const check = checkPayment(
    { kind: body.kind, amountCents: body.amountCents },
    c.amountCents,
    c.payments,
    paymentLimitsOf(ruleSet, d.application, d.filedAt),
  );
  if (!check.ok) throw unprocessable(check.reason);

  const at = ctx.now().toISOString();
  const isBalance = body.kind === 'balance';
  const released = isBalance ? check.remainingAfterCents : 0;
  const payment: Payment = {
    id: randomUUID(),
    dossierId: d.id,
    commitmentId: c.id,
    reference: c.reference,
    scheme: c.scheme,
    year: c.year,
    funder: c.funder,
    beneficiary: c.beneficiary,
    budgetLine: c.budgetLine,
    kind: body.kind,
    amountCents: body.amountCents,
    at,
    by: caller.sub,
    sessionId: c.sessionId,
    sessionNumber: c.sessionNumber,
    deliberationNumber: c.deliberationNumber,
    ...(c.decisionDate ? { decisionDate: c.decisionDate } : {}),
    ...(body.iban ? { iban: body.iban } : {}),
    ...(c.details ? { details: c.details } : {}),
  };
  const updated: Commitment = {
    ...c,
    paidCents: c.paidCents + body.amountCents,
    remainingCents: isBalance ? 0 : c.remainingCents - body.amountCents,
    releasedCents: c.releasedCents + released,
    status: isBalance ? 'closed' : 'active',
    payments: [...c.payments, { id: payment.id, kind: body.kind, amountCents: body.amountCents, at }],
  };
  const othersOpen = commitments.some((x) => x.funder !== c.funder && x.status === 'active');
  const action: Action =
    isBalance && !othersOpen
      ? 'pay_balance'
      : body.kind === 'advance' && d.status === 'approved'
        ? 'pay_advance'
        : 'pay_instalment';
  const paidByFunder = {
    ...d.paidByFunder,
    [c.funder]: (d.paidByFunder?.[c.funder as Funder] ?? 0) + body.amountCents,
  };
  const dossier = await fireTransition(ctx, caller, d, action, {
    verifiedDocuments: await verifiedDocumentTypes(ctx, d.id),
    requiredDocuments: ruleSet.documents,
    changes: { paidByFunder, lastPaymentKind: body.kind, lastPaymentId: payment.id },
    detail: `${paymentKindLabels[body.kind]} ${funderLabels[c.funder]} : ${formatEuros(body.amountCents)}`,
    write: {
      extra: [
        createPaymentTx(ctx.store, payment),
        replaceCommitmentTx(ctx.store, updated, { paidCents: c.paidCents, status: 'active' }),
        settleEnvelopeTx(ctx.store, c, body.amountCents, released, at),
      ],
      onConditionFailed: (label) =>
        label === 'commitment'
          ? conflict('L’engagement a changé entre-temps : rechargez puis recommencez.')
          : undefined,
    },
  });
  return { dossier, payment, commitment: updated };
}

export const lapseInput = z.object({
  motivation: z
    .string({ error: 'Motivation attendue' })
    .trim()
    .min(1, 'La motivation est obligatoire')
    .max(2000),
});

/** Lapse: releases what was not paid of every open commitment back to its envelope. */
export async function lapseCommitment(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  expectedVersion: number | undefined,
  input: unknown,
) {
  const {
    body: { motivation },
    d,
  } = await openDossierCommand(ctx, caller, ['finance', 'admin'], {
    id,
    expectedVersion,
    schema: lapseInput,
    input,
  });
  const at = ctx.now().toISOString();
  const extra: LabelledItem[] = [];
  for (const c of await loadCommitments(ctx, d)) {
    if (c.status !== 'active') continue;
    const released = c.remainingCents;
    extra.push(
      replaceCommitmentTx(
        ctx.store,
        { ...c, status: 'lapsed', remainingCents: 0, releasedCents: c.releasedCents + released },
        { paidCents: c.paidCents, status: 'active' },
      ),
    );
    extra.push(settleEnvelopeTx(ctx.store, c, 0, released, at));
  }
  return fireTransition(ctx, caller, d, 'lapse', { motivation, write: { extra } });
}

export async function listDossierCommitments(ctx: ServiceContext, caller: Caller, id: string) {
  requireRole(caller, 'finance', 'bureau', 'instructor', 'admin');
  return loadCommitments(ctx, await loadDossier(ctx, caller, id));
}
