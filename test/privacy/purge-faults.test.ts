/**
 * Issue 20, faults: a purge interrupted between any two steps is finished by the next run without
 * losing the tombstone or leaving an orphan file.
 */

import { createContext, type ServiceContext } from '@aides/services/context';
import type { PurgeStep } from '@aides/services/privacy/purge';
import type { Store } from '@aides/store';
import { s3Client } from '@aides/store/objects';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { nowFromArgs, runRetentionJob } from '../../functions/src/retention/job.ts';
import { createTestStore } from '../support/store.ts';
import { objectsOf, writeDemoDossier } from './demo-set.ts';

let store: Store;
let ctx: ServiceContext;

async function keysUnder(id: string): Promise<string[]> {
  const s3 = await s3Client(store);
  const out: string[] = [];
  for (const Prefix of [`dossiers/${id}/`, `courriers/${id}/`]) {
    const r = await s3.send(new ListObjectsV2Command({ Bucket: store.config.bucketName, Prefix }));
    for (const o of r.Contents ?? []) out.push(o.Key as string);
  }
  return out.sort();
}

async function partition(id: string) {
  const r = await store.ddb.send(
    new QueryCommand({
      TableName: store.config.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `DOSSIER#${id}` },
      ConsistentRead: true,
    }),
  );
  return new Map((r.Items ?? []).map((i) => [String(i.sk), i]));
}

class InjectedFault extends Error {}
const failAfter = (step: PurgeStep) => ({
  after: (s: PurgeStep) => {
    if (s === step) throw new InjectedFault(`panne injectée après « ${step} »`);
  },
});
const runAt = (date: string, step?: PurgeStep) =>
  runRetentionJob(ctx, { now: nowFromArgs(['--now', date]), ...(step ? { faults: failAfter(step) } : {}) });

beforeAll(async () => {
  store = await createTestStore();
  ctx = createContext(store);
});

describe('a purge stopped half-way resumes', () => {
  it.each(['marked', 'objects', 'items'] as const)('refused dossier, fault after « %s »', async (step) => {
    const id = `refused-${step}`;
    await writeDemoDossier(store, {
      id,
      scheme: 'FTE',
      status: 'rejected',
      updatedAt: '2026-02-01T10:00:00.000Z',
      decisionAt: '2026-02-01T10:00:00.000Z',
    });
    const bytes = await s3Client(store).then((s3) =>
      s3.send(
        new GetObjectCommand({
          Bucket: store.config.bucketName,
          Key: `dossiers/${id}/courriers/accuse-reception/v1.pdf`,
        }),
      ),
    );
    expect(await bytes.Body?.transformToString()).toBe(
      objectsOf(id)[`dossiers/${id}/courriers/accuse-reception/v1.pdf`],
    );

    await expect(runAt('2031-02-02', step)).rejects.toBeInstanceOf(InjectedFault);
    // Whatever step failed, the personal fields are already gone and the purge is findable again.
    const meta = (await partition(id)).get('META') as Record<string, unknown>;
    expect(meta.purge).toMatchObject({ state: 'pending', kind: 'tombstone', rule: 'refused' });
    expect(meta.gsi5pk).toBe('RETENTION#purging');
    expect(JSON.stringify(meta)).not.toContain('Dupont');
    expect(meta.reference).toBe(`FTE-2025-${id}`);
    expect(await keysUnder(id)).toEqual(step === 'marked' ? Object.keys(objectsOf(id)).sort() : []);

    const run = await runAt('2031-02-03');
    expect(run.resumed).toEqual([{ id, outcome: 'purged', objectsDeleted: step === 'marked' ? 3 : 0 }]);
    expect(await keysUnder(id)).toEqual([]);
    const items = await partition(id);
    expect([...items.keys()].map((k) => k.replace(/#.*/, ''))).toEqual(['EVENT', 'META']);
    expect(items.get('META')).toMatchObject({
      purge: { state: 'done' },
      reference: `FTE-2025-${id}`,
      communeInsee: '62119',
    });
    expect(items.get('META')?.gsi5pk).toBeUndefined();

    // And once more: nothing to do.
    const again = await runAt('2031-02-04');
    expect(again.resumed).toEqual([]);
    expect(again.purged.filter((r) => r.id === id)).toEqual([]);
  });

  it('a draft stopped after its items are gone is deleted by the next run', async () => {
    const id = 'draft-faulty';
    await writeDemoDossier(store, {
      id,
      scheme: 'TPE',
      status: 'draft',
      updatedAt: '2026-01-01T10:00:00.000Z',
    });
    await runAt('2026-03-20'); // the warning
    await expect(runAt('2026-04-10', 'items')).rejects.toBeInstanceOf(InjectedFault);
    const meta = (await partition(id)).get('META') as Record<string, unknown>;
    expect(meta.purge).toMatchObject({ state: 'pending', kind: 'delete' });
    expect(meta.application).toEqual({});
    expect(await keysUnder(id)).toEqual([]);
    const run = await runAt('2026-04-11');
    expect(run.resumed).toEqual([{ id, outcome: 'deleted', objectsDeleted: 0 }]);
    expect((await partition(id)).size).toBe(0);
  });
});
