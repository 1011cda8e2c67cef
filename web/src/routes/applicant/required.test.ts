import { beforeAll, describe, expect, it } from 'vitest';
import { webHarness } from '../../../../test/support/web-harness.ts';
import { groupIsRequired, isRequired, isRequiredInRow } from './required.ts';
import { labelledFields, STEPS } from './steps.ts';

let h: Awaited<ReturnType<typeof webHarness>>;
beforeAll(async () => {
  h = await webHarness();
});
const as = 'demo-menage';
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const flagged = (html: string) => [...html.matchAll(/id="f-([A-Za-z0-9-]+)-error"/g)].map((m) => m[1]);
const starred = (html: string) =>
  [...html.matchAll(/<label for="f-([A-Za-z0-9-]+)">[^<]*<span aria-hidden="true"> \*<\/span>/g)].map(
    (m) => m[1],
  );
const requiredAttr = (html: string) =>
  [...html.matchAll(/<(?:input|select)[^>]*id="f-([A-Za-z0-9-]+)"[^>]*\srequired=""/g)].map((m) => m[1]);

describe('one definition of "required", from the domain schema', () => {
  it('reads the schema: blocks, optional inputs, defaults and lines', () => {
    expect(isRequired('FTE', 'applicant.lastName')).toBe(true);
    expect(isRequired('FTE', 'applicant.civility')).toBe(false);
    expect(isRequired('FTE', 'contact.email')).toBe(true);
    expect(isRequired('FTE', 'contact.phone')).toBe(false);
    expect(isRequired('FTE', 'ownerStatus')).toBe(false); // has a default
    expect(isRequired('HABITAT', 'ownerStatus')).toBe(true);
    expect(isRequired('HABITAT', 'household.size')).toBe(false); // only for owner-occupiers (refinement)
    expect(isRequired('TPE', 'company.siret')).toBe(true);
    expect(isRequired('TPE', 'company.legalForm')).toBe(false);
    expect(groupIsRequired('FTE', 'works')).toBe(true);
    expect(groupIsRequired('TPE', 'jobs')).toBe(false);
    expect(isRequiredInRow('FTE', 'works', 'company.name')).toBe(true);
    expect(isRequiredInRow('FTE', 'works', 'surfaceM2')).toBe(false);
  });

  it('step 1 with everything empty flags exactly the starred fields, the same way on every try', async () => {
    const res = await h.post(as, '/demandes/nouvelle', { scheme: 'FTE', nouveau: '1' });
    const step = res.headers.get('location') as string;
    const expected = ['applicant-lastName', 'applicant-firstName', 'contact-email'];
    let page = await (await h.get(as, step)).text();
    expect(starred(page)).toEqual(expected);
    expect(requiredAttr(page)).toEqual(expected);
    const empty = Object.fromEntries(labelledFields(STEPS.FTE[0] as never).map((x) => [x.name, '']));
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = await h.post(as, step, { ...empty, version: versionIn(page), action: 'suivant' });
      expect(r.status).toBe(400);
      page = await r.text();
      expect(flagged(page), `essai ${attempt + 1}`).toEqual(expected);
      expect(starred(page)).toEqual(expected);
      for (const id of expected)
        expect(page).toMatch(new RegExp(`id="f-${id}-error"[^>]*>Ce champ est obligatoire`));
      // The error summary names the same fields, and only them.
      const summary = page.slice(
        page.indexOf('error-summary'),
        page.indexOf('</div>', page.indexOf('error-summary')),
      );
      expect([...summary.matchAll(/href="#f-([A-Za-z0-9-]+)"/g)].map((m) => m[1])).toEqual(expected);
    }
    // A malformed value keeps its own message; the untouched civility is never flagged.
    const r = await h.post(as, step, {
      ...empty,
      version: versionIn(page),
      'applicant.lastName': 'Martin',
      'contact.email': 'pas-une-adresse',
      action: 'suivant',
    });
    const html = await r.text();
    expect(flagged(html)).toEqual(['applicant-firstName', 'contact-email']);
    expect(html).toMatch(/id="f-contact-email-error"[^>]*>Adresse électronique invalide/);
  });

  it('works: the first line of a block that needs one is starred; an empty block flags that line', async () => {
    const res = await h.post(as, '/demandes/nouvelle', { scheme: 'FTE', nouveau: '1' });
    const step = (res.headers.get('location') as string).replace(/1$/, '4');
    const page = await (await h.get(as, step)).text();
    const line = ['works-0-type', 'works-0-amountHtCents', 'works-0-amountTtcCents', 'works-0-company-name'];
    // « Les travaux ont-ils déjà commencé ? » is required to file (issue 14), starred as well.
    expect(starred(page)).toEqual(['worksNotStarted', ...line]);
    expect(page).toContain(
      'Dans chaque ligne remplie, obligatoires : Type de travaux, Montant HT (€), Montant TTC (€), Entreprise.',
    );
    const r = await h.post(as, step, { version: versionIn(page), action: 'suivant' });
    expect(flagged(await r.text())).toEqual(['worksNotStarted', ...line]);
  });
});
