import { describe, expect, it } from 'vitest';
import { storeConfigFromEnv } from './config.ts';

describe('store configuration from the environment', () => {
  it('names every missing or invalid variable', () => {
    expect(() => storeConfigFromEnv({ BUCKET_NAME: 'b', DYNAMODB_ENDPOINT: 'pas une adresse' })).toThrow(
      'Configuration invalide ou manquante : TABLE_NAME, BUCKET_NAME, DYNAMODB_ENDPOINT',
    );
  });

  it('reads the table, the bucket, the region (Paris by default) and the local endpoints', () => {
    expect(storeConfigFromEnv({ TABLE_NAME: 'aides', BUCKET_NAME: 'pieces' })).toEqual({
      tableName: 'aides',
      bucketName: 'pieces',
      region: 'eu-west-3',
      dynamoEndpoint: undefined,
      s3Endpoint: undefined,
    });
    expect(
      storeConfigFromEnv({
        TABLE_NAME: 'aides',
        BUCKET_NAME: 'pieces',
        AWS_REGION: 'eu-west-1',
        DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
        S3_ENDPOINT: 'http://127.0.0.1:4569',
      }),
    ).toMatchObject({
      region: 'eu-west-1',
      dynamoEndpoint: 'http://127.0.0.1:8000',
      s3Endpoint: 'http://127.0.0.1:4569',
    });
  });
});
