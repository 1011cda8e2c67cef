import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './clients.ts';
import { getEntity, type Item, type Page, queryList, queryPage } from './items.ts';
import { keys } from './keys.ts';
import { dossierItem } from './records.ts';
import type { LabelledItem } from './transact.ts';
import { tx } from './transact.ts';

/**
 * Personal data (issue 20) as stored: what the retention job finds due (Queries on the
 * byRetention index, never a Scan), the purge's writes and deletes in a dossier's partition, the
 * staff access log and the elimination lists (bordereaux d'élimination).
 */

/** Dossiers of `partition` (a state, or `purging`) whose clock started before `cutoff`, oldest first. */
export const dossiersDueForRetention = <T>(
  store: Store,
  partition: string,
  cutoff: string,
  o: { limit?: number; cursor?: string | undefined } = {},
): Promise<Page<T>> =>
  queryPage<T>(store, {
    index: 'byRetention',
    pk: keys.retentionPartition(partition),
    between: ['0', `${cutoff}#\uffff`],
    limit: o.limit ?? 100,
    cursor: o.cursor,
  });

/**
 * The tombstone of a purged dossier: it keeps its place in the byStatus queues (the yearly report
 * reads them) but leaves the applicant's and the assignee's lists and the retention index.
 */
export function tombstoneItem<D extends Parameters<typeof dossierItem>[0]>(d: D): Item {
  const item = dossierItem(d);
  for (const k of ['gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi5pk', 'gsi5sk']) delete item[k];
  return { ...item, type: 'dossier' };
}

/** Writes a dossier's tombstone over the dossier as it was read (label `dossier`). */
export const writeTombstoneTx = <D extends Parameters<typeof dossierItem>[0]>(
  store: Store,
  d: D,
  expectedVersion: number,
): LabelledItem => ({
  label: 'dossier',
  item: tx.put(
    store,
    tombstoneItem(d),
    '#version = :expected',
    { '#version': 'version' },
    { ':expected': expectedVersion },
  ),
});

/** Sort keys of a dossier's partition with their type, META excluded (kept raw: the purge deletes by key). */
export async function dossierPartitionKeys(
  store: Store,
  dossierId: string,
): Promise<{ sk: string; type: string }[]> {
  const out: { sk: string; type: string }[] = [];
  const pk = keys.dossierPartition(dossierId);
  for await (const page of queryAllRaw(store, pk)) {
    for (const item of page)
      if (item.sk !== 'META') out.push({ sk: String(item.sk), type: String(item.type) });
  }
  return out;
}

