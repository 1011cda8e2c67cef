import type { Store } from './clients.ts';
import { getEntity, queryAll, queryList } from './items.ts';
import { keys } from './keys.ts';
import type { LabelledItem } from './transact.ts';
import { tx } from './transact.ts';

/**
 * Envelopes, commitments and payments as stored. The invariants the finance use cases rely on
 * (available never below zero, a commitment replaced only as it was read) are the conditions
 * written here; the use cases compose these items into one transaction.
 */

/** Which envelope: one per scheme, year and funder. */
export interface EnvelopeKey {
  readonly scheme: string;
  readonly year: number;
  readonly funder: string;
}

const envelopeKey = (e: EnvelopeKey) => keys.envelope(e.scheme, e.year, e.funder);

/** A new envelope (fails with label `envelope` if it exists), listed by year. */
export const createEnvelopeTx = (store: Store, e: EnvelopeKey): LabelledItem => ({
  label: 'envelope',
  item: tx.putNew(store, {
    ...envelopeKey(e),
    ...keys.envelopeList(e.year, e.scheme, e.funder),
    type: 'envelope',
    ...e,
  }),
});

export async function getEnvelope<T>(store: Store, e: EnvelopeKey): Promise<T | undefined> {
  return getEntity<T>(store, envelopeKey(e));
}

/** Every envelope (of one year if given), by year, scheme and funder. */
export async function listEnvelopes<T>(store: Store, year?: number): Promise<T[]> {
  return queryList<T>(store, {
    index: 'byStatus',
    pk: 'ENVELOPES',
    ...(year ? { prefix: `${year}#` } : {}),
  });
}

/** Raises an existing envelope: amount and available grow together (label `envelope`). */
export const raiseEnvelopeTx = (store: Store, e: EnvelopeKey, cents: number, at: string): LabelledItem => ({
  label: 'envelope',
  item: tx.update(
    store,
    envelopeKey(e),
    'SET amountCents = amountCents + :x, availableCents = availableCents + :x, updatedAt = :at',
    { condition: 'attribute_exists(pk)', values: { ':x': cents, ':at': at } },
  ),
});

/**
 * Commits `cents` against the envelope, only if it exists and still has that much available:
 * fails with label `envelope:<funder>` (and the envelope as it is, if any), whatever the concurrency.
 */
export const debitEnvelopeTx = (store: Store, e: EnvelopeKey, cents: number, at: string): LabelledItem => ({
  label: `envelope:${e.funder}`,
  item: tx.update(
    store,
    envelopeKey(e),
    'SET availableCents = availableCents - :x, committedCents = committedCents + :x, updatedAt = :at',
    { condition: 'attribute_exists(pk) AND availableCents >= :x', values: { ':x': cents, ':at': at } },
  ),
});

/**
 * A payment of `paidCents` and the release of `releasedCents` back to available (label `envelope`);
 * the envelope counts what it got back (`releasedCents`), so its initial commitments are committed + released.
 */
export const settleEnvelopeTx = (
  store: Store,
  e: EnvelopeKey,
  paidCents: number,
  releasedCents: number,
  at: string,
): LabelledItem => ({
  label: 'envelope',
  item: tx.update(
    store,
    envelopeKey(e),
    'SET paidCents = paidCents + :paid, committedCents = committedCents - :released, availableCents = availableCents + :released, releasedCents = if_not_exists(releasedCents, :zero) + :released, updatedAt = :at',
    {
      condition: 'attribute_exists(pk)',
      values: { ':paid': paidCents, ':released': releasedCents, ':zero': 0, ':at': at },
    },
  ),
});

/** What the store needs of a commitment: its dossier and funder (key), its id and date (index). */
export interface CommitmentFields {
  readonly id: string;
  readonly dossierId: string;
  readonly funder: string;
  readonly committedAt: string;
}

const commitmentItem = (c: CommitmentFields) => ({
  ...keys.commitment(c.dossierId, c.funder),
  ...keys.byMonth('COMMITMENTS', c.committedAt, c.id),
  type: 'commitment',
  ...c,
});

/** A dossier's commitment to one funder, if any. */
export async function getCommitment<T>(
  store: Store,
  dossierId: string,
  funder: string,
): Promise<T | undefined> {
  return getEntity<T>(store, keys.commitment(dossierId, funder));
}

/** A new commitment, indexed by month for exports (fails with label `commitment` if it exists). */
export const createCommitmentTx = <C extends CommitmentFields>(store: Store, c: C): LabelledItem => ({
  label: 'commitment',
  item: tx.putNew(store, commitmentItem(c)),
});

/** Replaces a commitment only if nobody paid or lapsed it since it was read (label `commitment`). */
export const replaceCommitmentTx = <C extends CommitmentFields>(
  store: Store,
  c: C,
  expected: { paidCents: number; status: string },
): LabelledItem => ({
  label: 'commitment',
  item: tx.put(
    store,
    commitmentItem(c),
    'paidCents = :paid AND #s = :status',
    { '#s': 'status' },
    { ':paid': expected.paidCents, ':status': expected.status },
  ),
});

export interface PaymentFields {
  readonly id: string;
  readonly dossierId: string;
  readonly at: string;
}

/** The ledger line of a payment, indexed by month for exports (label `payment`). */
export const createPaymentTx = <P extends PaymentFields>(store: Store, p: P): LabelledItem => ({
  label: 'payment',
  item: tx.putNew(store, {
    ...keys.payment(p.dossierId, p.at, p.id),
    ...keys.byMonth('PAYMENTS', p.at, p.id),
    type: 'payment',
    ...(p as object),
  }),
});

/** Equality filters an export may apply to its rows. */
export interface LedgerFilters {
  readonly scheme?: string | undefined;
  readonly sessionId?: string | undefined;
  readonly budgetLine?: string | undefined;
  readonly funder?: string | undefined;
}

function ledgerFilter(f: LedgerFilters) {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const name of ['scheme', 'sessionId', 'budgetLine', 'funder'] as const) {
    const v = f[name];
    if (v === undefined) continue;
    parts.push(`#f_${name} = :f_${name}`);
    names[`#f_${name}`] = name;
    values[`:f_${name}`] = v;
  }
  return parts.length ? { expression: parts.join(' AND '), names, values } : undefined;
}

/**
 * Commitments or payments of one month (`YYYY-MM`) whose instant lies in `[from, to)`, page by
 * page: a Query on the month's partition of the byParent index (never a Scan), the filters
 * applied by DynamoDB. Sort keys are `<ISO instant>#<id>`, so `to` bounds strictly.
 */
export function ledgerOfMonth<T>(
  store: Store,
  kind: 'commitments' | 'payments',
  month: string,
  between: readonly [string, string],
  filters: LedgerFilters,
): AsyncGenerator<T[]> {
  const filter = ledgerFilter(filters);
  return queryAll<T>(store, {
    index: 'byParent',
    pk: keys.monthPartition(kind === 'commitments' ? 'COMMITMENTS' : 'PAYMENTS', month),
    between,
    ...(filter ? { filter } : {}),
  });
}
