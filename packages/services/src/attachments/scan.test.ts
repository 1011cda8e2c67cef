import { fteApplication } from '@aides/domain/testing/fixtures';
import { getItem, keys } from '@aides/store';
import { objectKeys, s3Client } from '@aides/store/objects';
import { PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../../../../test/support/store.ts';
import { createContext } from '../context.ts';
import { createDraft } from '../dossiers/applications.ts';
import { confirmUpload, downloadUrl, requestUpload } from './files.ts';

const owner = { sub: 'owner-1', name: 'Camille', email: 'c@example.fr', roles: ['applicant' as const] };
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 0x20)]);

async function uploaded(scanner: 'guardduty' | 'none') {
  const store = await createTestStore();
  const ctx = createContext(store, { scanner });
  const { filingDate: _f, ...application } = fteApplication();
  const d = await createDraft(ctx, owner, { scheme: 'FTE', application });
  const grant = await requestUpload(ctx, owner, d.id, {
    documentType: 'quote',
    fileName: 'devis.pdf',
    contentType: 'application/pdf',
    size: pdf.length,
  });
  const post = async (bytes: Uint8Array) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(grant.upload.fields)) form.append(k, v);
    form.append(
      'file',
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
      'devis.pdf',
    );
    expect((await fetch(grant.upload.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  };
  await post(pdf);
  await confirmUpload(ctx, owner, d.id, grant.attachment.id);
  // GuardDuty tags the confirmed copy (a new object under its protected prefix) that is served.
  const item = await getItem(store, keys.attachment(d.id, grant.attachment.id));
  const storedKey = String(item?.storedKey);
  const tagKey = async (Key: string, Value: string) =>
    (await s3Client(store)).send(
      new PutObjectTaggingCommand({
        Bucket: store.config.bucketName,
        Key,
        Tagging: { TagSet: [{ Key: 'GuardDutyMalwareScanStatus', Value }] },
      }),
    );
  const tag = (Value: string) => tagKey(storedKey, Value);
  const uploadKey = objectKeys.attachment(d.id, grant.attachment.id);
  return { download: () => downloadUrl(ctx, owner, d.id, grant.attachment.id), tag, tagKey, post, uploadKey };
}

describe('malware scan status', () => {
  it('locally (no scanner) says so plainly and serves the file', async () => {
    const { download } = await uploaded('none');
    const r = await download();
    expect(r.scanStatus).toBe('not_scanned');
    expect(r.scanStatusLabel).toMatch(/aucun antivirus/);
  });

  it('with GuardDuty, refuses downloads until the object is tagged clean', async () => {
    const { download, tag } = await uploaded('guardduty');
    await expect(download()).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/en cours/),
    });
    await tag('NO_THREATS_FOUND');
    const r = await download();
    expect(r.scanStatus).toBe('clean');
    expect(r.url).toMatch(/^http/);
  });

  it('with GuardDuty, never serves an infected file', async () => {
    const { download, tag } = await uploaded('guardduty');
    await tag('THREATS_FOUND');
    await expect(download()).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/Menace détectée/),
    });
    await tag('NO_THREATS_FOUND');
    // The infected verdict was kept: a later tag change does not make it downloadable.
    await expect(download()).rejects.toMatchObject({ status: 409 });
  });

  it('with GuardDuty, reads the verdict of the confirmed copy, not of bytes re-posted to the upload key', async () => {
    const { download, tag, tagKey, post, uploadKey } = await uploaded('guardduty');
    await tag('THREATS_FOUND');
    // The grant is still valid: other bytes land at the upload key and are scanned clean.
    await post(Buffer.concat([Buffer.from('%PDF-1.7\n% autre\n'), Buffer.alloc(483, 0x20)]));
    await tagKey(uploadKey, 'NO_THREATS_FOUND');
    await expect(download()).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/Menace détectée/),
    });
  });
});
