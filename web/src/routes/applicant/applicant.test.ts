import { fteApplication } from '@aides/domain/testing/fixtures';
import { getDossier } from '@aides/services/dossiers/applications';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerOf, samplePdf, webHarness } from '../../../../test/support/web-harness.ts';

let h: Awaited<ReturnType<typeof webHarness>>;
beforeAll(async () => {
  h = await webHarness();
});
const household = 'demo-menage';
const locationOf = (res: Response) => res.headers.get('location') ?? '';
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

describe('public pages', () => {
  it('home explains the schemes and offers to apply and to sign in', async () => {
    const res = await h.get(null, '/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Déposer une demande');
    expect(html).toContain('Se connecter');
    expect(html).toContain('lang="fr"');
    expect(html).toContain('href="#contenu"');
  });

  it('404 page leaks nothing internal', async () => {
    const res = await h.get(null, '/nulle-part');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Page introuvable');
    expect(html).not.toMatch(/Error|stack|at .*\.ts/);
  });

  it('an unknown page under a lazily loaded group gets the same 404 page and the security headers', async () => {
    const res = await h.get(household, '/mes-dossiers/un/deux/trois');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Page introuvable');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('pages that need an account send to the sign-in page', async () => {
    const res = await h.get(null, '/mes-dossiers');
    expect(res.status).toBe(303);
    expect(locationOf(res)).toMatch(/^\/connexion/);
  });

  it('a role without access gets a French 403 page', async () => {
    const res = await h.get(household, '/instruction');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Accès refusé');
  });

  it('refuses a POST from another origin', async () => {
    const res = await h.post(
      household,
      '/demandes/nouvelle',
      { scheme: 'FTE' },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
  });

  it('serves the stylesheet and the script', async () => {
    expect((await h.get(null, '/static/app.css')).status).toBe(200);
    expect(await (await h.get(null, '/static/app.js')).text()).toContain('data-upload');
  });
});

describe('applicant: step-by-step FTE form to filing', () => {
  it('files an FTE request with attachments and sees it in Mes dossiers', async () => {
    expect((await h.post(household, '/demandes/nouvelle', {})).status).toBe(400);
    const created = await h.post(household, '/demandes/nouvelle', { scheme: 'FTE' });
    expect(created.status).toBe(303);
    const step1 = locationOf(created);
    const id = /\/demandes\/([^/]+)\/etape\/1$/.exec(step1)?.[1] as string;
    expect(id).toBeTruthy();

    // Step 1 with an invalid email: saved, errors beside the fields, not advanced.
    let page = await (await h.get(household, step1)).text();
    expect(page).toContain('Étape 1');
    expect(page).toContain('Estimation');
    let res = await h.post(household, step1, {
      version: versionIn(page),
      'applicant.lastName': 'Martin',
      'contact.email': 'pas-une-adresse',
      action: 'suivant',
    });
    expect(res.status).toBe(400);
    page = await res.text();
    expect(page).toContain('aria-invalid="true"');
    expect(page).toMatch(/id="f-contact-email-error"[^>]*>Adresse électronique invalide/);
    expect(page).toMatch(/id="f-applicant-firstName-error"/);

    // Stale version: a French message, nothing lost silently.
    res = await h.post(household, step1, { version: '1', 'applicant.lastName': 'X', action: 'suivant' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('modifié par quelqu’un d’autre');

    const a = fteApplication();
    const fill = async (n: number, form: Record<string, string>) => {
      const p = await (await h.get(household, `/demandes/${id}/etape/${n}`)).text();
      const r = await h.post(household, `/demandes/${id}/etape/${n}`, {
        version: versionIn(p),
        action: 'suivant',
        ...form,
      });
      if (r.status !== 303)
        throw new Error(
          `étape ${n} : ${r.status} ${(await r.text()).match(/field-error[^<]*<\/p>|<p>[^<]*<\/p>/g)?.join('\n')}`,
        );
      return locationOf(r);
    };
    expect(
      await fill(1, {
        'applicant.lastName': a.applicant.lastName,
        'applicant.firstName': a.applicant.firstName,
        'contact.email': a.contact.email,
      }),
    ).toBe(`/demandes/${id}/etape/2`);
    // Unreadable amount: refused beside the field.
    const p4 = await (await h.get(household, `/demandes/${id}/etape/4`)).text();
    res = await h.post(household, `/demandes/${id}/etape/4`, {
      version: versionIn(p4),
      'works.0.amountHtCents': 'trois mille',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Montant en euros attendu');

    await fill(2, {
      'address.line1': a.address.line1,
      'address.postalCode': a.address.postalCode,
      'address.communeInsee': a.address.communeInsee,
      ownerStatus: 'occupant',
      'household.size': '2',
      'household.taxIncomeEuros': '38000',
      'household.taxIncomeYear': String(new Date().getFullYear() - 1),
    });
    await fill(3, {
      'adviceAppointment.date': new Date().toISOString().slice(0, 10),
      'adviceAppointment.adviser': 'Espace Conseil Béthune',
    });
    expect(
      await fill(4, {
        worksNotStarted: 'true',
        'works.0.type': 'attic_insulation',
        'works.0.surfaceM2': '80',
        'works.0.amountHtCents': '3 000',
        'works.0.amountTtcCents': '3165',
        'works.0.company.name': 'Isol’Artois',
      }),
    ).toBe(`/demandes/${id}/pieces`);

    // The estimate fragment (progressive enhancement).
    const p1 = await (await h.get(household, `/demandes/${id}/etape/1`)).text();
    const frag = await h.post(household, `/demandes/${id}/estimation/1`, {
      version: versionIn(p1),
      'applicant.lastName': 'Martin',
      'applicant.firstName': 'Claire',
      'contact.email': a.contact.email,
    });
    expect(frag.status).toBe(200);
    const fragment = await frag.text();
    expect(fragment).toContain('id="estimation"');
    expect(fragment).toContain('Montant estimé');

    // Review before documents: the missing documents are listed.
    let review = await (await h.get(household, `/demandes/${id}/recapitulatif`)).text();
    expect(review).toContain('Pièce manquante');

    // Uploads without JavaScript: multipart to the server, forwarded to S3. A wrong type is refused beside the field.
    const bad = new FormData();
    bad.append('documentType', 'quote');
    bad.append('retour', `/demandes/${id}/pieces`);
    bad.append('file', new Blob(['hello'], { type: 'text/plain' }), 'note.txt');
    res = await h.post(household, `/dossiers/${id}/pieces`, bad);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/id="f-file-error"[^>]*>Type de fichier refusé/);
    for (const t of [
      'identity_document',
      'tax_notice',
      'property_proof',
      'france_renov_certificate',
      'quote',
      'rib',
    ]) {
      const f = new FormData();
      f.append('documentType', t);
      f.append('retour', `/demandes/${id}/pieces`);
      f.append('file', new Blob([samplePdf()], { type: 'application/pdf' }), `${t}.pdf`);
      const up = await h.post(household, `/dossiers/${id}/pieces`, f);
      expect(up.status, t).toBe(303);
    }
    // The JS path: a presigned POST as JSON.
    const grant = await h.post(household, `/dossiers/${id}/pieces/autorisation`, {
      documentType: 'invoice',
      fileName: 'f.pdf',
      contentType: 'application/pdf',
      size: '50000000',
    });
    expect(grant.status).toBe(400);
    expect((await grant.json()).fields.file).toMatch(/Taille/);

    review = await (await h.get(household, `/demandes/${id}/recapitulatif`)).text();
    expect(review).not.toContain('Pièce manquante');
    expect(review).toContain('Isolation des combles perdus');
    const submit = await h.post(household, `/demandes/${id}/deposer`, {
      version: versionIn(review),
      cle: `depot-${id}`,
    });
    expect(submit.status).toBe(303);
    const ack = await (await h.get(household, locationOf(submit))).text();
    expect(ack).toContain('Demande déposée');
    expect(ack).toMatch(/FTE-\d{4}-\d{5}/);
    expect(ack).toContain('Demande déposée');

    const list = await (await h.get(household, '/mes-dossiers')).text();
    expect(list).toMatch(/FTE-\d{4}-\d{5}/);
    // Someone else's dossier: 404.
    expect((await h.get('demo-entreprise', `/mes-dossiers/${id}`)).status).toBe(404);

    // Withdrawal needs a reason, then works.
    const d = await getDossier(h.ctx, callerOf(household), id);
    res = await h.post(household, `/mes-dossiers/${id}/retrait`, { version: String(d.version), reason: '' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Le motif est obligatoire');
    res = await h.post(household, `/mes-dossiers/${id}/retrait`, {
      version: String(d.version),
      reason: 'Travaux reportés',
    });
    expect(res.status).toBe(303);
    expect(await (await h.get(household, `/mes-dossiers/${id}`)).text()).toContain('Sans suite');
  });
});
