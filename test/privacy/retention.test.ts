/**
 * Issue 20, « done when »: a demo set aged through every retention rule with the job's `--now`,
 * checking what remains byte by byte in the bucket and item by item in the table; the past year's
 * report unchanged by its purge; the elimination list purged only after the visa; purging twice
 * harmless; dossiers with a payment in progress or an open appeal never purged.
 */

import type { Caller } from '@aides/services/caller';
import { createContext, type ServiceContext } from '@aides/services/context';
import type { Dossier } from '@aides/services/dossiers/model';
import { accessLogByActor, recordAccess } from '@aides/services/privacy/access-log';
import { approveList, listLists, readList } from '@aides/services/privacy/elimination';
import { yearlyIndicators } from '@aides/services/reports/indicators';
import { listDossierOutbox, type Store } from '@aides/store';
import { s3Client } from '@aides/store/objects';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { nowFromArgs, runRetentionJob } from '../../functions/src/retention/job.ts';
import { createTestStore } from '../support/store.ts';
import { type DemoDossier, objectsOf, writeDemoDossier } from './demo-set.ts';

const admin: Caller = { sub: 'admin-1', name: 'Adèle Admin', email: 'a@example.fr', roles: ['admin'] };
const instructor: Caller = {
  sub: 'instr-1',
  name: 'Inès Tructrice',
  email: 'i@example.fr',
  roles: ['instructor'],
};
const finance: Caller = { sub: 'fin-1', name: 'Fanny Nances', email: 'f@example.fr', roles: ['finance'] };

const DEMO: DemoDossier[] = [
  { id: 'draft-old', scheme: 'FTE', status: 'draft', updatedAt: '2026-01-01T10:00:00.000Z' },
  { id: 'draft-fresh', scheme: 'TPE', status: 'draft', updatedAt: '2026-03-20T10:00:00.000Z' },
  {
    id: 'refused',
    scheme: 'FTE',
    status: 'rejected',
    updatedAt: '2026-02-01T10:00:00.000Z',
    decisionAt: '2026-02-01T10:00:00.000Z',
  },
  {
    id: 'refused-appeal',
    scheme: 'TPE',
    status: 'rejected',
    updatedAt: '2026-02-01T10:00:00.000Z',
    decisionAt: '2026-02-01T10:00:00.000Z',
    appeal: true,
  },
  { id: 'withdrawn', scheme: 'ESS', status: 'withdrawn', updatedAt: '2026-02-01T10:00:00.000Z' },
  // Granted in 2025, balanced or lapsed in January 2026: the 2025 report counts them.
  {
    id: 'paid-fte',
    scheme: 'FTE',
    status: 'paid',
    updatedAt: '2026-01-15T10:00:00.000Z',
    decisionAt: '2025-03-10T10:00:00.000Z',
    granted: { agglomeration: 150_000 },
  },
  {
    id: 'paid-tpe',
    scheme: 'TPE',
    status: 'paid',
    updatedAt: '2026-01-15T10:00:00.000Z',
    decisionAt: '2025-04-10T10:00:00.000Z',
    granted: { agglomeration: 600_000, region: 400_000 },
  },
  {
    id: 'paid-ess',
    scheme: 'ESS',
    status: 'paid',
    updatedAt: '2026-01-15T10:00:00.000Z',
    decisionAt: '2025-05-10T10:00:00.000Z',
    granted: { agglomeration: 1_200_000 },
  },
  {
    id: 'lapsed-habitat',
    scheme: 'HABITAT',
    status: 'lapsed',
    updatedAt: '2026-01-15T10:00:00.000Z',
    decisionAt: '2025-06-10T10:00:00.000Z',
    granted: { anah: 450_000, agglomeration: 50_000 },
  },
  // Inconsistent on purpose (defence in depth): « soldé » yet a commitment still open.
  {
    id: 'paid-open-commitment',
    scheme: 'HABITAT',
    status: 'paid',
    updatedAt: '2026-01-15T10:00:00.000Z',
    decisionAt: '2025-06-10T10:00:00.000Z',
    granted: { anah: 300_000 },
    activeCommitment: true,
  },
  // Under way: a payment in progress, never due whatever the date.
  {
    id: 'partly-paid',
    scheme: 'TPE',
    status: 'partly_paid',
    updatedAt: '2026-01-15T10:00:00.000Z',
    decisionAt: '2025-04-10T10:00:00.000Z',
    granted: { agglomeration: 300_000 },
    activeCommitment: true,
  },
];

