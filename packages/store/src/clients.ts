import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoreConfig } from './config.ts';

/** The clients and names every repository works with. One per process (or per test file). */
export interface Store {
  readonly config: StoreConfig;
  readonly ddb: DynamoDBDocumentClient;
  /** Fixed credentials for the embedded stores; on AWS the SDK finds the function's role. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

// The embedded stores accept any credentials; fixed ones keep the SDK from searching for a profile.
const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export function createStore(config: StoreConfig): Store {
  const local = Boolean(config.dynamoEndpoint || config.s3Endpoint);
  const credentials = local ? LOCAL_CREDENTIALS : undefined;
  const ddbClient = new DynamoDBClient({
    region: config.region,
    ...(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {}),
    ...(credentials ? { credentials } : {}),
    maxAttempts: 3,
  });
  const ddb = DynamoDBDocumentClient.from(ddbClient, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  // The S3 client is made by `objects.ts` on first use, so that functions that never touch the
  // bucket do not even carry its SDK.
  return { config, ddb, ...(credentials ? { credentials } : {}) };
}
