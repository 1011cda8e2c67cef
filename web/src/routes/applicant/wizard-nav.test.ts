import { getDossier } from '@aides/services/dossiers/applications';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerOf, webHarness } from '../../../../test/support/web-harness.ts';

let h: Awaited<ReturnType<typeof webHarness>>;
beforeAll(async () => {
  h = await webHarness();
});
const as = 'demo-menage';
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const draft = async (scheme = 'FTE') => {
  const res = await h.post(as, '/demandes/nouvelle', { scheme, nouveau: '1' });
  return /\/demandes\/([^/]+)\/etape\/1$/.exec(res.headers.get('location') ?? '')?.[1] as string;
};
const stored = async (id: string) => getDossier(h.ctx, callerOf(as), id);

describe('every way out of a step keeps what was typed', () => {
  it('the progress list, « Précédent » and the estimate’s step links save the form, then go', async () => {
    const id = await draft();
    const page = await (await h.get(as, `/demandes/${id}/etape/1`)).text();
    // The progress list submits the step form; « Suivant » stays the default (Enter) button.
    expect(page).toMatch(
      /<button type="submit" form="etape" name="aller" value="2" class="link">Logement et foyer/,
    );
    expect(page.indexOf('name="action" value="suivant" hidden')).toBeLessThan(page.indexOf('name="aller"'));
    let res = await h.post(as, `/demandes/${id}/etape/1`, {
      version: versionIn(page),
      'applicant.lastName': 'Delcourt',
      aller: '2',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/demandes/${id}/etape/2`);
    expect((await stored(id)).application).toMatchObject({ applicant: { lastName: 'Delcourt' } });
    // Step 2 to the review through the list: the income is kept even though the step is incomplete.
    const p2 = await (await h.get(as, `/demandes/${id}/etape/2`)).text();
    expect(p2).toMatch(
      /<button type="submit" form="etape" name="aller" value="1" class="secondary">Précédent/,
    );
    res = await h.post(as, `/demandes/${id}/etape/2`, {
      version: versionIn(p2),
      'household.taxIncomeEuros': '41000',
      aller: 'recapitulatif',
    });
    expect(res.headers.get('location')).toBe(`/demandes/${id}/recapitulatif`);
    expect((await stored(id)).application).toMatchObject({ household: { taxIncomeEuros: 41_000 } });
    // Anything else than a step or the two last pages leads to step 1, never elsewhere.
    const p3 = await (await h.get(as, `/demandes/${id}/etape/2`)).text();
    res = await h.post(as, `/demandes/${id}/etape/2`, { version: versionIn(p3), aller: '//evil.example' });
    expect(res.headers.get('location')).toBe(`/demandes/${id}/etape/1`);
  });

  it('an unreadable value keeps the applicant on the step with everything typed', async () => {
    const id = await draft();
    const page = await (await h.get(as, `/demandes/${id}/etape/2`)).text();
    const res = await h.post(as, `/demandes/${id}/etape/2`, {
      version: versionIn(page),
      'address.line1': '12 rue des Lilas',
      'household.size': 'deux',
      aller: '3',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="12 rue des Lilas"');
    expect(html).toContain('value="deux"');
  });
});

describe('the live estimate computes without writing', () => {
  it('parallel refreshes with the same version all answer, and the draft does not move', async () => {
    const id = await draft();
    const page = await (await h.get(as, `/demandes/${id}/etape/1`)).text();
    const before = await stored(id);
    const answers = await Promise.all(
      ['M', 'Ma', 'Mar', 'Mart', 'Marti', 'Martin'].map((lastName) =>
        h.post(as, `/demandes/${id}/estimation/1`, {
          version: versionIn(page),
          'applicant.lastName': lastName,
        }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const after = await stored(id);
    expect(after.version).toBe(before.version);
    expect(after.application).toEqual(before.application);
    // The step's own save still works with the version the page was built from.
    const res = await h.post(as, `/demandes/${id}/etape/1`, {
      version: versionIn(page),
      'applicant.lastName': 'Martin',
      action: 'enregistrer',
    });
    expect(res.status).toBe(303);
  });

  it('another person’s dossier cannot be estimated', async () => {
    const id = await draft();
    const res = await h.post('demo-entreprise', `/demandes/${id}/estimation/1`, {
      'applicant.lastName': 'X',
    });
    expect(res.status).toBe(404);
  });
});
