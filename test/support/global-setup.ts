import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, startS3rver } from '../../scripts/local/embedded-stores.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
  }
}

/** One DynamoDB Local (in memory) and one s3rver per test run, on free ports. */
export default async function setup(project: TestProject) {
  const s3Dir = mkdtempSync(join(tmpdir(), 'aides-s3-'));
  const dynamo = await startDynamoDbLocal({ dataDir: null });
  const s3 = await startS3rver({ directory: s3Dir }).catch(async (e) => {
    await dynamo.stop();
    throw e;
  });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  return async () => {
    await Promise.allSettled([dynamo.stop(), s3.stop()]);
    rmSync(s3Dir, { recursive: true, force: true });
  };
}
