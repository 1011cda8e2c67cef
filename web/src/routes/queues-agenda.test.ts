import { tpeApplication } from '@aides/domain/testing/fixtures';
import { getDossier } from '@aides/services/dossiers/applications';
import { readStaffTimeline } from '@aides/services/dossiers/views';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerOf, seedScheduled, seedSubmitted, webHarness } from '../../../test/support/web-harness.ts';

// Issue 18, point 9: queues that help (eligibility, amount, commune, age, search) and an agenda
// that links to each file and can take a dossier off.
let h: Awaited<ReturnType<typeof webHarness>>;
const instructor = 'demo-instructrice';
let fte: string;
let tpe: string;
const ref = async (id: string) => (await getDossier(h.ctx, callerOf(instructor), id)).reference as string;

beforeAll(async () => {
  h = await webHarness();
  fte = await seedSubmitted(h.ctx, 'FTE');
  tpe = await seedSubmitted(h.ctx, 'TPE');
});

describe('the instructor queue', () => {
  it('shows eligibility, amount, commune and days waiting for each dossier', async () => {
    const html = await (await h.get(instructor, '/instruction?scheme=FTE&status=submitted')).text();
    for (const th of ['Éligibilité', 'Montant calculé', 'Commune', 'Attente'])
      expect(html).toContain(`<th scope="col">${th}</th>`);
    const row = new RegExp(`<tr>[\\s\\S]*?${await ref(fte)}[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
    expect(row).toMatch(/class="outcome (eligible|to_review|not_eligible)"/);
    expect(row).toMatch(/\d[\d\s\u202f]*,\d{2}\s€/);
    expect(row).toContain('Béthune');
    expect(row).toContain('aujourd’hui');
  });

  it('searches by reference, by name and by SIRET', async () => {
    const q = (scheme: string, s: string) =>
      h.get(instructor, `/instruction?scheme=${scheme}&status=submitted&recherche=${encodeURIComponent(s)}`);
    const fteRef = await ref(fte);
    expect(await (await q('FTE', fteRef)).text()).toContain(`/instruction/dossiers/${fte}`);
    expect(await (await q('FTE', fteRef.slice(-5))).text()).toContain(`/instruction/dossiers/${fte}`);
    const none = await (await q('FTE', 'Personne-Inconnue')).text();
    expect(none).not.toContain(`/instruction/dossiers/${fte}`);
    expect(none).toContain('id="f-recherche"');
    const beneficiary = (await getDossier(h.ctx, callerOf(instructor), fte)).beneficiary as string;
    expect(await (await q('FTE', beneficiary.split(' ')[0] as string)).text()).toContain(
      `/instruction/dossiers/${fte}`,
    );
    const siret = tpeApplication().company.siret;
    expect(await (await q('TPE', siret)).text()).toContain(`/instruction/dossiers/${tpe}`);
    expect(await (await q('TPE', '12345678900000')).text()).not.toContain(`/instruction/dossiers/${tpe}`);
  });
});

describe('the Bureau agenda', () => {
  it('links to each file and takes a dossier off the agenda, back to « Proposé au Bureau », audited', async () => {
    const { id, sessionId } = await seedScheduled(h.ctx);
    const page = await (await h.get('demo-bureau', `/bureau/seances/${sessionId}`)).text();
    expect(page).toContain(`<a href="/instruction/dossiers/${id}">`);
    expect((await h.get('demo-bureau', `/instruction/dossiers/${id}`)).status).toBe(200);
    expect(page).toContain('Retirer de l’ordre du jour');
    // The proposed amount rests on built-in figures still « par défaut »: the Bureau is told.
    const card = /id="odj"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    expect(card).toMatch(
      /\d+ chiffres? du règlement \S+ encore « par défaut, à confirmer par délibération »/,
    );

    const version = String((await getDossier(h.ctx, callerOf('demo-bureau'), id)).version);
    const res = await h.post('demo-bureau', `/bureau/seances/${sessionId}/retrait`, {
      dossierId: id,
      version,
    });
    expect(res.status).toBe(303);
    const d = await getDossier(h.ctx, callerOf('demo-bureau'), id);
    expect(d.status).toBe('proposed');
    expect(d.sessionId).toBeUndefined();
    const after = await (await h.get('demo-bureau', `/bureau/seances/${sessionId}?ok=retire`)).text();
    expect(after).toContain('il est de nouveau « Proposé au Bureau »');
    const agenda = /id="odj"[\s\S]*?<\/section>/.exec(after)?.[0] ?? '';
    expect(agenda).not.toContain(d.reference as string);
    // Offered again for scheduling.
    expect(after).toMatch(new RegExp(`${d.reference} — [^<]*— Proposé au Bureau`));
    const last = (await readStaffTimeline(h.ctx, id)).at(-1);
    expect(last).toMatchObject({
      action: 'unschedule',
      from: 'scheduled',
      to: 'proposed',
      actorSub: 'demo-bureau',
    });

    // A stale version changes nothing and says so at the top.
    const again = await h.post('demo-bureau', `/bureau/seances/${sessionId}/retrait`, {
      dossierId: id,
      version,
    });
    expect(again.status).toBe(400);
  });
});
