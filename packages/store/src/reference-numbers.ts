import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './clients.ts';
import { getItem } from './items.ts';
import { keys } from './keys.ts';
import type { LabelledItem } from './transact.ts';
import { tx } from './transact.ts';

/**
 * Reference numbers of one scheme and year. A filing takes its number by an atomic increment of
 * the counter — it always succeeds at once, whatever other filers do or did — then writes its
 * dossier together with the claim of that number in one transaction. Each number has at most one
 * claim item: a dossier's, or a void record saying why the number was not given (written when the
 * dossier's write fails). Both are conditional puts on the same key, so a number can never end up
 * both given and void, even when a write's outcome was unknown. A filer that dies between the
 * increment and its write leaves a number with no claim at all: the gap report finds it by
 * comparing the counter with the claims.
 */

/** Takes the next number of the scheme and year (the counter's `n`: last number taken). */
export async function takeReferenceNumber(store: Store, scheme: string, year: number): Promise<number> {
  const r = await store.ddb.send(
    new UpdateCommand({
      TableName: store.config.tableName,
      Key: keys.referenceCounter(scheme, year),
      UpdateExpression: 'ADD #n :one SET #type = :type',
      ExpressionAttributeNames: { '#n': 'n', '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':type': 'counter' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(r.Attributes?.n);
}

/** The last number taken for the scheme and year (0 if none). */
export async function lastReferenceNumber(store: Store, scheme: string, year: number): Promise<number> {
  const item = await getItem(store, keys.referenceCounter(scheme, year));
  return Number(item?.n ?? 0);
}

/** The claim of a reference by the dossier that takes it, inside the dossier's transaction. */
export const claimReferenceTx = (
  store: Store,
  o: { reference: string; dossierId: string },
): LabelledItem => ({
  label: 'reference',
  item: tx.putNew(store, { ...keys.referenceClaim(o.reference), type: 'reference', dossierId: o.dossierId }),
});

export type ReferenceClaim =
  | { readonly state: 'given'; readonly reference: string; readonly dossierId: string }
  | {
      readonly state: 'void';
      readonly reference: string;
      readonly dossierId: string;
      readonly reason: string;
      readonly at: string;
    };

const claimOf = (item: Record<string, unknown>, reference: string): ReferenceClaim =>
  item.type === 'reference-void'
    ? {
        state: 'void',
        reference,
        dossierId: String(item.dossierId ?? ''),
        reason: String(item.reason ?? ''),
        at: String(item.at ?? ''),
      }
    : { state: 'given', reference, dossierId: String(item.dossierId ?? '') };

/**
 * Records that `reference` was not given, with the reason, unless it was claimed meanwhile (a
 * write whose answer was lost may have gone through): answers what the number finally is.
 */
export async function voidReference(
  store: Store,
  o: { reference: string; dossierId: string; reason: string; at: string },
): Promise<ReferenceClaim> {
  try {
    await store.ddb.send(
      new PutCommand({
        TableName: store.config.tableName,
        Item: { ...keys.referenceClaim(o.reference), type: 'reference-void', ...o },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { state: 'void', ...o };
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
    const current = await getItem(store, keys.referenceClaim(o.reference));
    if (!current) throw e;
    return claimOf(current, o.reference);
  }
}

/** The claims of these references (consistent reads, 100 keys a call); absent ones are missing. */
export async function readReferenceClaims(
  store: Store,
  references: readonly string[],
): Promise<Map<string, ReferenceClaim>> {
  const out = new Map<string, ReferenceClaim>();
  const table = store.config.tableName;
  const byKey = new Map(references.map((r) => [keys.referenceClaim(r).pk, r]));
  for (let i = 0; i < references.length; i += 100) {
    let pending: Record<string, unknown>[] = references.slice(i, i + 100).map((r) => keys.referenceClaim(r));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1_000, 20 * 2 ** attempt)));
      const r = await store.ddb.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of r.Responses?.[table] ?? []) {
        const reference = byKey.get(String(item.pk));
        if (reference) out.set(reference, claimOf(item, reference));
      }
      pending = (r.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return out;
}
