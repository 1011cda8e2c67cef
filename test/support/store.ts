import { randomUUID } from 'node:crypto';
import { createStore, ensureTable, type Store } from '@aides/store';
import { ensureBucket } from '@aides/store/s3/provision';
import { inject } from 'vitest';

/** A table and a bucket of this test file's own, on the run's shared embedded stores. */
export async function createTestStore(): Promise<Store> {
  const id = randomUUID().slice(0, 8);
  const store = createStore({
    tableName: `test-${id}`,
    bucketName: `test-${id}`,
    region: 'eu-west-3',
    dynamoEndpoint: inject('dynamoEndpoint'),
    s3Endpoint: inject('s3Endpoint'),
  });
  await ensureTable(store);
  await ensureBucket(store, 'http://localhost:3000');
  return store;
}
