import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '@aides/services/context';
import { createStore, ensureTable, type Store } from '@aides/store';
import { ensureBucket } from '@aides/store/s3/provision';
import { startDynamoDbLocal, startS3rver } from '../../scripts/local/embedded-stores.ts';

/** The benchmark's own DynamoDB Local (in memory) and s3rver, stopped at the end. */
export async function startBenchStack() {
  const dir = mkdtempSync(join(tmpdir(), 'aides-bench-s3-'));
  const dynamo = await startDynamoDbLocal({ dataDir: null });
  const s3 = await startS3rver({ directory: dir });
  const newStore = async (): Promise<Store> => {
    const id = randomUUID().slice(0, 8);
    const store = createStore({
      tableName: `bench-${id}`,
      bucketName: `bench-${id}`,
      region: 'eu-west-3',
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
    });
    await ensureTable(store);
    await ensureBucket(store, 'http://localhost:3000');
    return store;
  };
  return {
    dynamoEndpoint: dynamo.endpoint,
    s3Endpoint: s3.endpoint,
    newStore,
    newContext: async () => createContext(await newStore()),
    stop: async () => {
      await Promise.allSettled([dynamo.stop(), s3.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type BenchStack = Awaited<ReturnType<typeof startBenchStack>>;

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
};
export const median = (xs: number[]) => percentile(xs, 50);

export interface BenchRow {
  readonly benchmark: string;
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean | null;
}
export interface BenchResult {
  readonly name: string;
  readonly command: string;
  readonly rows: BenchRow[];
  readonly notes?: string[];
}
