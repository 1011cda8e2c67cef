import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { Store } from './clients.ts';
import { bucketReachable } from './objects.ts';

export interface StoreHealth {
  readonly ok: boolean;
  readonly table: { ok: boolean; detail: string };
  readonly bucket: { ok: boolean; detail: string };
}

const describe = (e: unknown) => (e instanceof Error ? e.name : 'Erreur inconnue');

/** Reads the table's status and heads the bucket; never throws. */
export async function checkStoreHealth(store: Store): Promise<StoreHealth> {
  const [table, bucket] = await Promise.all([
    store.ddb.send(new DescribeTableCommand({ TableName: store.config.tableName })).then(
      (r) => ({ ok: r.Table?.TableStatus === 'ACTIVE', detail: r.Table?.TableStatus ?? 'inconnu' }),
      (e) => ({ ok: false, detail: describe(e) }),
    ),
    bucketReachable(store),
  ]);
  return { ok: table.ok && bucket.ok, table, bucket };
}
