import { createContext } from '@aides/services/context';
import { backfillIndexes } from '@aides/services/maintenance/backfill-indexes';
import type { Store } from '@aides/store';
import { queryAudit } from '@aides/store/admin';
import { dossiersDueForRetention } from '@aides/store/privacy';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../support/store.ts';

/**
 * A table that ran wave 1 holds dossiers without a byRetention entry and events without audit-log
 * entries: the retention job and the audit log, which only Query those indexes, never see them.
 * The migration adds them, once.
 */
let store: Store;

// Items as wave 1 wrote them: keys and the byOwner/byStatus entries, nothing of issues 15 and 20.
const oldDraft = {
  pk: 'DOSSIER#old-draft',
  sk: 'META',
  type: 'dossier',
  id: 'old-draft',
  scheme: 'FTE',
  status: 'draft',
  ownerSub: 'old-owner',
  createdAt: '2024-01-10T09:00:00.000Z',
  updatedAt: '2024-01-12T09:00:00.000Z',
  version: 3,
};
const oldGranted = { ...oldDraft, pk: 'DOSSIER#old-granted', id: 'old-granted', status: 'granted' };
const oldEvent = {
  pk: 'DOSSIER#old-draft',
  sk: 'EVENT#2024-01-12T09:00:00.000Z#ev1',
  type: 'event',
  id: 'ev1',
  dossierId: 'old-draft',
  at: '2024-01-12T09:00:00.000Z',
  actorSub: 'demo-instructrice',
  action: 'note',
};

beforeAll(async () => {
  store = await createTestStore();
  for (const Item of [oldDraft, oldGranted, oldEvent])
    await store.ddb.send(new PutCommand({ TableName: store.config.tableName, Item }));
});

const dueDrafts = async () =>
  (await dossiersDueForRetention<{ id: string }>(store, 'draft', '2030-01-01')).items.map((d) => d.id);
const byActor = async () =>
  (
    await queryAudit(store, {
      actorSub: 'demo-instructrice',
      from: '2024-01-01',
      to: '2024-12-31',
      limit: 10,
    })
  ).items.map((e) => e.id);

describe('Index backfill for items written before issues 15 and 20', () => {
  it('makes an old draft visible to the retention job and an old event to the audit log, once', async () => {
    expect(await dueDrafts()).toEqual([]);
    expect(await byActor()).toEqual([]);

    const first = await backfillIndexes(createContext(store));
    expect(first).toMatchObject({ dossiers: 1, events: 1, skipped: 0 });
    expect(first.scanned).toBeGreaterThanOrEqual(3);
    expect(await dueDrafts()).toEqual(['old-draft']);
    expect(await byActor()).toEqual(['ev1']);

    // A granted dossier waits for no retention clock: nothing added. A second run adds nothing.
    const second = await backfillIndexes(createContext(store));
    expect(second).toMatchObject({ dossiers: 0, events: 0, skipped: 0 });
  });
});
