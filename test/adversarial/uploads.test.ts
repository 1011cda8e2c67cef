import { getItem, keys } from '@aides/store';
import { headObject, objectKeys } from '@aides/store/objects';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../support/api.ts';
import { samplePdf } from '../support/api-client.ts';
import { HOUSEHOLD, OTHER_APPLICANT, postToS3, readyDraft } from './fixtures.ts';

/**
 * s3rver does not enforce presigned POST policies, so every hostile file reaches the bucket here:
 * the confirm step is the defence. Each case must be refused (422), marked rejected, its object
 * deleted, and never served (download 409/404, never a URL).
 */
let api: Awaited<ReturnType<typeof createTestApi>>;
let dossierId: string;
beforeAll(async () => {
  api = await createTestApi();
  dossierId = (await readyDraft(api.ctx)).id;
});

const grant = (
  as: string,
  id: string,
  o: { contentType?: string; size?: number; documentType?: string } = {},
) =>
  api.call(as, 'POST', `/api/dossiers/${id}/attachments`, {
    documentType: o.documentType ?? 'quote',
    fileName: 'devis.pdf',
    contentType: (o.contentType ?? 'application/pdf') as 'application/pdf',
    size: o.size ?? 4096,
  });

async function expectRefusedAndUnserved(id: string, aid: string) {
  const confirm = await api.call(HOUSEHOLD, 'POST', `/api/dossiers/${id}/attachments/${aid}/confirm`);
  expect(confirm.status, JSON.stringify(confirm.body)).toBe(422);
  expect(confirm.headers.get('content-type')).toContain('application/problem+json');
  const item = await getItem(api.store, keys.attachment(id, aid));
  expect(item?.status).toBe('rejected');
  expect(await headObject(api.store, objectKeys.attachment(id, aid))).toBeUndefined();
  const again = await api.call(HOUSEHOLD, 'POST', `/api/dossiers/${id}/attachments/${aid}/confirm`);
  expect(again.status).toBe(422);
  for (const who of [HOUSEHOLD, 'demo-instructrice']) {
    const dl = await api.call(who, 'GET', `/api/dossiers/${id}/attachments/${aid}/download`);
    expect([404, 409]).toContain(dl.status);
    expect(dl.body.url).toBeUndefined();
    expect(JSON.stringify(dl.body)).not.toContain('X-Amz-Signature');
  }
}

describe('uploads', () => {
  it('oversize file (policy not enforced locally): refused at confirm, deleted, never served', async () => {
    const g = await grant(HOUSEHOLD, dossierId);
    expect(g.status).toBe(201);
    await postToS3(g.body.upload, samplePdf(30 * 1024 * 1024), 'application/pdf');
    await expectRefusedAndUnserved(dossierId, g.body.attachment.id);
  }, 60_000);

  it('declared size or type out of range is refused before any grant', async () => {
    expect((await grant(HOUSEHOLD, dossierId, { size: 500 * 1024 * 1024 })).status).toBe(400);
    expect((await grant(HOUSEHOLD, dossierId, { size: 0 })).status).toBe(400);
    for (const contentType of [
      'application/x-msdownload',
      'text/html',
      'image/svg+xml',
      'application/octet-stream',
    ]) {
      const r = await grant(HOUSEHOLD, dossierId, { contentType });
      expect(r.status, contentType).toBe(400);
      expect(JSON.stringify(r.body)).not.toContain('upload');
    }
  });

  it('wrong declared type: a PDF sent as image/png is refused', async () => {
    const g = await grant(HOUSEHOLD, dossierId, { contentType: 'image/png' });
    expect(g.status).toBe(201);
    await postToS3(g.body.upload, samplePdf(4096), 'image/png', 'devis.png');
    await expectRefusedAndUnserved(dossierId, g.body.attachment.id);
  });

  it('a .pdf whose bytes are something else (executable, HTML, ZIP, empty header) is refused', async () => {
    const fakes = [
      Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(4000, 1)]),
      Buffer.concat([Buffer.from('<html><script>alert(1)</script>'), Buffer.alloc(4000, 0x20)]),
      Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(4000, 0)]),
      Buffer.concat([Buffer.from(' %PDF-1.7'), Buffer.alloc(4000, 0x20)]),
    ];
    for (const file of fakes) {
      const g = await grant(HOUSEHOLD, dossierId);
      await postToS3(g.body.upload, file, 'application/pdf');
      await expectRefusedAndUnserved(dossierId, g.body.attachment.id);
    }
  });

  it('someone else’s dossier or attachment key: 404, nothing confirmed or served', async () => {
    const g = await grant(HOUSEHOLD, dossierId);
    await postToS3(g.body.upload, samplePdf(4096), 'application/pdf');
    const aid = g.body.attachment.id as string;
    expect((await grant(OTHER_APPLICANT, dossierId)).status).toBe(404);
    expect(
      (await api.call(OTHER_APPLICANT, 'POST', `/api/dossiers/${dossierId}/attachments/${aid}/confirm`))
        .status,
    ).toBe(404);
    expect(
      (await api.call(OTHER_APPLICANT, 'GET', `/api/dossiers/${dossierId}/attachments/${aid}/download`))
        .status,
    ).toBe(404);
    expect(
      (await api.call(OTHER_APPLICANT, 'DELETE', `/api/dossiers/${dossierId}/attachments/${aid}`)).status,
    ).toBe(404);
    // The other applicant's own dossier cannot reach this attachment through its id either.
    const theirs = await readyDraft(api.ctx, OTHER_APPLICANT);
    expect(
      (await api.call(OTHER_APPLICANT, 'POST', `/api/dossiers/${theirs.id}/attachments/${aid}/confirm`))
        .status,
    ).toBe(404);
    expect(
      (await api.call(OTHER_APPLICANT, 'GET', `/api/dossiers/${theirs.id}/attachments/${aid}/download`))
        .status,
    ).toBe(404);
    expect((await getItem(api.store, keys.attachment(dossierId, aid)))?.status).toBe('pending');
    // Path tricks in the attachment id.
    for (const bad of ['..%2F..%2Fexports', '%2e%2e', 'a'.repeat(200)]) {
      const r = await api.call(HOUSEHOLD, 'GET', `/api/dossiers/${dossierId}/attachments/${bad}/download`);
      expect(r.status).toBe(404);
    }
    // The owner can still confirm it: the attempts changed nothing.
    expect(
      (await api.call(HOUSEHOLD, 'POST', `/api/dossiers/${dossierId}/attachments/${aid}/confirm`)).status,
    ).toBe(200);
  });

  it('expired policy: a file that arrives after the grant expired is refused; so is a confirm with no file', async () => {
    for (const withFile of [true, false]) {
      const g = await grant(HOUSEHOLD, dossierId);
      const aid = g.body.attachment.id as string;
      const item = (await getItem(api.store, keys.attachment(dossierId, aid))) as Record<string, unknown>;
      // The grant expired ten minutes ago (same item, earlier expiry, as the service writes it).
      const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
      await api.store.ddb.send(
        new PutCommand({
          TableName: api.store.config.tableName,
          Item: { ...item, uploadExpiresAt: new Date(Date.now() - 600_000).toISOString() },
        }),
      );
      if (withFile) await postToS3(g.body.upload, samplePdf(4096), 'application/pdf');
      await expectRefusedAndUnserved(dossierId, aid);
    }
  });
});