let store: Store;
let ctx: ServiceContext;
/** What the bucket held after the demo set was written: key → bytes. */
let initialBucket: Map<string, string>;
const at = (iso: string) => createContext(store, { now: () => new Date(iso) });
/** The job as `scripts/retention.ts --now <date>` runs it. */
const runAt = (date: string) => runRetentionJob(ctx, { now: nowFromArgs(['--now', date]) });

async function bucket(): Promise<Map<string, string>> {
  const s3 = await s3Client(store);
  const out = new Map<string, string>();
  let ContinuationToken: string | undefined;
  do {
    const r = await s3.send(new ListObjectsV2Command({ Bucket: store.config.bucketName, ContinuationToken }));
    for (const o of r.Contents ?? []) {
      const body = await s3.send(new GetObjectCommand({ Bucket: store.config.bucketName, Key: o.Key }));
      out.set(o.Key as string, Buffer.from((await body.Body?.transformToByteArray()) ?? []).toString('utf8'));
    }
    ContinuationToken = r.NextContinuationToken;
  } while (ContinuationToken);
  return out;
}

/** A dossier's partition as stored, sort key → item. */
async function partition(id: string): Promise<Map<string, Record<string, unknown>>> {
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

/** The bucket as it should be when `gone` dossiers have had their objects deleted. */
const expectedBucket = (gone: readonly string[]) =>
  new Map([...initialBucket].filter(([k]) => !gone.some((id) => k.startsWith(`dossiers/${id}/`))));

const PERSONAL = [
  'Dupont',
  'Camille',
  'corons',
  '31250',
  '31 250',
  '1234567890123',
  'Boulangerie',
  'Inès',
  'plafond',
  '12345678901236',
];
const noPersonalData = (item: unknown) => {
  const text = JSON.stringify(item);
  for (const word of PERSONAL)
    expect(text, `« ${word} » resté dans ${text.slice(0, 200)}`).not.toContain(word);
};

const report2025 = async () => {
  const r = await yearlyIndicators(ctx, finance, '2025');
  return { ...r, generatedAt: 'ignoré' };
};
let reportBefore: Awaited<ReturnType<typeof report2025>>;

beforeAll(async () => {
  store = await createTestStore();
  ctx = createContext(store);
  for (const x of DEMO) await writeDemoDossier(store, x);
  // Two staff accesses: one old enough to be purged at the first anniversary, one not.
  await recordAccess(at('2026-01-10T09:00:00.000Z'), instructor, {
    kind: 'open_dossier',
    dossierId: 'refused',
    personSub: 'owner-refused',
    what: 'Dossier FTE-2025-refused',
  });
  await recordAccess(at('2026-06-01T09:00:00.000Z'), instructor, {
    kind: 'open_dossier',
    dossierId: 'paid-fte',
    personSub: 'owner-paid-fte',
    what: 'Dossier FTE-2025-paid-fte',
  });
  initialBucket = await bucket();
  reportBefore = await report2025();
});

describe('the demo set aged through every retention rule', () => {
  it('starts with every object and the report counts the granted dossiers', () => {
    expect(initialBucket.size).toBe(DEMO.length * 3);
    expect(reportBefore.schemes.find((s) => s.scheme === 'TPE')?.approvedFiles).toBe(2);
    expect(reportBefore.ess.womenLed).toBe(1);
    expect(reportBefore.habitat.autonomy.dwellings).toBe(2);
    // Figures that come from the application itself, so the tombstone's extract must keep them.
    expect(reportBefore.tpe.investmentCents).toBe(4_000_000);
    // Two TPE dossiers, each a full-time and a half-time CDI: 1.5 permanent FTE each (issue 16.6).
    expect(reportBefore.tpe.jobs).toBe(3);
    expect(reportBefore.habitat.eligibleWorksCents).toBe(1_800_000);
    // FTE amounts by work type are split by the works on the application.
    expect(
      reportBefore.fte.byWorkType.find((t) => t.type === 'attic_insulation')?.amountCents,
    ).toBeGreaterThan(0);
  });

  it('2026-03-20: the untouched draft is warned (recorded, and its e-mail in the outbox), nothing is deleted', async () => {
    const run = await runAt('2026-03-20');
    expect(run.warned).toEqual(['draft-old']);
    expect(run.draftsDeleted).toEqual([]);
    const meta = (await partition('draft-old')).get('META');
    expect(meta?.retentionWarning).toMatchObject({
      forUpdatedAt: '2026-01-01T10:00:00.000Z',
      deletionDue: '2026-04-03T00:00:00.000Z',
    });
    // The warning did not restart the draft's clock.
    expect(meta?.updatedAt).toBe('2026-01-01T10:00:00.000Z');
    // The e-mail was written with the warning (issue 13§2's outbox, sent by the notifier).
    const mails = await listDossierOutbox<{ kind: string; params: { deletionDue: string } }>(
      store,
      'draft-old',
    );
    expect(mails).toEqual([
      expect.objectContaining({
        kind: 'draft_deletion',
        params: { kind: 'draft_deletion', deletionDue: '2026-04-03T00:00:00.000Z' },
      }),
    ]);
    expect(await bucket()).toEqual(initialBucket);
  });

  it('2026-04-02: three months passed but the warning is not two weeks old: kept', async () => {
    const run = await runAt('2026-04-02');
    expect(run.draftsDeleted).toEqual([]);
    expect((await partition('draft-old')).size).toBeGreaterThan(0);
  });

  it('2026-04-04: the draft is deleted, files and items, nothing left of it', async () => {
    const run = await runAt('2026-04-04');
    expect(run.draftsDeleted).toEqual([{ id: 'draft-old', outcome: 'deleted', objectsDeleted: 3 }]);
    expect((await partition('draft-old')).size).toBe(0);
    expect(await bucket()).toEqual(expectedBucket(['draft-old']));
    // The other draft was touched since: its own clock.
    expect((await partition('draft-fresh')).get('META')?.status).toBe('draft');
  });

  it('2027-02-01: the access log keeps one year; the fresh draft gets its warning', async () => {
    const run = await runAt('2027-02-01');
    expect(run.accessEventsDeleted).toBe(1);
    const left = await accessLogByActor(ctx, admin, instructor.sub);
    expect(left.items.map((e) => e.dossierId)).toEqual(['paid-fte']);
    expect(run.warned).toEqual(['draft-fresh']);
    expect(run.draftsDeleted).toEqual([]);
  });

  it('2031-02-02: refused and withdrawn dossiers purged to tombstones; the open appeal blocks its own', async () => {
    const run = await runAt('2031-02-02');
    expect(run.draftsDeleted.map((r) => r.id)).toEqual(['draft-fresh']);
    expect(run.purged.map((r) => r.id).sort()).toEqual(['refused', 'withdrawn']);
    expect(run.blocked).toEqual([{ id: 'refused-appeal', blockers: ['open_appeal'] }]);
    for (const id of ['refused', 'withdrawn']) {
      const items = await partition(id);
      // Only the tombstone and the purge's own audit event remain.
      expect([...items.keys()].map((k) => k.replace(/#.*/, ''))).toEqual(['EVENT', 'META']);
      const meta = items.get('META') as Record<string, unknown>;
      expect(meta).toMatchObject({
        reference: expect.stringContaining(id),
        scheme: expect.any(String),
        communeInsee: '62119',
        purge: { state: 'done', objectsDeleted: 3 },
      });
      expect(meta.gsi1pk).toBeDefined(); // still in its scheme's queue (the report reads it)
      expect(meta.gsi3pk).toBeUndefined(); // no longer on the applicant's list
      expect(meta.gsi5pk).toBeUndefined(); // no longer due
      noPersonalData(meta);
      const event = [...items.values()].find((i) => i.type === 'event');
      expect(event).toMatchObject({ action: 'purge', actorSub: 'systeme:conservation' });
    }
    expect((await partition('refused-appeal')).get('META')?.ownerName).toBe('Camille Dupont-Lefebvre');
    expect(await bucket()).toEqual(expectedBucket(['draft-old', 'draft-fresh', 'refused', 'withdrawn']));
  });

  it('2036-01-16: granted dossiers go on an elimination list; nothing is purged without the visa', async () => {
    const run = await runAt('2036-01-16');
    expect(run.listed?.dossierIds.sort()).toEqual([
      'lapsed-habitat',
      'paid-ess',
      'paid-fte',
      'paid-open-commitment',
      'paid-tpe',
    ]);
    expect(run.purged).toEqual([]);
    const again = await runAt('2036-01-20');
    expect(again.listed).toBeUndefined(); // listed once
    expect(again.purged).toEqual([]);
    expect(await bucket()).toEqual(expectedBucket(['draft-old', 'draft-fresh', 'refused', 'withdrawn']));
    const [list] = await listLists(ctx, admin);
    expect(list).toMatchObject({ status: 'proposed', count: 5 });
    const { entries } = await readList(ctx, admin, list?.id as string);
    expect(entries.find((e) => e.dossierId === 'paid-tpe')).toMatchObject({
      totalGrantedCents: 1_000_000,
      status: 'paid',
    });
  });

  it('after the visa: purged with the visa in the audit trail, except the one with a payment in progress; the 2025 report is unchanged', async () => {
    const [list] = await listLists(ctx, admin);
    const listId = list?.id as string;
    await expect(
      approveList(at('2036-02-01T08:00:00.000Z'), admin, listId, { visaReference: '', visaDate: 'x' }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      approveList(ctx, instructor, listId, { visaReference: 'AD62-2036-017', visaDate: '2036-01-30' }),
    ).rejects.toMatchObject({ status: 403 });
    const approved = await approveList(at('2036-02-01T08:00:00.000Z'), admin, listId, {
      visaReference: 'AD62-2036-017',
      visaDate: '2036-01-30',
    });
    expect(approved).toMatchObject({
      status: 'approved',
      approvedBy: 'admin-1',
      visaReference: 'AD62-2036-017',
    });
    await expect(
      approveList(ctx, admin, listId, { visaReference: 'AD62-2036-018', visaDate: '2036-01-30' }),
    ).rejects.toMatchObject({ status: 409 });

    const run = await runAt('2036-02-02');
    expect(run.purged.map((r) => r.id).sort()).toEqual([
      'lapsed-habitat',
      'paid-ess',
      'paid-fte',
      'paid-tpe',
    ]);
    expect(run.blocked).toEqual(
      expect.arrayContaining([{ id: 'paid-open-commitment', blockers: ['payment_in_progress'] }]),
    );
    expect(run.listsPurged).toEqual([]); // one entry still blocked: the list stays open
    for (const id of ['paid-fte', 'paid-tpe', 'paid-ess', 'lapsed-habitat']) {
      const items = await partition(id);
      const meta = items.get('META') as Record<string, unknown>;
      expect(meta.purge).toMatchObject({
        state: 'done',
        visaReference: 'AD62-2036-017',
        eliminationListId: listId,
      });
      noPersonalData(meta);
      // Commitments and payments stay for the accounts, without the beneficiary's name.
      for (const [sk, item] of items) {
        if (sk === 'META') continue;
        expect(['commitment', 'payment', 'event']).toContain(item.type);
        if (item.type === 'event')
          expect(item).toMatchObject({ action: 'purge', detail: expect.stringContaining('AD62-2036-017') });
        else {
          expect(item.beneficiary).toBeUndefined();
          expect(item.amountCents).toBeGreaterThan(0);
        }
      }
    }
    expect(await bucket()).toEqual(
      expectedBucket([
        'draft-old',
        'draft-fresh',
        'refused',
        'withdrawn',
        'paid-fte',
        'paid-tpe',
        'paid-ess',
        'lapsed-habitat',
      ]),
    );
    // Under way or blocked: every byte still there.
    for (const id of ['refused-appeal', 'paid-open-commitment', 'partly-paid'])
      for (const [k, v] of Object.entries(objectsOf(id))) expect((await bucket()).get(k)).toBe(v);

    expect(await report2025()).toEqual(reportBefore);
  });

  it('purging twice is harmless: a later run changes nothing', async () => {
    const before = await bucket();
    const snapshot = await Promise.all(['paid-fte', 'refused'].map(partition));
    const run = await runAt('2040-01-01');
    expect(run.purged.filter((r) => r.outcome === 'purged')).toEqual([]);
    expect(run.listed).toBeUndefined();
    expect(await bucket()).toEqual(before);
    expect(await Promise.all(['paid-fte', 'refused'].map(partition))).toEqual(snapshot);
    expect(await report2025()).toEqual(reportBefore);
  });

  it('a dossier still under way (payment in progress) is never even looked at', async () => {
    const meta = (await partition('partly-paid')).get('META') as Dossier & Record<string, unknown>;
    expect(meta.status).toBe('partly_paid');
    expect(meta.gsi5pk).toBeUndefined();
    expect(meta.ownerName).toBe('Camille Dupont-Lefebvre');
  });
});
