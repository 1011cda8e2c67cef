import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callerFromClaims } from '@aides/services/caller';
import { createContext, type ServiceContext } from '@aides/services/context';
import { listInstructors, recordSignIn } from '@aides/services/people/directory';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../../test/support/store.ts';
import { cognitoAuth } from './cognito.ts';
import { sessionMiddleware, type WebEnv } from './session.ts';

/**
 * The hosted-login callback against a stand-in for Cognito over real HTTP (its token endpoint
 * and its JWKS) and a real table: a verified sign-in is recorded in the staff directory.
 */
const CLIENT_ID = 'web-client';
const ORIGIN = 'https://aides.example';
let server: Server;
let base: string;
let ctx: ServiceContext;
let sign: (claims: Record<string, unknown>, foreign?: boolean) => Promise<string>;
const tokens = new Map<string, string>();
/** Bodies Cognito's /oauth2/revoke received. */
const revoked: URLSearchParams[] = [];
/** The code_challenge each code was issued for (Cognito binds it at /oauth2/authorize). */
const challenges = new Map<string, string>();
const admin = { sub: 'admin', name: 'Admin', email: '', roles: ['admin'] } as const;

beforeAll(async () => {
  ctx = createContext(await createTestStore());
  const key = await generateKeyPair('RS256');
  const stranger = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(key.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    if (req.url === '/pool/.well-known/jwks.json') {
      res.setHeader('content-type', 'application/json');
      return res.end(JSON.stringify({ keys: [jwk] }));
    }
    if (req.method === 'POST' && req.url === '/oauth2/revoke') {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        revoked.push(new URLSearchParams(body));
        res.end();
      });
      return;
    }
    if (req.method === 'POST' && req.url === '/oauth2/token') {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const code = form.get('code') ?? '';
        const idToken = tokens.get(code);
        // A public client: no code without its PKCE verifier (RFC 7636, S256).
        const verifier = form.get('code_verifier') ?? '';
        const pkce = createHash('sha256').update(verifier).digest('base64url') === challenges.get(code);
        const ok =
          idToken &&
          pkce &&
          form.get('grant_type') === 'authorization_code' &&
          form.get('client_id') === CLIENT_ID &&
          form.get('redirect_uri') === `${ORIGIN}/auth/callback`;
        res.statusCode = ok ? 200 : 400;
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify(
            ok
              ? { id_token: idToken, refresh_token: `refresh-${form.get('code')}` }
              : { error: 'invalid_grant' },
          ),
        );
      });
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sign = (claims, foreign = false) =>
    new SignJWT({ token_use: 'id', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(`${base}/pool`)
      .setAudience(CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(foreign ? stranger.privateKey : key.privateKey);
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function app(onSignIn: (claims: Record<string, unknown>) => Promise<void>) {
  const env = {
    COGNITO_ISSUER: `${base}/pool`,
    COGNITO_CLIENT_ID: CLIENT_ID,
    COGNITO_DOMAIN: base,
    WEB_ORIGIN: ORIGIN,
  };
  return cognitoAuth(env, { ctx, onSignIn }).routes;
}

const record = async (claims: Record<string, unknown>) => {
  const caller = callerFromClaims(claims);
  if (caller) await recordSignIn(ctx, caller);
};

/** Starts a login, then comes back from Cognito with `code` (and the state it was given). */
async function signIn(routes: ReturnType<typeof app>, code: string, state?: string, keepVerifier = true) {
  const start = await routes.request('/connexion');
  const location = new URL(start.headers.get('location') ?? '');
  const given = location.searchParams.get('state') ?? '';
  expect(location.searchParams.get('code_challenge_method')).toBe('S256');
  challenges.set(code, location.searchParams.get('code_challenge') ?? '');
  const cookies = start.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => keepVerifier || !c?.startsWith('oauth_pkce='));
  const back = await routes.request(`/auth/callback?code=${code}&state=${state ?? given}`, {
    headers: { cookie: cookies.join('; ') },
  });
  return { location, back };
}

describe('Cognito hosted login callback', () => {
  it('exchanges the code, opens a server-side session (its id in an HttpOnly cookie) and records the instructor', async () => {
    tokens.set(
      'code-1',
      await sign({
        sub: 'cog-1',
        name: 'Nadia Benali',
        email: 'nadia@agglo.example',
        'cognito:groups': ['instructor'],
      }),
    );
    const { location, back } = await signIn(app(record), 'code-1');
    expect(`${location.origin}${location.pathname}`).toBe(`${base}/oauth2/authorize`);
    expect(location.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/auth/callback`);
    expect(back.status).toBe(302);
    // An instructor with no page to go back to lands on the instruction queue.
    expect(back.headers.get('location')).toBe('/instruction');
    expect(back.headers.get('set-cookie')).toMatch(/session=[^;]+;.*HttpOnly/);
    expect(await listInstructors(ctx, admin)).toContainEqual({
      sub: 'cog-1',
      name: 'Nadia Benali',
      email: 'nadia@agglo.example',
    });
  });

  it('records nothing and signs nobody in for a wrong state, a refused code or a token signed by another key', async () => {
    const seen: unknown[] = [];
    const routes = app(async (claims) => {
      seen.push(claims);
    });
    tokens.set(
      'code-2',
      await sign({ sub: 'cog-2', name: 'X', email: 'x@agglo.example', 'cognito:groups': ['instructor'] }),
    );
    tokens.set('code-3', await sign({ sub: 'cog-3', name: 'Y', email: 'y@agglo.example' }, true));
    for (const { code, state } of [
      { code: 'code-2', state: 'forged' },
      { code: 'unknown-code', state: undefined },
      { code: 'code-3', state: undefined },
    ]) {
      const { back } = await signIn(routes, code, state);
      expect(back.headers.get('location')).toBe('/connexion');
      expect(back.headers.get('set-cookie') ?? '').not.toContain('session=');
    }
    expect(seen).toEqual([]);
  });

  it('uses PKCE: without the verifier set at /connexion, the code is worth nothing', async () => {
    tokens.set('code-5', await sign({ sub: 'cog-5', name: 'P', email: 'p@agglo.example' }));
    const { back } = await signIn(app(record), 'code-5', undefined, false);
    expect(back.headers.get('location')).toBe('/connexion');
    expect(back.headers.get('set-cookie') ?? '').not.toContain('session=');
  });

  it('a failed profile write does not lock the person out', async () => {
    tokens.set('code-4', await sign({ sub: 'cog-4', name: 'Z', email: 'z@agglo.example' }));
    const { back } = await signIn(
      app(() => Promise.reject(new Error('DynamoDB indisponible'))),
      'code-4',
    );
    expect(back.headers.get('location')).toBe('/');
    expect(back.headers.get('set-cookie')).toMatch(/session=/);
  });
});

describe('Cognito sign-out', () => {
  it('ends the web session at once and revokes the refresh token at Cognito', async () => {
    tokens.set('code-5', await sign({ sub: 'cog-5', name: 'Léa', email: 'lea@agglo.example' }));
    const routes = app(async () => {});
    const site = new Hono<WebEnv>();
    site.route('/', routes);
    site.get('/qui', sessionMiddleware(ctx), (c) => c.text(c.get('caller')?.sub ?? 'personne'));
    const { back } = await signIn(routes, 'code-5');
    const cookie = (back.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(cookie).not.toContain('eyJ');
    expect(await (await site.request('/qui', { headers: { cookie } })).text()).toBe('cog-5');

    const out = await site.request('/deconnexion', { method: 'POST', headers: { cookie, origin: ORIGIN } });
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe(`${base}/logout?client_id=${CLIENT_ID}&logout_uri=${ORIGIN}/`);
    expect(revoked.map((b) => Object.fromEntries(b))).toContainEqual({
      token: 'refresh-code-5',
      client_id: CLIENT_ID,
    });
    expect(await (await site.request('/qui', { headers: { cookie } })).text()).toBe('personne');
  });
});

describe('Cognito hosted login: where it leads', () => {
  const start = async (routes: ReturnType<typeof app>, retour: string | undefined, code: string) => {
    const res = await routes.request(`/connexion${retour ? `?retour=${encodeURIComponent(retour)}` : ''}`);
    const cookies = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const authorize = new URL(res.headers.get('location') ?? '').searchParams;
    const state = authorize.get('state') ?? '';
    challenges.set(code, authorize.get('code_challenge') ?? '');
    const back = await routes.request(`/auth/callback?code=${code}&state=${state}`, {
      headers: { cookie: cookies },
    });
    return back.headers.get('location');
  };

  it('goes back to the page asked for, never to another site; staff land on their work page', async () => {
    const routes = app(async () => undefined);
    tokens.set(
      'code-r1',
      await sign({ sub: 'app-1', name: 'A', email: 'a@x.example', 'cognito:groups': ['applicant'] }),
    );
    expect(await start(routes, '/demandes/nouvelle', 'code-r1')).toBe('/demandes/nouvelle');
    tokens.set(
      'code-r2',
      await sign({ sub: 'fin-1', name: 'F', email: 'f@x.example', 'cognito:groups': ['finance'] }),
    );
    expect(await start(routes, '//evil.example/x', 'code-r2')).toBe('/finances');
    tokens.set(
      'code-r3',
      await sign({ sub: 'ins-1', name: 'I', email: 'i@x.example', 'cognito:groups': ['instructor'] }),
    );
    expect(await start(routes, undefined, 'code-r3')).toBe('/instruction');
  });
});

describe('Cognito configuration', () => {
  it('fails fast, naming each missing or invalid variable', () => {
    const ctx = createContext({} as ServiceContext['store']);
    expect(() =>
      cognitoAuth({ COGNITO_ISSUER: 'https://cognito.example', COGNITO_DOMAIN: 'pas une adresse' }, { ctx }),
    ).toThrow('Configuration Cognito manquante : COGNITO_CLIENT_ID, COGNITO_DOMAIN, WEB_ORIGIN');
  });
});
