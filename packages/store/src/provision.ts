import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import type { Store } from './clients.ts';
import { createTableInput } from './table-definition.ts';

/**
 * Local and test provisioning only: on AWS the CDK stateful stack creates the same table (from
 * the same definition) and the bucket.
 */
export async function ensureTable(store: Store): Promise<void> {
  const TableName = store.config.tableName;
  try {
    await store.ddb.send(new DescribeTableCommand({ TableName }));
    return;
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) throw e;
  }
  await store.ddb.send(new CreateTableCommand(createTableInput(TableName)));
}
