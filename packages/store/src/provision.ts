import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import type { Store } from './clients.ts';
import { createTableInput, STREAM_VIEW_TYPE } from './table-definition.ts';

/**
 * Local and test provisioning only: on AWS the CDK stateful stack creates the same table (from
 * the same definition) and the bucket.
 */
export async function ensureTable(store: Store): Promise<void> {
  const TableName = store.config.tableName;
  try {
    const { Table } = await store.ddb.send(new DescribeTableCommand({ TableName }));
    // A table made before the outbox (a kept `.data/`) gets its stream now.
    if (!Table?.StreamSpecification?.StreamEnabled)
      await store.ddb.send(
        new UpdateTableCommand({
          TableName,
          StreamSpecification: { StreamEnabled: true, StreamViewType: STREAM_VIEW_TYPE },
        }),
      );
    return;
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) throw e;
  }
  await store.ddb.send(new CreateTableCommand(createTableInput(TableName)));
}
