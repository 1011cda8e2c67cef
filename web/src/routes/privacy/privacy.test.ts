/** Issue 20 web pages: the record of processing, « Mes données », the admin's pages, and the access log fed by a staff visit. */
import { accessLogOfDossier } from '@aides/services/privacy/access-log';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerOf, seedSubmitted, webHarness } from '../../../../test/support/web-harness.ts';

let h: Awaited<ReturnType<typeof webHarness>>;
let fteId: string;
beforeAll(async () => {
  h = await webHarness();
  fteId = await seedSubmitted(h.ctx, 'FTE');
});

describe('personal data pages', () => {
  it('the record of processing is public and gives every duration of the retention table', async () => {
    const html = await (await h.get(null, '/registre-des-traitements')).text();
    expect(html).toContain('Registre des traitements');
    for (const text of [
      '3 mois',
      '5 ans',
      '10 ans',
      '1 an',
      'ANAH',
      'Région Hauts-de-France',
      'Trésor public',
    ])
      expect(html).toContain(text);
  });

  it('an applicant downloads their data: a 303 to a short-lived ZIP link', async () => {
    expect(await (await h.get('demo-menage', '/mes-donnees')).text()).toContain('Télécharger mes données');
    const res = await h.post('demo-menage', '/mes-donnees/export', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('exports/donnees-personnelles/');
    expect((await h.get('demo-instructrice', '/mes-donnees')).status).toBe(403);
  });

  it('an admin exports a named person’s data through the API: a 303, or the French error on the form', async () => {
    const empty = await h.post('demo-admin', '/admin/donnees-personnelles/export', { personSub: '' });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain('Identifiant de la personne obligatoire');
    expect(html).toContain('Durées de conservation');
    const res = await h.post('demo-admin', '/admin/donnees-personnelles/export', {
      personSub: 'demo-menage',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('exports/donnees-personnelles/');
    expect((await h.post('demo-instructrice', '/admin/donnees-personnelles/export', {})).status).toBe(403);
  });

  it('admins read the retention table with its sources; others are refused', async () => {
    const html = await (await h.get('demo-admin', '/admin/donnees-personnelles')).text();
    expect(html).toContain('Durées de conservation');
    expect(html).toContain('CNIL');
    expect(html).toContain('DAF/DPACI/RES/2008/008');
    expect((await h.get('demo-instructrice', '/admin/donnees-personnelles')).status).toBe(403);
  });

  it('an instructor opening a dossier is in its access log, with the route; the admin lists it', async () => {
    expect((await h.get('demo-instructrice', `/instruction/dossiers/${fteId}`)).status).toBe(200);
    const log = await accessLogOfDossier(h.ctx, callerOf('demo-admin'), fteId);
    expect(log.items[0]).toMatchObject({
      kind: 'open_dossier',
      actorSub: 'demo-instructrice',
      route: `GET /instruction/dossiers/${fteId}`,
    });
    const html = await (
      await h.get('demo-admin', `/admin/donnees-personnelles/consultations?dossier=${fteId}`)
    ).text();
    expect(html).toContain(`GET /instruction/dossiers/${fteId}`);
  });

  it('an instructor rectifies through the form; a bad field gets a French error in place', async () => {
    const page = await (await h.get('demo-instructrice', `/donnees-personnelles/dossiers/${fteId}`)).text();
    const version = /name="version" value="(\d+)"/.exec(page)?.[1] as string;
    const bad = await h.post('demo-instructrice', `/donnees-personnelles/dossiers/${fteId}/rectification`, {
      version,
      pointer: '/nope',
      value: 'x',
      motivation: 'Demande écrite',
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('aria-invalid="true"');
    expect(badHtml).toContain('Champ texte inconnu');
    const ok = await h.post('demo-instructrice', `/donnees-personnelles/dossiers/${fteId}/rectification`, {
      version,
      pointer: '/contact/phone',
      value: '0611223344',
      motivation: 'Demande de la personne par téléphone',
    });
    expect(ok.status).toBe(303);
  });
});
