import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './clients.ts';
import type { EnvelopeKey } from './finance.ts';
import { getEntity, getItem, type Page, queryPage } from './items.ts';
import { keys } from './keys.ts';
import type { LabelledItem } from './transact.ts';
import { tx } from './transact.ts';

/**
 * Imports of earlier years' dossiers: the import job (its file, checks and progress) and the
 * writes only an import makes — completing a past year's envelope, moving a reference counter up
 * to the numbers imported, finding a Bureau session by its number.
 */

export interface ImportJobFields {
  readonly id: string;
  readonly createdAt: string;
}

/** Writes the import job as it is now (one writer at a time: the admin running it). */
export async function saveImportJob<J extends ImportJobFields>(store: Store, job: J): Promise<void> {
  await store.ddb.send(
    new PutCommand({
      TableName: store.config.tableName,
      Item: {
        ...keys.importJob(job.id),
        ...keys.importJobList(job.createdAt, job.id),
        type: 'import',
        ...(job as object),
      },
    }),
  );
}

export const getImportJob = <T>(store: Store, id: string): Promise<T | undefined> =>
  getEntity<T>(store, keys.importJob(id));

/** Import jobs, newest first, fifty a page. */
export const listImportJobs = <T>(store: Store, cursor?: string): Promise<Page<T>> =>
  queryPage<T>(store, { index: 'byStatus', pk: 'IMPORTS', newestFirst: true, limit: 50, cursor });

/** The session that holds a number, if any. */
export async function sessionIdOfNumber(store: Store, number: string): Promise<string | undefined> {
  const claim = await getItem(store, keys.sessionNumberClaim(number));
  return claim ? String(claim.sessionId) : undefined;
}

/**
 * What an imported dossier does to one envelope: commits `netCents` (committed less released) and
 * records `paidCents`. `seen` is the envelope as read before (undefined: absent). An envelope that
 * exists is debited if it still has what it had when read, grown first by what it lacks
 * (`growCents`); an absent one is created holding exactly the imported amount. Either way
 * available = amount − committed stays ≥ 0; a concurrent change fails with label `envelope:<funder>`.
 */
export function importIntoEnvelopeTx(
  store: Store,
  e: EnvelopeKey,
  o: {
    seen: { availableCents: number } | undefined;
    netCents: number;
    paidCents: number;
    /** Released by the imported commitment (issue 16.3: the envelope counts what came back). */
    releasedCents?: number;
    growCents: number;
    budgetLine: string;
    label: string;
    at: string;
  },
): LabelledItem {
  const label = `envelope:${e.funder}`;
  const key = keys.envelope(e.scheme, e.year, e.funder);
  if (!o.seen) {
    return {
      label,
      item: tx.putNew(store, {
        ...key,
        ...keys.envelopeList(e.year, e.scheme, e.funder),
        type: 'envelope',
        id: `${e.scheme}-${e.year}-${e.funder}`,
        ...e,
        budgetLine: o.budgetLine,
        label: o.label,
        amountCents: o.netCents,
        committedCents: o.netCents,
        paidCents: o.paidCents,
        releasedCents: o.releasedCents ?? 0,
        availableCents: 0,
        raisedByImportCents: o.netCents,
        createdAt: o.at,
        updatedAt: o.at,
      }),
    };
  }
  return {
    label,
    item: tx.update(
      store,
      key,
      'SET amountCents = amountCents + :grow, availableCents = availableCents + :delta, committedCents = committedCents + :net, paidCents = paidCents + :paid, releasedCents = if_not_exists(releasedCents, :zero) + :released, raisedByImportCents = if_not_exists(raisedByImportCents, :zero) + :grow, updatedAt = :at',
      {
        condition: 'availableCents = :seen',
        values: {
          ':grow': o.growCents,
          ':net': o.netCents,
          ':delta': o.growCents - o.netCents,
          ':paid': o.paidCents,
          ':released': o.releasedCents ?? 0,
          ':seen': o.seen.availableCents,
          ':zero': 0,
          ':at': o.at,
        },
      },
    ),
  };
}

/**
 * Moves a scheme-and-year reference counter up to `n` if it is below (an imported reference's
 * number), so that numbers given later never collide with imported ones. Never moves it down.
 */
export async function raiseReferenceCounter(
  store: Store,
  scheme: string,
  year: number,
  n: number,
): Promise<void> {
  try {
    await store.ddb.send(
      new UpdateCommand({
        TableName: store.config.tableName,
        Key: keys.referenceCounter(scheme, year),
        UpdateExpression: 'SET #n = :n, #type = :type',
        ConditionExpression: 'attribute_not_exists(#n) OR #n < :n',
        ExpressionAttributeNames: { '#n': 'n', '#type': 'type' },
        ExpressionAttributeValues: { ':n': n, ':type': 'counter' },
      }),
    );
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
}
