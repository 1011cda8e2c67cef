import { getItem, keys } from '@aides/store';
import { headObject, objectKeys } from '@aides/store/objects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../support/api-client.ts';
import { createHttpTestApi } from '../support/http-api.ts';
import { HOUSEHOLD, INSTRUCTOR, postToS3, readyDraft } from './fixtures.ts';

/**
 * What was confirmed is what is served, for ever; a grant is only good in the upload window it
 * was made in; the stored size is the declared one; file names are cleaned. Every call goes
 * through real HTTP: the API on a loopback port, the uploads to s3rver with the presigned POST.
 */
let api: Awaited<ReturnType<typeof createHttpTestApi>>;
beforeAll(async () => {
  api = await createHttpTestApi();
});
afterAll(async () => {
  await api?.close();
});

const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(4000, 0x41)]);

const grant = (id: string, o: { size: number; fileName?: string; documentType?: string }) =>
  api.call(HOUSEHOLD, 'POST', `/api/dossiers/${id}/attachments`, {
    documentType: o.documentType ?? 'quote',
    fileName: o.fileName ?? 'devis.pdf',
    contentType: 'application/pdf',
    size: o.size,
  });
const confirm = (id: string, aid: string) =>
  api.call(HOUSEHOLD, 'POST', `/api/dossiers/${id}/attachments/${aid}/confirm`);
const attachmentOf = async (id: string, aid: string) =>
  ((await api.call(HOUSEHOLD, 'GET', `/api/dossiers/${id}/attachments`)).body.items as { id: string }[]).find(
    (a) => a.id === aid,
  ) as Record<string, unknown> | undefined;

/** Downloads an attachment as its owner: the link the API gives, then the bytes S3 serves. */
async function download(id: string, aid: string) {
  const link = await api.call(HOUSEHOLD, 'GET', `/api/dossiers/${id}/attachments/${aid}/download`);
  expect(link.status, JSON.stringify(link.body)).toBe(200);
  const res = await fetch(link.body.url);
  expect(res.status).toBe(200);
  return { bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

async function expectNeverServed(id: string, aid: string) {
  const dl = await api.call(HOUSEHOLD, 'GET', `/api/dossiers/${id}/attachments/${aid}/download`);
  expect([404, 409]).toContain(dl.status);
  expect(dl.body.url).toBeUndefined();
}

describe('a confirmed attachment cannot be replaced', () => {
  it('re-posting other bytes with the same presigned fields after confirm changes nothing served', async () => {
    const { id } = await readyDraft(api.ctx);
    const original = samplePdf(4096);
    const g = await grant(id, { size: original.length });
    expect(g.status).toBe(201);
    const aid = g.body.attachment.id as string;
    await postToS3(g.body.upload, original, 'application/pdf');
    const ok = await confirm(id, aid);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await download(id, aid)).bytes.equals(original)).toBe(true);

    // The presigned POST is still valid for its 15 minutes; s3rver (like S3 within the policy)
    // accepts the new bytes at the upload key.
    await postToS3(g.body.upload, EXE, 'application/pdf');
    const after = await download(id, aid);
    expect(after.bytes.subarray(0, 2).toString()).toBe('%P');
    expect(after.bytes.equals(original)).toBe(true);
    expect(after.headers.get('content-type')).toBe('application/pdf');
    // A second confirm does not re-read the upload key either.
    expect((await confirm(id, aid)).status).toBe(200);
    expect((await download(id, aid)).bytes.equals(original)).toBe(true);
    const listed = await attachmentOf(id, aid);
    expect(listed).toMatchObject({ status: 'available', size: original.length });
  });
});

