import { keys, type LabelledItem, tx } from '@aides/store';
import type { Commitment, Payment } from '../bureau/model.ts';
import type { ServiceContext } from '../context.ts';

/** A new commitment, indexed by month for exports. */
export const commitmentItem = (ctx: ServiceContext, c: Commitment): LabelledItem => ({
  label: 'commitment',
  item: tx.putNew(ctx.store, {
    ...keys.commitment(c.dossierId, c.funder),
    ...keys.byMonth('COMMITMENTS', c.committedAt, c.id),
    type: 'commitment',
    ...c,
  }),
});

/** Replaces a commitment only if nobody paid or lapsed it since we read it. */
export const commitmentReplace = (
  ctx: ServiceContext,
  c: Commitment,
  expectedPaidCents: number,
  expectedStatus: string,
): LabelledItem => ({
  label: 'commitment',
  item: tx.put(
    ctx.store,
    {
      ...keys.commitment(c.dossierId, c.funder),
      ...keys.byMonth('COMMITMENTS', c.committedAt, c.id),
      type: 'commitment',
      ...c,
    },
    'paidCents = :paid AND #s = :status',
    { '#s': 'status' },
    { ':paid': expectedPaidCents, ':status': expectedStatus },
  ),
});

/** The ledger line of a payment: written with the commitment and envelope, or not at all. */
export const paymentItem = (ctx: ServiceContext, p: Payment): LabelledItem => ({
  label: 'payment',
  item: tx.putNew(ctx.store, {
    ...keys.payment(p.dossierId, p.at, p.id),
    ...keys.byMonth('PAYMENTS', p.at, p.id),
    type: 'payment',
    ...p,
  }),
});
