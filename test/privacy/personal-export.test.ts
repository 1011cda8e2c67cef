/**
 * Issue 20 §3: the applicant's export opens — a ZIP whose JSON parses, whose PDFs load and carry
 * the dossier's text, with their files and letters byte for byte, and nobody else's dossier.
 */

import type { Caller } from '@aides/services/caller';
import { createContext, type ServiceContext } from '@aides/services/context';
import { accessLogOfPerson } from '@aides/services/privacy/access-log';
import { exportMyData, exportPersonData } from '@aides/services/privacy/personal-export';
import type { Store } from '@aides/store';
import { getObjectStream } from '@aides/store/objects';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfText as readPdf } from '../support/pdf-text.ts';
import { createTestStore } from '../support/store.ts';
import { objectsOf, writeDemoDossier } from './demo-set.ts';

let store: Store;
let ctx: ServiceContext;
const person: Caller = {
  sub: 'person-1',
  name: 'Camille Dupont-Lefebvre',
  email: 'c@example.fr',
  roles: ['applicant'],
};
const admin: Caller = { sub: 'admin-1', name: 'Adèle Admin', email: 'a@example.fr', roles: ['admin'] };

/** The text a reader sees (pdf.js, as the official documents' tests read them). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await readPdf(bytes)).text;
}

async function openZip(key: string) {
  const body = await getObjectStream(store, key);
  return JSZip.loadAsync(Buffer.from((await body?.transformToByteArray()) ?? []));
}

beforeAll(async () => {
  store = await createTestStore();
  ctx = createContext(store);
  await writeDemoDossier(store, {
    id: 'mine-fte',
    scheme: 'FTE',
    status: 'paid',
    updatedAt: '2026-01-15T10:00:00.000Z',
    decisionAt: '2025-03-10T10:00:00.000Z',
    granted: { agglomeration: 150_000 },
    ownerSub: person.sub,
  });
  await writeDemoDossier(store, {
    id: 'mine-draft',
    scheme: 'TPE',
    status: 'draft',
    updatedAt: '2026-03-01T10:00:00.000Z',
    ownerSub: person.sub,
  });
  await writeDemoDossier(store, {
    id: 'someone-else',
    scheme: 'ESS',
    status: 'rejected',
    updatedAt: '2026-02-01T10:00:00.000Z',
    decisionAt: '2026-02-01T10:00:00.000Z',
  });
});

describe('a person’s export (RGPD art. 15)', () => {
  it('the applicant’s ZIP opens: JSON parses, PDFs load with the dossier’s text, files and letters byte for byte', async () => {
    const r = await exportMyData(ctx, person);
    expect(r.dossiers).toBe(2);
    expect(r.url).toContain('exports/donnees-personnelles/');
    const zip = await openZip(r.key);
    const names = Object.keys(zip.files)
      .filter((n) => !zip.files[n]?.dir)
      .sort();
    expect(names).toContain('LISEZMOI.txt');
    expect(names).toContain('dossiers/FTE-2025-mine-fte/dossier.json');
    expect(names).toContain('dossiers/FTE-2025-mine-fte/dossier.pdf');
    expect(names.some((n) => n.includes('someone-else'))).toBe(false);

    const json = JSON.parse(await zip.file('dossiers/FTE-2025-mine-fte/dossier.json')!.async('string'));
    expect(json.dossier).toMatchObject({ reference: 'FTE-2025-mine-fte', status: 'paid' });
    expect(json.dossier.application.applicant.lastName).toBe('Dupont-Lefebvre');
    const index = JSON.parse(await zip.file('index.json')!.async('string'));
    expect(index.dossiers).toHaveLength(2);

    for (const folder of ['dossiers/FTE-2025-mine-fte', `dossiers/brouillon-mine-draft`]) {
      const pdf = await zip.file(`${folder}/dossier.pdf`)!.async('uint8array');
      const text = await pdfText(pdf);
      expect(text).toContain('Vos données personnelles (RGPD, article 15)');
      expect(text).toContain('Dupont-Lefebvre');
    }
    const pdfFte = await pdfText(
      await zip.file('dossiers/FTE-2025-mine-fte/dossier.pdf')!.async('uint8array'),
    );
    expect(pdfFte).toContain('Dossier FTE-2025-mine-fte');

    const objects = objectsOf('mine-fte');
    const letter = await zip
      .file('dossiers/FTE-2025-mine-fte/courriers/accuse-reception-v1.pdf')!
      .async('string');
    expect(letter).toBe(objects['dossiers/mine-fte/courriers/accuse-reception/v1.pdf']);
    const piece = names.find((n) => n.startsWith('dossiers/FTE-2025-mine-fte/pieces/'));
    expect(await zip.file(piece as string)!.async('string')).toBe(
      objects['dossiers/mine-fte/confirmees/a1/c1'],
    );
  });

  it('only an applicant exports their own data; an admin serves a named person, and that is logged', async () => {
    await expect(exportMyData(ctx, admin)).rejects.toMatchObject({ status: 403 });
    await expect(exportPersonData(ctx, person, { personSub: 'owner-someone-else' })).rejects.toMatchObject({
      status: 403,
    });
    await expect(exportPersonData(ctx, admin, { personSub: '' })).rejects.toMatchObject({ status: 400 });
    const r = await exportPersonData(ctx, admin, { personSub: 'owner-someone-else' });
    expect(r.dossiers).toBe(1);
    const zip = await openZip(r.key);
    expect(Object.keys(zip.files).some((n) => n.includes('ESS-2025-someone-else/dossier.pdf'))).toBe(true);
    const log = await accessLogOfPerson(ctx, admin, 'owner-someone-else');
    expect(log.items).toEqual([
      expect.objectContaining({
        kind: 'personal_export',
        actorSub: 'admin-1',
        personSub: 'owner-someone-else',
      }),
    ]);
  });
});