describe('a grant is only good in the upload window it was made in', () => {
  it('a draft’s grant used after submit and withdrawal is refused at confirm, and never served', async () => {
    const d = await readyDraft(api.ctx);
    const file = samplePdf(4096);
    const g = await grant(d.id, { size: file.length, documentType: 'invoice' });
    expect(g.status).toBe(201);
    const aid = g.body.attachment.id as string;
    const submitted = await api.call(HOUSEHOLD, 'POST', `/api/dossiers/${d.id}/submit`, undefined, {
      ...(await api.withMatch(HOUSEHOLD, d.id)),
      'idempotency-key': `k-${aid}`,
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const withdrawn = await api.call(
      HOUSEHOLD,
      'POST',
      `/api/dossiers/${d.id}/withdraw`,
      { reason: 'Projet abandonné.' },
      await api.withMatch(HOUSEHOLD, d.id),
    );
    expect(withdrawn.body.status).toBe('withdrawn');
    await postToS3(g.body.upload, file, 'application/pdf');
    const late = await confirm(d.id, aid);
    expect(late.status, JSON.stringify(late.body)).toBe(409);
    expect(late.headers.get('content-type')).toContain('application/problem+json');
    expect(late.body.detail).toMatch(/ne vaut plus/);
    expect((await getItem(api.store, keys.attachment(d.id, aid)))?.status).toBe('rejected');
    expect(await headObject(api.store, objectKeys.attachment(d.id, aid))).toBeUndefined();
    await expectNeverServed(d.id, aid);
  });

  it('a draft’s grant is not good for a later request for documents either', async () => {
    const d = await readyDraft(api.ctx);
    const file = samplePdf(4096);
    const g = await grant(d.id, { size: file.length, documentType: 'tax_notice' });
    const aid = g.body.attachment.id as string;
    await api.call(HOUSEHOLD, 'POST', `/api/dossiers/${d.id}/submit`, undefined, {
      ...(await api.withMatch(HOUSEHOLD, d.id)),
      'idempotency-key': `k-${aid}`,
    });
    await api.call(
      INSTRUCTOR,
      'POST',
      `/api/dossiers/${d.id}/assign`,
      {},
      await api.withMatch(INSTRUCTOR, d.id),
    );
    const asked = await api.call(
      INSTRUCTOR,
      'POST',
      `/api/dossiers/${d.id}/request-documents`,
      { message: 'Merci de joindre l’avis d’imposition complet.' },
      await api.withMatch(INSTRUCTOR, d.id),
    );
    expect(asked.body.status).toBe('awaiting_documents');
    await postToS3(g.body.upload, file, 'application/pdf');
    expect((await confirm(d.id, aid)).status).toBe(409);
    await expectNeverServed(d.id, aid);
    // A grant made now, for this request, works.
    const fresh = await api.upload(HOUSEHOLD, d.id, 'tax_notice', file);
    expect(fresh.confirm?.status, JSON.stringify(fresh.confirm?.body)).toBe(200);
  });
});

describe('the stored size is the declared size', () => {
  it.each([
    ['larger than declared (200 B declared, 2 MB stored)', 200, 2 * 1024 * 1024],
    ['smaller than declared', 5000, 4096],
  ])('%s: refused at confirm, deleted, never served', async (_case, declared, stored) => {
    const { id } = await readyDraft(api.ctx);
    const g = await grant(id, { size: declared });
    expect(g.status).toBe(201);
    const aid = g.body.attachment.id as string;
    await postToS3(g.body.upload, samplePdf(stored), 'application/pdf');
    const r = await confirm(id, aid);
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.detail).toContain(`(${stored} octets)`);
    expect((await getItem(api.store, keys.attachment(id, aid)))?.status).toBe('rejected');
    await expectNeverServed(id, aid);
  });
});

describe('file names are cleaned when the grant is made', () => {
  it.each([
    ['a right-to-left override', 'facture\u202Efdp.exe', 'facturefdp.exe.pdf'],
    ['bidi isolates and a zero-width space', '\u2066devis\u2069\u200B.pdf', 'devis.pdf'],
    ['dot-dot runs', '..devis..pdf', 'devis.pdf'],
    ['path parts', '../../etc/passwd', 'passwd.pdf'],
    ['Windows path parts', '..\\..\\Windows\\devis.PDF', 'devis.PDF'],
    ['control characters', 'de\u0000vi\u0007s\u0085.pdf', 'devis.pdf'],
  ])('%s: stored, listed and downloaded as a plain name', async (_case, raw, expected) => {
    const { id } = await readyDraft(api.ctx);
    const file = samplePdf(2048);
    const g = await grant(id, { size: file.length, fileName: raw });
    expect(g.status, JSON.stringify(g.body)).toBe(201);
    expect(g.body.attachment.fileName).toBe(expected);
    const aid = g.body.attachment.id as string;
    await postToS3(g.body.upload, file, 'application/pdf');
    expect((await confirm(id, aid)).status).toBe(200);
    expect((await attachmentOf(id, aid))?.fileName).toBe(expected);
    const { headers } = await download(id, aid);
    const disposition = headers.get('content-disposition') ?? '';
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(expected)}`);
    expect(disposition).not.toMatch(/%E2%80%AE|\.\.|%2F|%5C/i);
  });

  it('a name with nothing nameable left is refused (400), and no grant is made', async () => {
    const { id } = await readyDraft(api.ctx);
    for (const fileName of ['..', '../..', '\u202E\u202E', '/']) {
      const r = await grant(id, { size: 2048, fileName });
      expect(r.status, fileName).toBe(400);
      expect(r.body.errors[0].pointer).toBe('/fileName');
    }
  });
});
