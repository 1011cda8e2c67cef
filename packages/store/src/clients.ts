import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoreConfig } from './config.ts';

/** The clients and names every repository works with. One per process (or per test file). */
export interface Store {
  readonly config: StoreConfig;
  readonly ddb: DynamoDBDocumentClient;
  readonly s3: S3Client;
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
  const s3 = new S3Client({
    region: config.region,
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}),
    ...(credentials ? { credentials } : {}),
  });
  return { config, ddb, s3 };
}
