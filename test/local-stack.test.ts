import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { s3Client } from '@aides/store/objects';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../scripts/local/stack.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'aides-stack-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the embedded local stack', () => {
  it('keeps table items and objects across a restart', async () => {
    const first = await startLocalStack({ dataDir, webOrigin: 'http://localhost:3000' });
    const { tableName, bucketName } = first.store.config;
    await first.store.ddb.send(
      new PutCommand({ TableName: tableName, Item: { pk: 'TEST', sk: 'PERSIST', v: 42 } }),
    );
    await (await s3Client(first.store)).send(
      new PutObjectCommand({ Bucket: bucketName, Key: 'persist.txt', Body: 'bonjour' }),
    );
    await first.stop();

    const second = await startLocalStack({ dataDir, webOrigin: 'http://localhost:3000' });
    try {
      const item = await second.store.ddb.send(
        new GetCommand({ TableName: tableName, Key: { pk: 'TEST', sk: 'PERSIST' } }),
      );
      expect(item.Item?.v).toBe(42);
      const obj = await (await s3Client(second.store)).send(
        new GetObjectCommand({ Bucket: bucketName, Key: 'persist.txt' }),
      );
      expect(await obj.Body?.transformToString()).toBe('bonjour');
      const persona = await second.store.ddb.send(
        new GetCommand({ TableName: tableName, Key: { pk: 'USER#demo-menage', sk: 'PROFILE' } }),
      );
      expect(persona.Item?.name).toBe('Camille Martin');
    } finally {
      await second.stop();
    }
  }, 120_000);
});
