import { getDossier } from '@aides/services/dossiers/applications';
import { assign } from '@aides/services/instruction/instruction';
import { recordSignIn } from '@aides/services/people/directory';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Persona, personaBySub } from '../../../../scripts/local/personas.ts';
import { callerOf, seedSubmitted, webHarness } from '../../../../test/support/web-harness.ts';

/** The administration's pages (issue 15) for what the browser test does not walk: staff and audit log. */
let h: Awaited<ReturnType<typeof webHarness>>;
const ADMIN = 'demo-admin';
const COLLEAGUE = 'demo-instructeur';

beforeAll(async () => {
  h = await webHarness();
  for (const sub of [ADMIN, COLLEAGUE, 'demo-instructrice']) {
    const p = personaBySub(sub) as Persona;
    await recordSignIn(h.ctx, { sub: p.sub, name: p.name, email: p.email, roles: p.groups });
  }
}, 120_000);

describe('administration pages', () => {
  it('are the admin’s alone: the menu links them, other roles get 403', async () => {
    const home = await (await h.get(ADMIN, '/admin')).text();
    for (const href of ['/admin/reglements', '/admin/plafonds-anah', '/admin/personnel', '/admin/journal'])
      expect(home).toContain(`href="${href}"`);
    expect((await h.get('demo-instructrice', '/admin/personnel')).status).toBe(403);
    expect((await h.get('demo-finances', '/admin/journal')).status).toBe(403);
  });

  it('staff: a motive is required; deactivating lists the open dossiers and removes the person from assignment', async () => {
    const dossier = await seedSubmitted(h.ctx, 'FTE');
    const instructor = callerOf('demo-instructrice');
    const filed = await getDossier(h.ctx, instructor, dossier);
    await assign(h.ctx, instructor, dossier, filed.version, {});
    const offered = await (await h.get('demo-instructrice', `/instruction/dossiers/${dossier}`)).text();
    expect(offered).toContain(`value="${COLLEAGUE}"`);
    // The built-in figures are still « par défaut »: the instructor's page says so.
    expect(offered).toMatch(
      /\d+ chiffres du règlement \S+ encore « par défaut, à confirmer par délibération »/,
    );
    const list = await (await h.get(ADMIN, '/admin/personnel')).text();
    expect(list).toContain('Dernière connexion');
    expect(list).toContain(personaBySub(COLLEAGUE)?.name);
    const empty = await h.post(ADMIN, `/admin/personnel/${COLLEAGUE}/desactiver`, { reason: '' });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain('error-summary');
    expect(html).toMatch(/id="f-reason"[^>]*aria-invalid="true"/);

    const ok = await h.post(ADMIN, `/admin/personnel/${COLLEAGUE}/desactiver`, {
      reason: 'Départ en retraite.',
    });
    expect(ok.status).toBe(303);
    const person = await (await h.get(ADMIN, ok.headers.get('location') ?? '')).text();
    expect(person).toContain('Profil désactivé.');
    expect(person).toContain('Réactiver le profil');

    const assignForm = await (await h.get('demo-instructrice', `/instruction/dossiers/${dossier}`)).text();
    expect(assignForm).not.toContain(`value="${COLLEAGUE}"`);
  });

  it('audit log: filters, before/after in words, CSV export', async () => {
    const page = await (await h.get(ADMIN, `/admin/journal?actor=${ADMIN}`)).text();
    expect(page).toContain('Profil désactivé');
    expect(page).toContain('Départ en retraite.');
    expect(page).toMatch(/État du profil : Actif → Désactivé/);
    const csv = await h.get(ADMIN, `/admin/journal.csv?actor=${ADMIN}`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(await csv.text()).toMatch(/Profil désactivé;[^\r\n]*;État du profil;Actif;Désactivé/);
    const bad = await h.get(ADMIN, '/admin/journal?from=2026-99-99');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('error-summary');
  });
});
