import { fteApplication } from '@aides/domain/testing/fixtures';
import { createContext, type ServiceContext } from '@aides/services/context';
import { createDraft } from '@aides/services/dossiers/applications';
import { issueLetter, sha256Hex } from '@aides/services/letters/issue';
import { TEMPLATE_VERSIONS } from '@aides/services/letters/model';
import { listDossierEvents, listDossierLetterRecords } from '@aides/store';
import { s3Client } from '@aides/store/objects';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from './support/stack.ts';
import { callerOf, seedSubmitted } from './support/web-harness.ts';

// issueLetter itself: once whatever the concurrency, the stored bytes whatever the template
// version becomes, an altered object refused rather than served, nothing for other people.

let ctx: ServiceContext;
beforeAll(async () => {
  ctx = createContext(await createTestStore());
});
const household = callerOf('demo-menage');
const original = TEMPLATE_VERSIONS.acknowledgement;
afterEach(() => {
  TEMPLATE_VERSIONS.acknowledgement = original;
});

describe('issueLetter', () => {
  it('issues once under concurrent downloads: one record, one audit event, the same bytes for all', async () => {
    const id = await seedSubmitted(ctx, 'FTE');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        issueLetter(ctx, i % 2 ? callerOf('demo-instructrice') : household, id, 'accuse-reception'),
      ),
    );
    const first = Buffer.from(results[0]?.bytes ?? []);
    for (const r of results) expect(Buffer.from(r.bytes).equals(first)).toBe(true);
    const records = await listDossierLetterRecords<{ sha256: string }>(ctx.store, id);
    expect(records).toEqual([expect.objectContaining({ sha256: sha256Hex(first) })]);
    const events = (await listDossierEvents<{ action: string; sha256?: string }>(ctx.store, id)).filter(
      (e) => e.action === 'issue_letter',
    );
    expect(events).toEqual([expect.objectContaining({ sha256: sha256Hex(first) })]);
  });

  it('keeps serving the stored bytes after the template version changes; new letters use the new one', async () => {
    const id = await seedSubmitted(ctx, 'FTE');
    const before = await issueLetter(ctx, household, id, 'accuse-reception');
    TEMPLATE_VERSIONS.acknowledgement = '2099.9';
    const after = await issueLetter(ctx, household, id, 'accuse-reception');
    expect(Buffer.from(after.bytes).equals(Buffer.from(before.bytes))).toBe(true);
    expect(after.record.templateVersion).toBe(original);
    const other = await seedSubmitted(ctx, 'FTE');
    const fresh = await issueLetter(ctx, household, other, 'accuse-reception');
    expect(fresh.record.templateVersion).toBe('2099.9');
    expect(fresh.record.objectKey).toBe(`dossiers/${other}/courriers/accuse-reception/v2099.9.pdf`);
  });

  it('refuses to serve a stored object that no longer matches its checksum', async () => {
    const id = await seedSubmitted(ctx, 'FTE');
    const { record } = await issueLetter(ctx, household, id, 'accuse-reception');
    const s3 = await s3Client(ctx.store);
    await s3.send(
      new PutObjectCommand({
        Bucket: ctx.store.config.bucketName,
        Key: record.objectKey,
        Body: Buffer.from('%PDF-faux'),
      }),
    );
    await expect(issueLetter(ctx, household, id, 'accuse-reception')).rejects.toThrow(/altéré/);
  });

  it('answers 404 for somebody else’s dossier, a draft, or an event that did not happen', async () => {
    const id = await seedSubmitted(ctx, 'FTE');
    await expect(issueLetter(ctx, callerOf('demo-entreprise'), id, 'accuse-reception')).rejects.toMatchObject(
      {
        status: 404,
      },
    );
    const { filingDate: _f, ...application } = fteApplication();
    const draft = await createDraft(ctx, household, { scheme: 'FTE', application });
    await expect(issueLetter(ctx, household, draft.id, 'accuse-reception')).rejects.toMatchObject({
      status: 404,
    });
    await expect(issueLetter(ctx, household, id, `decision-${id}`)).rejects.toMatchObject({ status: 404 });
    await expect(issueLetter(ctx, household, id, 'paiement-inconnu')).rejects.toMatchObject({ status: 404 });
    expect(await listDossierLetterRecords(ctx.store, draft.id)).toEqual([]);
  });
});