async function* queryAllRaw(store: Store, pk: string): AsyncGenerator<Item[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const r = await store.ddb.send(
      new QueryCommand({
        TableName: store.config.tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'pk' },
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    if (r.Items?.length) yield r.Items;
    start = r.LastEvaluatedKey;
  } while (start);
}

/** Deletes one item of a dossier's partition (idempotent: deleting what is gone is fine). */
export async function deleteDossierPartitionItem(store: Store, dossierId: string, sk: string): Promise<void> {
  await store.ddb.send(
    new DeleteCommand({
      TableName: store.config.tableName,
      Key: { pk: keys.dossierPartition(dossierId), sk },
    }),
  );
}

/** Removes attributes from an item of a dossier's partition if it is there (commitments, payments). */
export async function removeAttributes(
  store: Store,
  dossierId: string,
  sk: string,
  attributes: readonly string[],
): Promise<void> {
  if (attributes.length === 0) return;
  const names = Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a]));
  try {
    await store.ddb.send(
      new UpdateCommand({
        TableName: store.config.tableName,
        Key: { pk: keys.dossierPartition(dossierId), sk },
        UpdateExpression: `REMOVE ${Object.keys(names).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
      }),
    );
  } catch (e) {
    if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
  }
}

/** Deletes a dossier's META item (a draft's last step), only while its purge is pending. */
export async function deleteDossierMeta(store: Store, dossierId: string): Promise<void> {
  try {
    await store.ddb.send(
      new DeleteCommand({
        TableName: store.config.tableName,
        Key: keys.dossier(dossierId),
        ConditionExpression: '#purge.#state = :pending',
        ExpressionAttributeNames: { '#purge': 'purge', '#state': 'state' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      }),
    );
  } catch (e) {
    if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
  }
}

// ---- Access log -------------------------------------------------------------------------------

export interface AccessEventFields {
  readonly id: string;
  readonly at: string;
  readonly actorSub: string;
  /** The dossier opened or whose file was downloaded; absent for an export of many. */
  readonly dossierId?: string | undefined;
  /** The person whose data it is (the dossier's applicant), when known. */
  readonly personSub?: string | undefined;
}

/** Records an access; listed per dossier (or per actor, for exports), per actor and per person, and by date for its purge. */
export async function putAccessEvent<E extends AccessEventFields>(store: Store, e: E): Promise<void> {
  const subject = e.dossierId ? `DOSSIER#${e.dossierId}` : `EXPORT#${e.actorSub}`;
  await store.ddb.send(
    new PutCommand({
      TableName: store.config.tableName,
      Item: {
        ...keys.accessEvent(subject, e.at, e.id),
        ...keys.accessByActor(e.actorSub, e.at, e.id),
        ...(e.personSub ? keys.accessOfPerson(e.personSub, e.at, e.id) : {}),
        ...keys.dossierByRetention('access', e.at, e.id),
        type: 'access',
        subject,
        ...(e as object),
      },
    }),
  );
}

export const accessEventsOfDossier = <T>(store: Store, dossierId: string, cursor?: string) =>
  queryPage<T>(store, {
    pk: keys.accessPartition(`DOSSIER#${dossierId}`),
    newestFirst: true,
    limit: 100,
    cursor,
  });

export const accessEventsByActor = <T>(store: Store, actorSub: string, cursor?: string) =>
  queryPage<T>(store, {
    index: 'byAssignee',
    pk: keys.accessByActorPartition(actorSub),
    newestFirst: true,
    limit: 100,
    cursor,
  });

export const accessEventsOfPerson = <T>(store: Store, personSub: string, cursor?: string) =>
  queryPage<T>(store, {
    index: 'byOwner',
    pk: keys.accessOfPersonPartition(personSub),
    newestFirst: true,
    limit: 100,
    cursor,
  });

/** Access events older than `cutoff`, a page at a time (the retention job deletes them). */
export const accessEventsBefore = <T>(store: Store, cutoff: string, limit = 100) =>
  dossiersDueForRetention<T>(store, 'access', cutoff, { limit });

export async function deleteAccessEvent(store: Store, e: { subject: string; at: string; id: string }) {
  await store.ddb.send(
    new DeleteCommand({ TableName: store.config.tableName, Key: keys.accessEvent(e.subject, e.at, e.id) }),
  );
}

// ---- Elimination lists (bordereaux d'élimination) ---------------------------------------------

export interface EliminationListFields {
  readonly id: string;
  readonly createdAt: string;
  readonly status: string;
  readonly approvedAt?: string | undefined;
}

/** A list's header (listed by date; once approved, on the retention index for the job to purge). */
const eliminationListItem = (l: EliminationListFields) => ({
  ...keys.eliminationList(l.id),
  ...keys.eliminationLists(l.createdAt, l.id),
  ...(l.status === 'approved' && l.approvedAt
    ? keys.dossierByRetention('approved-list', l.approvedAt, l.id)
    : {}),
  type: 'elimination_list',
  ...(l as object),
});

export const createEliminationListTx = <L extends EliminationListFields>(
  store: Store,
  l: L,
): LabelledItem => ({
  label: 'list',
  item: tx.putNew(store, eliminationListItem(l)),
});

/** Replaces a list only while it is still in `expectedStatus` (label `list`). */
export const replaceEliminationListTx = <L extends EliminationListFields>(
  store: Store,
  l: L,
  expectedStatus: string,
): LabelledItem => ({
  label: 'list',
  item: tx.put(
    store,
    eliminationListItem(l),
    '#status = :s',
    { '#status': 'status' },
    { ':s': expectedStatus },
  ),
});

export const putEliminationEntryTx = <E extends { listId: string; dossierId: string }>(
  store: Store,
  e: E,
): LabelledItem => ({
  label: 'entry',
  item: tx.put(store, {
    ...keys.eliminationEntry(e.listId, e.dossierId),
    type: 'elimination_entry',
    ...(e as object),
  }),
});

/** Marks a dossier as listed (it leaves the retention index until the list is approved), at its version. */
export const markDossierListedTx = <D extends Parameters<typeof dossierItem>[0]>(
  store: Store,
  d: D,
  expectedVersion: number,
): LabelledItem => ({
  label: 'dossier',
  item: tx.put(
    store,
    dossierItem(d),
    '#version = :expected',
    { '#version': 'version' },
    { ':expected': expectedVersion },
  ),
});

export const getEliminationList = <T>(store: Store, listId: string) =>
  getEntity<T>(store, keys.eliminationList(listId));

export const eliminationEntries = <T>(store: Store, listId: string) =>
  queryList<T>(store, { pk: keys.eliminationPartition(listId), prefix: 'ENTRY#' });

export const listEliminationLists = <T>(store: Store) =>
  queryList<T>(store, { index: 'byStatus', pk: 'ELIMINATION_LISTS', newestFirst: true });

/** Lists approved since before `now`, whose entries the job purges. */
export const approvedEliminationLists = <T>(store: Store, now: string) =>
  dossiersDueForRetention<T>(store, 'approved-list', now, { limit: 20 });

/** Takes an approved list off the retention index once all its entries are purged. */
export async function closeEliminationList(store: Store, listId: string, at: string): Promise<void> {
  await store.ddb
    .send(
      new UpdateCommand({
        TableName: store.config.tableName,
        Key: keys.eliminationList(listId),
        UpdateExpression: 'SET #status = :done, purgedAt = :at REMOVE gsi5pk, gsi5sk',
        ConditionExpression: '#status = :approved',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'purged', ':approved': 'approved', ':at': at },
      }),
    )
    .catch((e: { name?: string }) => {
      if (e.name !== 'ConditionalCheckFailedException') throw e;
    });
}
