import type { Store } from './clients.ts';
import { getItem } from './items.ts';
import { keys } from './keys.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';
import type { LabelledItem } from './transact.ts';
import { tx } from './transact.ts';

/** The answer a request gave under a caller's Idempotency-Key, to give again on a retry. */
export interface IdempotencyRecord {
  /** What the request was (a hash): the same key for another request is refused. */
  readonly fingerprint: string;
  readonly status: number;
  readonly body: unknown;
}

export async function getIdempotencyRecord(
  store: Store,
  callerSub: string,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  const item = await getItem(store, keys.idempotency(callerSub, key));
  if (!item) return undefined;
  return {
    fingerprint: String(item.fingerprint),
    status: Number(item.status),
    body: JSON.parse(String(item.body)),
  };
}

/** Records the answer with the write it answers for; fails with label `idempotency` if the key was used. */
export const putIdempotencyTx = (
  store: Store,
  o: { callerSub: string; key: string; fingerprint: string; status: number; body: unknown; at: string },
): LabelledItem => ({
  label: 'idempotency',
  item: tx.putNew(store, {
    ...keys.idempotency(o.callerSub, o.key),
    type: 'idempotency',
    fingerprint: o.fingerprint,
    status: o.status,
    body: JSON.stringify(o.body),
    at: o.at,
    // Kept for 30 days: the table's TTL attribute.
    [TTL_ATTRIBUTE]: Math.floor(Date.parse(o.at) / 1000) + 30 * 86400,
  }),
});
