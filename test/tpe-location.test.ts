import { addressIn } from '@aides/domain/testing/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from './support/api.ts';
import { raw } from './support/api-client.ts';
import { fileDossier, INSTRUCTOR, OWNER } from './support/journeys.ts';

/**
 * Issue 14 through the HTTP API: the instructor confirms a TPE's location (rural, or a QPV of
 * its commune in the list in force on the filing date) before proposing it to the Bureau. Only an
 * instructor may; bad input answers French problem+json with field paths and changes nothing; a
 * change needs a reason; a grant proposed unconfirmed is refused.
 */
let api: Awaited<ReturnType<typeof createTestApi>>;

beforeAll(async () => {
  api = await createTestApi();
  const r = await api.call('demo-admin', 'POST', '/api/admin/qpv-lists/2024', {
    csv: 'code_qp;lib_qp;insee_com;lib_com\nQN06201M;Mont-Liébaut;62119;Béthune\nQN06202M;Provinces;62178;Bruay-la-Buissière\n',
    source: 'Liste de test',
    reason: 'Test',
  });
  expect(r.status).toBe(200);
}, 120_000);

const take = async (id: string) => {
  const r = await api.call(
    INSTRUCTOR,
    'POST',
    `/api/dossiers/${id}/assign`,
    {},
    await api.withMatch(INSTRUCTOR, id),
  );
  expect(r.status).toBe(200);
};
const verifyAll = async (id: string) => {
  const atts = await api.call(INSTRUCTOR, 'GET', `/api/dossiers/${id}/attachments`);
  for (const a of atts.body.items)
    await api.call(INSTRUCTOR, 'PUT', `/api/dossiers/${id}/attachments/${a.id}/verdict`, { valid: true });
};
// Bodies are sent as written (some are deliberately invalid).
const confirm = async (who: string, id: string, body: unknown) =>
  api.call(who, 'POST', `/api/dossiers/${id}/location`, raw(body), await api.withMatch(INSTRUCTOR, id));
const read = async (id: string) => (await api.call(INSTRUCTOR, 'GET', `/api/dossiers/${id}`)).body;
const propose = async (id: string) =>
  api.call(
    INSTRUCTOR,
    'POST',
    `/api/dossiers/${id}/propose`,
    { kind: 'grant', text: 'Avis favorable.' },
    await api.withMatch(INSTRUCTOR, id),
  );

describe('TPE location confirmed by the instructor', () => {
  it('a grant cannot be proposed before the location is confirmed; once confirmed rural, it can', async () => {
    const id = await fileDossier(api, 'TPE');
    await take(id);
    await verifyAll(id);
    const refused = await propose(id);
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      title: 'Classement à confirmer',
      detail: expect.stringContaining('rurale ou quartier prioritaire'),
    });
    expect((await read(id)).status).toBe('in_review');

    const ok = await confirm(INSTRUCTOR, id, { classification: 'rural' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.locationConfirmation).toMatchObject({
      classification: 'rural',
      communeName: 'Saint-Venant',
      population: 2999,
      populationSource: expect.stringContaining('INSEE'),
      ruralPopulationBelow: 3000,
      origin: 'instruction',
      by: INSTRUCTOR,
    });
    const d = await read(id);
    expect(d.timeline.at(-1)).toMatchObject({
      action: 'confirm_location',
      detail: 'Classement confirmé : rural (Saint-Venant, 2\u202f999 habitants)',
      actorSub: INSTRUCTOR,
    });
    expect((await propose(id)).status).toBe(200);
  });

  it('a firm of Béthune is confirmed in a QPV of its commune from the list in force at filing', async () => {
    const id = await fileDossier(api, 'TPE', { address: addressIn('62119', 'Béthune'), qpvCode: 'QN06201M' });
    await take(id);
    const r = await confirm(INSTRUCTOR, id, { classification: 'qpv', qpvCode: 'QN06201M' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.locationConfirmation).toMatchObject({
      classification: 'qpv',
      qpv: { code: 'QN06201M', name: 'Mont-Liébaut', generation: '2024', listSource: 'Liste de test' },
    });
  });

  it.each([
    ['rural for Béthune (25,224 inhabitants)', { classification: 'rural' }, '/classification', 422],
    ['a QPV of another commune', { classification: 'qpv', qpvCode: 'QN06202M' }, '/qpvCode', 422],
    ['a QPV code in no list', { classification: 'qpv', qpvCode: 'QN99999Z' }, '/qpvCode', 422],
    ['QPV without a district', { classification: 'qpv' }, '/qpvCode', 422],
    ['an unknown classification', { classification: 'urbain' }, '/classification', 400],
    ['a code of 21 characters', { classification: 'qpv', qpvCode: 'Q'.repeat(21) }, '/qpvCode', 400],
  ])('%s: French problem+json with the field, nothing changed', async (_l, body, pointer, status) => {
    const id = await fileDossier(api, 'TPE', { address: addressIn('62119', 'Béthune'), qpvCode: 'QN06201M' });
    await take(id);
    const before = await read(id);
    const r = await confirm(INSTRUCTOR, id, body);
    expect(r.status).toBe(status);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.errors).toContainEqual({ pointer, detail: expect.stringMatching(/[a-zé]/) });
    const after = await read(id);
    expect(after.version).toBe(before.version);
    expect(after.locationConfirmation).toBeUndefined();
    expect(after.timeline).toHaveLength(before.timeline.length);
  });

  it('only an instructor confirms: the applicant, the Bureau, finance and the admin get 403', async () => {
    const id = await fileDossier(api, 'TPE');
    await take(id);
    for (const who of [OWNER.TPE, 'demo-bureau', 'demo-finances', 'demo-admin']) {
      const r = await confirm(who, id, { classification: 'rural' });
      expect(r.status, who).toBe(403);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await read(id)).locationConfirmation).toBeUndefined();
  });

  it('a confirmed classification changes only with a reason, recorded in the timeline', async () => {
    const id = await fileDossier(api, 'TPE', { address: addressIn('62119', 'Béthune'), qpvCode: 'QN06201M' });
    await take(id);
    expect((await confirm(INSTRUCTOR, id, { classification: 'qpv', qpvCode: 'QN06201M' })).status).toBe(200);
    const noReason = await confirm(INSTRUCTOR, id, { classification: 'qpv', qpvCode: 'QN06201M' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([{ pointer: '/reason', detail: 'Motif du changement obligatoire' }]);
    const changed = await confirm(INSTRUCTOR, id, {
      classification: 'qpv',
      qpvCode: 'QN06201M',
      reason: 'Adresse vérifiée sur le plan du quartier.',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.locationConfirmation.reason).toBe('Adresse vérifiée sur le plan du quartier.');
    expect((await read(id)).timeline.at(-1)).toMatchObject({
      action: 'confirm_location',
      why: 'Adresse vérifiée sur le plan du quartier.',
    });
  });

  it('a dossier not yet taken in review cannot be confirmed (409), nor a non-TPE dossier', async () => {
    const id = await fileDossier(api, 'TPE');
    const r = await confirm(INSTRUCTOR, id, { classification: 'rural' });
    expect(r.status).toBe(409);
    expect(r.body.detail).toBe('Prenez d’abord le dossier en instruction.');
    const fte = await fileDossier(api, 'FTE');
    await take(fte);
    expect((await confirm(INSTRUCTOR, fte, { classification: 'rural' })).status).toBe(409);
  });
});
