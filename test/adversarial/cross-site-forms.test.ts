import { listMyDossiers } from '@aides/services/dossiers/applications';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDevIssuer } from '../../scripts/local/dev-issuer.ts';
import { devLoginRoutes } from '../../scripts/local/dev-login.tsx';
import { callerOf, webHarness } from '../support/web-harness.ts';

/**
 * Web CSRF (issue 11.6): a form post with the session cookie creates nothing unless it says it
 * comes from this site (`Origin` equal to the site's, or no Origin and `Sec-Fetch-Site:
 * same-origin`/`none`). Driven with `app.request()`, headers exactly as given.
 */
const SITE = 'http://localhost';
let h: Awaited<ReturnType<typeof webHarness>>;
beforeAll(async () => {
  h = await webHarness();
});

const household = 'demo-menage';
const drafts = async () => (await listMyDossiers(h.ctx, callerOf(household))).items.length;
const newDraft = async (headers: Record<string, string>) =>
  h.app.request(`${SITE}/demandes/nouvelle`, {
    method: 'POST',
    // `nouveau`: a new draft even when one of the scheme exists (else the page offers to resume it).
    body: new URLSearchParams({ scheme: 'FTE', nouveau: '1' }),
    headers: { ...(await h.cookie(household)), ...headers },
  });

describe('cross-site form posts', () => {
  it.each([
    ['Origin: null', { origin: 'null' }],
    ['no Origin and no Sec-Fetch-Site', {}],
    ['another site', { origin: 'https://evil.example' }],
    ['another port of the same host', { origin: 'http://localhost:8080' }],
    ['no Origin, Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['no Origin, Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
  ])('%s: 403 with a French page, no draft created', async (_why, headers) => {
    const before = await drafts();
    const res = await newDraft(headers);
    expect(res.status).toBe(403);
    const page = await res.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Requête refusée');
    expect(await drafts()).toBe(before);
  });

  it.each([
    ['Origin of the site', { origin: SITE }],
    ['no Origin, Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['no Origin, Sec-Fetch-Site: none', { 'sec-fetch-site': 'none' }],
  ])('%s: the draft is created', async (_why, headers) => {
    const before = await drafts();
    const res = await newDraft(headers);
    expect(res.status).toBe(303);
    expect(await drafts()).toBe(before + 1);
  });

  it('pages say Referrer-Policy: same-origin, so same-origin forms carry their real Origin', async () => {
    const res = await h.get(household, '/');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe('the dev login form goes through the same check', () => {
  it('signs nobody in from another site or from a page that hides its origin', async () => {
    const login = devLoginRoutes(await createDevIssuer(null), h.ctx);
    const post = (headers: Record<string, string>) =>
      login.request(`${SITE}/connexion`, {
        method: 'POST',
        body: new URLSearchParams({ persona: 'demo-admin' }),
        headers,
      });
    const refused: Record<string, string>[] = [{ origin: 'null' }, {}, { origin: 'https://evil.example' }];
    for (const headers of refused) {
      const res = await post(headers);
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.text()).toContain('Requête refusée');
    }
    const ok = await post({ origin: SITE });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('set-cookie')).toMatch(/^session=/);
  });
});
