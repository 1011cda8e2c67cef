import { join } from 'node:path';
import { createContext } from '@aides/services/context';
import { recordSignIn } from '@aides/services/people/directory';
import { createStore, ensureTable, type Store } from '@aides/store';
import { ensureBucket } from '@aides/store/s3/provision';
import { type RunningStore, startDynamoDbLocal, startS3rver } from './embedded-stores.ts';
import { PERSONAS } from './personas.ts';

export interface LocalStack {
  readonly store: Store;
  stop(): Promise<void>;
}

/**
 * DynamoDB Local + s3rver under `dataDir`, with the table and bucket created from the same
 * definitions as the CDK stack. If any step fails, whatever was started is stopped.
 */
export async function startLocalStack(opts: {
  dataDir: string;
  tableName?: string;
  bucketName?: string;
  webOrigin: string;
}): Promise<LocalStack> {
  const started: RunningStore[] = [];
  const stop = async () => {
    await Promise.allSettled(started.reverse().map((s) => s.stop()));
  };
  try {
    const dynamo = await startDynamoDbLocal({ dataDir: join(opts.dataDir, 'dynamodb') });
    started.push(dynamo);
    const s3 = await startS3rver({ directory: join(opts.dataDir, 's3') });
    started.push(s3);
    const store = createStore({
      tableName: opts.tableName ?? 'aides',
      bucketName: opts.bucketName ?? 'aides-pieces',
      region: 'eu-west-3',
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
    });
    await ensureTable(store);
    await ensureBucket(store, opts.webOrigin);
    // As a sign-in on AWS would: profiles, and the staff directory the reassignment form lists.
    const ctx = createContext(store);
    for (const p of PERSONAS)
      await recordSignIn(ctx, { sub: p.sub, name: p.name, email: p.email, roles: p.groups });
    return { store, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
