import { listAttachments } from '@aides/services/attachments/attachments';
import { getDossier } from '@aides/services/dossiers/applications';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerOf, seedSubmitted, webHarness } from '../../../test/support/web-harness.ts';

let h: Awaited<ReturnType<typeof webHarness>>;
let fteId: string;
let tpeId: string;
beforeAll(async () => {
  h = await webHarness();
  fteId = await seedSubmitted(h.ctx, 'FTE');
  tpeId = await seedSubmitted(h.ctx, 'TPE');
});
const instructor = 'demo-instructrice';
const bureau = 'demo-bureau';
const finance = 'demo-finances';
const version = async (id: string) => String((await getDossier(h.ctx, callerOf(instructor), id)).version);
const year = new Date().getFullYear();

describe('instructor pages', () => {
  it('queue: counts per status, filters and a French error for a bad filter', async () => {
    const res = await h.get(instructor, '/instruction?scheme=FTE&status=submitted');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/Déposé <span class="count">1<\/span>/);
    expect(html).toContain(`/instruction/dossiers/${fteId}`);
    const bad = await (await h.get(instructor, '/instruction?scheme=FTE&from=2024-99-99')).text();
    expect(bad).toContain('aria-invalid="true"');
  });

  it('dossier page: take, verdicts, notes, request documents, proposal', async () => {
    let page = await (await h.get(instructor, `/instruction/dossiers/${fteId}`)).text();
    expect(page).toContain('Analyse du moteur de règles');
    expect(page).toContain('Prendre en instruction');
    expect(
      (await h.post(instructor, `/instruction/dossiers/${fteId}/prendre`, { version: await version(fteId) }))
        .status,
    ).toBe(303);

    const empty = await h.post(instructor, `/instruction/dossiers/${fteId}/demande-pieces`, {
      version: await version(fteId),
      message: '',
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toMatch(/id="f-message-error"/);
    const req = await h.post(instructor, `/instruction/dossiers/${fteId}/demande-pieces`, {
      version: await version(fteId),
      message: 'Merci de joindre l’avis complet.',
      documentTypes: ['tax_notice'],
    });
    expect(req.status).toBe(303);
    expect((await getDossier(h.ctx, callerOf(instructor), fteId)).status).toBe('awaiting_documents');

    expect(
      (await h.post(instructor, `/instruction/dossiers/${fteId}/notes`, { text: 'Appel au ménage le 3.' }))
        .status,
    ).toBe(303);
    page = await (await h.get(instructor, `/instruction/dossiers/${fteId}`)).text();
    expect(page).toContain('Appel au ménage le 3.');
    // The applicant does not see private notes.
    expect(await (await h.get('demo-menage', `/mes-dossiers/${fteId}`)).text()).not.toContain(
      'Appel au ménage',
    );
    const answer = await h.post('demo-menage', `/mes-dossiers/${fteId}/reponse`, {
      version: await version(fteId),
      message: 'Voici.',
    });
    expect(answer.status).toBe(303);

    for (const a of await listAttachments(h.ctx, callerOf(instructor), fteId)) {
      const v = await h.post(instructor, `/instruction/dossiers/${fteId}/pieces/${a.id}/avis`, {
        valid: 'oui',
      });
      expect(v.status).toBe(303);
    }
    const noReason = await h.post(instructor, `/instruction/dossiers/${fteId}/proposition`, {
      version: await version(fteId),
      kind: 'refusal',
      text: 'x',
      motivation: '',
    });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Motivation du refus obligatoire');
    const ok = await h.post(instructor, `/instruction/dossiers/${fteId}/proposition`, {
      version: await version(fteId),
      kind: 'grant',
      text: 'Avis favorable.',
    });
    expect(ok.status).toBe(303);
    expect((await getDossier(h.ctx, callerOf(instructor), fteId)).status).toBe('proposed');
  });

  it('a stale version is a French message, not an error page', async () => {
    await h.post(instructor, `/instruction/dossiers/${tpeId}/prendre`, { version: await version(tpeId) });
    const res = await h.post(instructor, `/instruction/dossiers/${tpeId}/proposition`, {
      version: '1',
      kind: 'refusal',
      text: 'x',
      motivation: 'Hors zone',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('modifié par quelqu’un d’autre');
    const refuse = await h.post(instructor, `/instruction/dossiers/${tpeId}/proposition`, {
      version: await version(tpeId),
      kind: 'refusal',
      text: 'Refus proposé',
      motivation: 'Activité hors champ',
    });
    expect(refuse.status).toBe(303);
  });
});

describe('Bureau and finance pages', () => {
  it('envelope, session, agenda, decisions, totals, extract, payment, exports, indicators', async () => {
    const badEnv = await h.post(finance, '/finances/enveloppes', {
      scheme: 'FTE',
      year: String(year),
      funder: 'agglomeration',
      amountCents: 'beaucoup',
    });
    expect(badEnv.status).toBe(400);
    expect(await badEnv.text()).toMatch(/id="f-amountCents-error"/);
    const env = await h.post(finance, '/finances/enveloppes', {
      scheme: 'FTE',
      year: String(year),
      funder: 'agglomeration',
      amountCents: '100 000',
    });
    expect(env.status).toBe(303);
    expect(await (await h.get(finance, `/finances?annee=${year}`)).text()).toContain('disponible 100');

    const badSession = await h.post(bureau, '/bureau/seances', { number: 'n° 1 !', date: '' });
    expect(badSession.status).toBe(400);
    const s = await h.post(bureau, '/bureau/seances', { number: `${year}-09`, date: `${year}-06-15` });
    expect(s.status).toBe(303);
    const sessionPath = s.headers.get('location') as string;
    let page = await (await h.get(bureau, sessionPath)).text();
    expect(page).toContain('Dossiers proposés à inscrire');
    for (const id of [fteId, tpeId]) {
      const r = await h.post(bureau, `${sessionPath}/ordre-du-jour`, {
        dossierId: id,
        version: await version(id),
      });
      expect(r.status).toBe(303);
    }
    page = await (await h.get(bureau, sessionPath)).text();
    expect(page).toContain('Décision sur');
    const noNumber = await h.post(bureau, `${sessionPath}/decisions`, {
      dossierId: fteId,
      version: await version(fteId),
      outcome: 'favourable',
      deliberationNumber: '',
    });
    expect(noNumber.status).toBe(400);
    expect(await noNumber.text()).toContain('délibération');
    expect(
      (
        await h.post(bureau, `${sessionPath}/decisions`, {
          dossierId: fteId,
          version: await version(fteId),
          outcome: 'favourable',
          deliberationNumber: `B${year}-001`,
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await h.post(bureau, `${sessionPath}/decisions`, {
          dossierId: tpeId,
          version: await version(tpeId),
          outcome: 'unfavourable',
          motivation: 'Activité hors champ',
        })
      ).status,
    ).toBe(303);
    page = await (await h.get(bureau, sessionPath)).text();
    expect(page).toContain(`délibération n° B${year}-001`);
    expect(page).toContain('engagé dans cette séance');
    const pdf = await h.get(bureau, `${sessionPath}/extrait.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // Made by the API's documents function, reached with the visitor's own token: a draft until the
    // session is recorded (test/letters.test.ts and the extract's own tests cover the final one).
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="projet-extrait-.+\.pdf"/);
    const missing = await h.get(bureau, '/bureau/seances/inconnue/extrait.pdf');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Page introuvable');
    expect((await h.get('demo-menage', `${sessionPath}/extrait.pdf`)).status).toBe(403);

    const list = await (await h.get(finance, '/finances/engagements')).text();
    expect(list).toContain(`/finances/dossiers/${fteId}`);
    const d = await getDossier(h.ctx, callerOf(finance), fteId);
    const committed = d.committedByFunder?.agglomeration ?? 0;
    const over = await h.post(finance, `/finances/dossiers/${fteId}/versements`, {
      version: String(d.version),
      funder: 'agglomeration',
      kind: 'advance',
      amountCents: String(committed),
    });
    expect(over.status).toBe(400);
    const advance = Math.floor(committed * 0.3) / 100;
    const pay = await h.post(finance, `/finances/dossiers/${fteId}/versements`, {
      version: String(d.version),
      funder: 'agglomeration',
      kind: 'advance',
      amountCents: String(advance).replace('.', ','),
    });
    expect(pay.status).toBe(303);
    expect((await getDossier(h.ctx, callerOf(finance), fteId)).status).toBe('partly_paid');

    const exp = await h.get(finance, '/finances/exports/telecharger?kind=payments&format=csv');
    expect(exp.status).toBe(303);
    const csv = await (await fetch(exp.headers.get('location') as string)).text();
    expect(csv).toContain(d.reference as string);
    const xlsx = await h.get(finance, '/finances/exports/telecharger?kind=commitments&format=xlsx');
    expect(xlsx.status).toBe(303);
    const badExport = await h.get(
      finance,
      '/finances/exports/telecharger?kind=payments&from=2025-05-01&to=2024-01-01',
    );
    expect(badExport.status).toBe(400);
    expect(await badExport.text()).toContain('La date de fin doit suivre la date de début');

    const ind = await (await h.get(finance, `/finances/indicateurs?annee=${year}`)).text();
    expect(ind).toContain('<svg');
    expect(ind).toContain(`Indicateurs ${year} par dispositif`);
    const indCsv = await h.get(finance, `/finances/indicateurs.csv?annee=${year}`);
    expect(indCsv.headers.get('content-type')).toContain('text/csv');

    const timeline = await (await h.get('demo-menage', `/mes-dossiers/${fteId}`)).text();
    for (const step of [
      'Demande déposée',
      'Prise en instruction',
      'Pièces demandées',
      'Pièces transmises',
      'Dossier transmis au Bureau communautaire',
      'Inscription à l’ordre du jour',
      'Aide accordée',
      'Avance versée',
    ]) {
      expect(timeline).toContain(step);
    }
  });
});
