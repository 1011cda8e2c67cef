import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Store } from './clients.ts';
import { decodeCursor, encodeCursor } from './keys.ts';
import { GLOBAL_SECONDARY_INDEXES, TABLE_KEYS } from './table-definition.ts';

export type Item = Record<string, unknown>;

/** Strips key and index attributes: what leaves the store is the entity, not its storage. */
export function entity<T>(item: Item): T {
  const out: Item = {};
  const hidden = new Set<string>([
    TABLE_KEYS.partitionKey,
    TABLE_KEYS.sortKey,
    ...GLOBAL_SECONDARY_INDEXES.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]);
  for (const [k, v] of Object.entries(item)) if (!hidden.has(k)) out[k] = v;
  return out as T;
}

export async function getItem(
  store: Store,
  key: { pk: string; sk: string },
  consistent = true,
): Promise<Item | undefined> {
  const r = await store.ddb.send(
    new GetCommand({ TableName: store.config.tableName, Key: key, ConsistentRead: consistent }),
  );
  return r.Item;
}

/** The entity under a key (keys stripped), if any. */
export async function getEntity<T>(
  store: Store,
  key: { pk: string; sk: string },
  consistent = true,
): Promise<T | undefined> {
  const item = await getItem(store, key, consistent);
  return item ? entity<T>(item) : undefined;
}

/** A pagination cursor that this query did not hand out. */
export class InvalidCursorError extends Error {
  constructor() {
    super('Curseur de pagination invalide');
    this.name = 'InvalidCursorError';
  }
}

export type IndexName = 'byStatus' | 'byAssignee' | 'byOwner' | 'byParent' | 'byRetention';

export interface QueryOptions {
  readonly index?: IndexName;
  readonly pk: string;
  /** Sort key begins with. */
  readonly prefix?: string;
  /** Sort key between (inclusive). */
  readonly between?: readonly [string, string];
  readonly limit?: number;
  readonly cursor?: string | undefined;
  readonly newestFirst?: boolean;
  readonly filter?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> };
}

export interface Page<T> {
  readonly items: T[];
  readonly cursor?: string | undefined;
}

function queryInput(store: Store, o: QueryOptions): QueryCommandInput {
  const idx = o.index ? GLOBAL_SECONDARY_INDEXES.find((i) => i.indexName === o.index) : undefined;
  const pkName = idx?.partitionKey ?? TABLE_KEYS.partitionKey;
  const skName = idx?.sortKey ?? TABLE_KEYS.sortKey;
  const names: Record<string, string> = { '#pk': pkName, ...(o.filter?.names ?? {}) };
  const values: Record<string, unknown> = { ':pk': o.pk, ...(o.filter?.values ?? {}) };
  let condition = '#pk = :pk';
  if (o.prefix !== undefined) {
    names['#sk'] = skName;
    values[':prefix'] = o.prefix;
    condition += ' AND begins_with(#sk, :prefix)';
  } else if (o.between) {
    names['#sk'] = skName;
    values[':from'] = o.between[0];
    values[':to'] = o.between[1];
    condition += ' AND #sk BETWEEN :from AND :to';
  }
  return {
    TableName: store.config.tableName,
    ...(idx ? { IndexName: idx.indexName } : { ConsistentRead: true }),
    KeyConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ...(o.filter ? { FilterExpression: o.filter.expression } : {}),
    ...(o.limit ? { Limit: o.limit } : {}),
    ScanIndexForward: !o.newestFirst,
  };
}

/**
 * One page of a Query. With a filter, DynamoDB may return fewer items than `limit` with a cursor:
 * we keep reading until the page is full or the partition ends, so pages stay full.
 */
export async function queryPage<T>(store: Store, o: QueryOptions): Promise<Page<T>> {
  const limit = o.limit ?? 25;
  const items: T[] = [];
  let start = decodeCursor(o.cursor);
  const idx = o.index ? GLOBAL_SECONDARY_INDEXES.find((i) => i.indexName === o.index) : undefined;
  if (o.cursor && (!start || start[idx?.partitionKey ?? TABLE_KEYS.partitionKey] !== o.pk)) {
    throw new InvalidCursorError();
  }
  do {
    const r = await store.ddb.send(
      new QueryCommand({
        ...queryInput(store, { ...o, limit: limit - items.length }),
        ExclusiveStartKey: start,
      }),
    );
    for (const it of r.Items ?? []) items.push(entity<T>(it));
    start = r.LastEvaluatedKey;
  } while (start && items.length < limit);
  return { items, cursor: encodeCursor(start) };
}

/** Every item of a Query, page by page: memory holds one page at a time. */
export async function* queryAll<T>(store: Store, o: QueryOptions, pageSize = 500): AsyncGenerator<T[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const r = await store.ddb.send(
      new QueryCommand({ ...queryInput(store, { ...o, limit: pageSize }), ExclusiveStartKey: start }),
    );
    if (r.Items?.length) yield r.Items.map((it) => entity<T>(it));
    start = r.LastEvaluatedKey;
  } while (start);
}

/** Every item of a Query in one array, for partitions known to stay small (an agenda, a dossier's notes). */
export async function queryList<T>(store: Store, o: QueryOptions): Promise<T[]> {
  const out: T[] = [];
  for await (const page of queryAll<T>(store, o)) out.push(...page);
  return out;
}

/** Count of a Query without reading items out (Select COUNT), for queue counters. */
export async function queryCount(store: Store, o: QueryOptions): Promise<number> {
  let total = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const input = queryInput(store, o);
    const r = await store.ddb.send(new QueryCommand({ ...input, Select: 'COUNT', ExclusiveStartKey: start }));
    total += r.Count ?? 0;
    start = r.LastEvaluatedKey;
  } while (start);
  return total;
}
