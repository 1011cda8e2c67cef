import { createContext } from '@aides/services/context';
import { describe, expect, it } from 'vitest';
import { createDevIssuer } from '../../../scripts/local/dev-issuer.ts';
import { devLoginRoutes } from '../../../scripts/local/dev-login.tsx';
import { createTestStore } from '../../../test/support/store.ts';
import { afterSignIn, landingFor, safeReturnPath } from './return-to.ts';

describe('where a sign-in leads', () => {
  it('keeps same-site paths and refuses everything that could leave the site', () => {
    expect(safeReturnPath('/demandes/nouvelle')).toBe('/demandes/nouvelle');
    expect(safeReturnPath('/instruction?scheme=FTE#x')).toBe('/instruction?scheme=FTE#x');
    for (const bad of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example/',
      'http:evil.example',
      'javascript:alert(1)',
      'evil.example',
      '/\t/evil.example',
      '/connexion?retour=/x',
      '',
      undefined,
    ])
      expect(safeReturnPath(bad), String(bad)).toBeUndefined();
  });

  it('staff land on their own work page, applicants on the home page', () => {
    expect(landingFor({ roles: ['instructor'] })).toBe('/instruction');
    expect(landingFor({ roles: ['bureau'] })).toBe('/bureau');
    expect(landingFor({ roles: ['finance'] })).toBe('/finances');
    expect(landingFor({ roles: ['applicant'] })).toBe('/');
    expect(afterSignIn('//evil.example', { roles: ['finance'] })).toBe('/finances');
  });
});

describe('dev login (same code path as the pages’ redirect to /connexion)', async () => {
  // What a browser sends with a same-site form post: the CSRF check (lib/same-origin.tsx) lets it in.
  const headers = { 'sec-fetch-site': 'same-origin' };
  const issuer = await createDevIssuer(null);
  // The dev login opens a server-side web session: it needs a table.
  const app = devLoginRoutes(issuer, createContext(await createTestStore()));
  const signIn = async (persona: string, retour?: string) => {
    const page = await (
      await app.request(`/connexion${retour ? `?retour=${encodeURIComponent(retour)}` : ''}`)
    ).text();
    const kept = /name="retour" value="([^"]*)"/.exec(page)?.[1];
    const body = new URLSearchParams({ persona, ...(kept ? { retour: kept.replaceAll('&amp;', '&') } : {}) });
    const res = await app.request('/connexion', { method: 'POST', body, headers });
    return res.headers.get('location');
  };

  it('goes back to the page that asked for an account', async () => {
    expect(await signIn('demo-menage', '/demandes/nouvelle')).toBe('/demandes/nouvelle');
  });

  it('refuses another site, even posted directly', async () => {
    expect(await signIn('demo-menage', '//evil.example/phish')).toBe('/');
    const res = await app.request('/connexion', {
      method: 'POST',
      headers,
      body: new URLSearchParams({ persona: 'demo-instructrice', retour: 'https://evil.example/' }),
    });
    expect(res.headers.get('location')).toBe('/instruction');
  });

  it('staff without a page to go back to land on their work page', async () => {
    expect(await signIn('demo-instructrice')).toBe('/instruction');
    expect(await signIn('demo-bureau')).toBe('/bureau');
    expect(await signIn('demo-finances')).toBe('/finances');
  });
});
