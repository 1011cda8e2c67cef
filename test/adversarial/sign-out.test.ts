import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createContext } from '@aides/services/context';
import { listMyDossiers } from '@aides/services/dossiers/applications';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIssuer } from '../../scripts/local/dev-issuer.ts';
import { createLocalApp } from '../../scripts/local/server.ts';
import { createTestStore } from '../support/store.ts';
import { callerOf } from '../support/web-harness.ts';

/**
 * Sign-out ends the session at once (issue 11.7): through real HTTP against the local server
 * (dev login, web app), the cookie held before `POST /deconnexion` is refused afterwards. The
 * cookie is a server-side session's id, not a token that stays valid for hours.
 */
let origin: string;
let close: () => Promise<void>;
let ctx: ReturnType<typeof createContext>;
beforeAll(async () => {
  ctx = createContext(await createTestStore());
  const app = createLocalApp({ deps: { ctx }, issuer: await createDevIssuer(null) });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise<void>((r) => server.close(() => r()));
});
afterAll(() => close?.());

const form = (path: string, body: Record<string, string>, cookie?: string) =>
  fetch(`${origin}${path}`, {
    method: 'POST',
    body: new URLSearchParams(body),
    headers: { origin, ...(cookie ? { cookie } : {}) },
    redirect: 'manual',
  });
const page = (path: string, cookie: string) =>
  fetch(`${origin}${path}`, { headers: { cookie }, redirect: 'manual' });

async function signIn(persona: string) {
  const res = await form('/connexion', { persona });
  expect(res.status).toBe(303);
  const set = res.headers.get('set-cookie') ?? '';
  expect(set).toMatch(/HttpOnly/);
  return set.split(';')[0] as string;
}

describe('sign-out', () => {
  it('the cookie is a random session id, not the ID token', async () => {
    const cookie = await signIn('demo-menage');
    const value = cookie.replace(/^session=/, '');
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(value).not.toMatch(/^eyJ/);
  });

  it('after POST /deconnexion the old cookie reads pages and posts forms as nobody', async () => {
    const cookie = await signIn('demo-menage');
    const mine = await page('/mes-dossiers', cookie);
    expect(mine.status).toBe(200);
    expect(await mine.text()).toContain('Camille Martin');

    const out = await form('/deconnexion', {}, cookie);
    expect(out.status).toBe(302);
    expect(out.headers.get('set-cookie')).toMatch(/^session=;/);

    const after = await page('/mes-dossiers', cookie);
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/connexion\?retour=/);
    const before = (await listMyDossiers(ctx, callerOf('demo-menage'))).items.length;
    const post = await form('/demandes/nouvelle', { scheme: 'FTE' }, cookie);
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toMatch(/^\/connexion/);
    expect((await listMyDossiers(ctx, callerOf('demo-menage'))).items.length).toBe(before);
  });

  it('signing out one session leaves the person’s other sessions alone', async () => {
    const a = await signIn('demo-bureau');
    const b = await signIn('demo-bureau');
    expect(a).not.toBe(b);
    await form('/deconnexion', {}, a);
    expect((await page('/bureau', b)).status).toBe(200);
    expect((await page('/bureau', a)).status).toBe(303);
  });

  it('a forged or unknown cookie is nobody', async () => {
    for (const cookie of ['session=abc', `session=${'A'.repeat(43)}`, 'session=eyJhbGciOiJub25lIn0.e30.']) {
      expect((await page('/mes-dossiers', cookie)).status).toBe(303);
    }
  });
});
