import { getDossier } from '@aides/services/dossiers/applications';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerOf, webHarness } from '../../../../test/support/web-harness.ts';

let h: Awaited<ReturnType<typeof webHarness>>;
beforeAll(async () => {
  h = await webHarness();
});
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const draftOf = async (as: string, scheme: string) => {
  const res = await h.post(as, '/demandes/nouvelle', { scheme, nouveau: '1' });
  expect(res.status).toBe(303);
  return /\/demandes\/([^/]+)\/etape\/1$/.exec(res.headers.get('location') ?? '')?.[1] as string;
};
const application = async (as: string, id: string) =>
  (await getDossier(h.ctx, callerOf(as), id)).application as Record<string, unknown>;

describe('TPE: de minimis aid lines', () => {
  it('saves grantor, date and amount per line, and says what is missing on a line', async () => {
    const as = 'demo-entreprise';
    const id = await draftOf(as, 'TPE');
    const step = `/demandes/${id}/etape/3`;
    let page = await (await h.get(as, step)).text();
    expect(page).toContain('Aides de minimis reçues ces trois dernières années');
    for (const name of ['grantor', 'date', 'amountCents'])
      expect(page).toContain(`name="deMinimisAids.0.${name}"`);

    let res = await h.post(as, step, {
      version: versionIn(page),
      action: 'enregistrer',
      'deMinimisAids.0.grantor': 'Région Hauts-de-France',
      'deMinimisAids.0.date': '2024-03-15',
      'deMinimisAids.0.amountCents': '12 500',
      'deMinimisAids.1.grantor': 'Initiative Artois',
      'deMinimisAids.1.amountCents': 'beaucoup',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(
      /id="f-deMinimisAids-1-amountCents-error"[^>]*>Montant en euros attendu/,
    );

    page = await (await h.get(as, step)).text();
    res = await h.post(as, step, {
      version: versionIn(page),
      action: 'enregistrer',
      'deMinimisAids.0.grantor': 'Région Hauts-de-France',
      'deMinimisAids.0.date': '2024-03-15',
      'deMinimisAids.0.amountCents': '12 500',
    });
    expect(res.status).toBe(303);
    expect((await application(as, id)).deMinimisAids).toEqual([
      { grantor: 'Région Hauts-de-France', date: '2024-03-15', amountCents: 1_250_000 },
    ]);
    // Shown back as typed, in euros.
    page = await (await h.get(as, step)).text();
    expect(page).toMatch(/name="deMinimisAids\.0\.amountCents" type="text" value="12500"/);

    // A line without its date: "Suivant" keeps the applicant on the step, the error beside the date.
    res = await h.post(as, step, {
      version: versionIn(page),
      action: 'suivant',
      'deMinimisAids.0.grantor': 'Région Hauts-de-France',
      'deMinimisAids.0.amountCents': '12 500',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="f-deMinimisAids-0-date-error"/);
    expect(html).toContain('href="#f-deMinimisAids-0-date"');
  });
});

describe('Habitat: autonomy', () => {
  it('saves the dependency assessment (GIR as a number) and the disability rate', async () => {
    const as = 'demo-menage';
    const id = await draftOf(as, 'HABITAT');
    const step = `/demandes/${id}/etape/3`;
    const page = await (await h.get(as, step)).text();
    expect(page).toContain('Niveau de dépendance (grille AGGIR)');
    expect(page).toContain('<option value="4">GIR 4</option>');
    expect(page).toContain('name="autonomy.girAssessment.assessedOn"');
    expect(page).toContain('name="autonomy.disabilityRatePct"');
    const res = await h.post(as, step, {
      version: versionIn(page),
      action: 'enregistrer',
      workKind: 'autonomy',
      'autonomy.beneficiaryBirthDate': '1960-04-02',
      'autonomy.girAssessment.gir': '4',
      'autonomy.girAssessment.assessedOn': '2025-01-10',
      'autonomy.disabilityRatePct': '80',
      'works.0.label': 'Douche à l’italienne',
      'works.0.amountHtCents': '10 000',
    });
    expect(res.status).toBe(303);
    expect((await application(as, id)).autonomy).toEqual({
      beneficiaryBirthDate: '1960-04-02',
      girAssessment: { gir: 4, assessedOn: '2025-01-10' },
      disabilityRatePct: 80,
    });
    const again = await (await h.get(as, step)).text();
    expect(again).toContain('<option value="4" selected="">GIR 4</option>');
    // The review page reads it back in French.
    const review = await (await h.get(as, `/demandes/${id}/recapitulatif`)).text();
    expect(review).toContain('GIR 4');
  });

  it('an assessment without its date is flagged beside the date', async () => {
    const as = 'demo-menage';
    const id = await draftOf(as, 'HABITAT');
    const step = `/demandes/${id}/etape/3`;
    const page = await (await h.get(as, step)).text();
    const res = await h.post(as, step, {
      version: versionIn(page),
      action: 'suivant',
      workKind: 'autonomy',
      'autonomy.beneficiaryBirthDate': '1960-04-02',
      'autonomy.girAssessment.gir': '3',
      'works.0.label': 'Monte-escalier',
      'works.0.amountHtCents': '8 000',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/id="f-autonomy-girAssessment-assessedOn-error"/);
  });
});

describe('estimate panel: what is missing, in words', () => {
  it('lists the current step’s missing fields, linked to them, then points to the next steps', async () => {
    const as = 'demo-menage';
    const id = await draftOf(as, 'FTE');
    let page = await (await h.get(as, `/demandes/${id}/etape/1`)).text();
    // The draft starts with the account's name and e-mail: clear them to see what is missing.
    await h.post(as, `/demandes/${id}/etape/1`, { version: versionIn(page), action: 'enregistrer' });
    page = await (await h.get(as, `/demandes/${id}/etape/1`)).text();
    const panel = (html: string) => html.slice(html.indexOf('id="estimation"'), html.indexOf('</aside>'));
    expect(panel(page)).toContain('À compléter ou corriger dans cette étape');
    expect(panel(page)).toMatch(/<a href="#f-applicant-lastName">Nom<\/a> : Ce champ est obligatoire/);
    expect(panel(page)).toMatch(/Et \d+ autres informations à compléter/);
    expect(page).not.toMatch(/manquantes ou à corriger : \d+\./);

    page = await (await h.get(as, `/demandes/${id}/etape/1`)).text();
    const res = await h.post(as, `/demandes/${id}/etape/1`, {
      version: versionIn(page),
      action: 'suivant',
      'applicant.lastName': 'Martin',
      'applicant.firstName': 'Claire',
      'contact.email': 'claire.martin@example.fr',
    });
    expect(res.status).toBe(303);
    page = await (await h.get(as, `/demandes/${id}/etape/1`)).text();
    // Nothing left on this step: the first few of the others, with their step.
    expect(panel(page)).not.toContain('dans cette étape');
    expect(panel(page)).toContain('Informations encore manquantes ou à corriger');
    // A step button of the form: going there saves what was typed here.
    expect(panel(page)).toContain(
      '<button type="submit" form="etape" name="aller" value="2" class="link">Logement et foyer</button>',
    );
    expect(panel(page)).toContain('Adresse : Ce champ est obligatoire');

    // The fragment the script fetches says the same.
    const frag = await (
      await h.post(as, `/demandes/${id}/estimation/2`, { version: versionIn(page), 'address.line1': '1 rue' })
    ).text();
    expect(frag).toContain('À compléter ou corriger dans cette étape');
    expect(frag).not.toContain('>Adresse</a>');
    expect(frag).toContain('<a href="#f-address-postalCode">Code postal</a>');
  });

  it('the scheme chooser’s summary links to the first radio', async () => {
    const res = await h.post('demo-menage', '/demandes/nouvelle', {});
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('href="#f-scheme"');
    expect(html).toMatch(/<input type="radio" id="f-scheme" name="scheme" value="FTE" aria-invalid="true"/);
    expect(html).toContain('id="f-scheme-TPE"');
  });
});
