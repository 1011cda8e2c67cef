import { callerFromClaims } from '@aides/services/caller';
import type { ServiceContext } from '@aides/services/context';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sameOrigin } from '../lib/same-origin.tsx';
import { afterSignIn, safeReturnPath } from './return-to.ts';
import { endWebSession, startWebSession, type WebAuth } from './session.ts';

/**
 * Sign-in on AWS through Cognito's hosted login: authorization code flow with PKCE (S256; the
 * client is public, so the verifier is what proves the code is ours), the code exchanged
 * server-side and the tokens kept in a server-side session whose random id is the HttpOnly
 * cookie (web/src/auth/session.ts). Signing out deletes that session and revokes the refresh
 * token at Cognito (`/oauth2/revoke`), which also invalidates the access tokens it issued for
 * Cognito's own APIs. An ID or access token already handed to an API client stays valid until it
 * expires: API Gateway's JWT authorizer checks only signature and expiry. Configuration is read
 * once and fails fast with the variable's name.
 */
// Checked by hand rather than with zod, which the web's cold start would otherwise load for these
// four variables alone (the pages that parse forms load it with them).
const url = (v: string | undefined) => v !== undefined && URL.canParse(v);
const COGNITO_ENV = {
  COGNITO_ISSUER: url,
  COGNITO_CLIENT_ID: (v: string | undefined) => v !== undefined && v.length >= 1,
  COGNITO_DOMAIN: url,
  WEB_ORIGIN: url,
};
type CognitoEnv = Record<keyof typeof COGNITO_ENV, string>;

export interface CognitoHooks {
  /** Where web sessions are kept (the table). */
  readonly ctx: ServiceContext;
  /** After a verified sign-in, with the ID token's claims (e.g. to keep the staff directory). */
  readonly onSignIn?: (claims: Record<string, unknown>) => Promise<void>;
}

export function cognitoAuth(
  env: NodeJS.ProcessEnv = process.env,
  hooks: CognitoHooks,
): {
  auth: WebAuth;
  routes: Hono;
  /** The site's address, which also serves the HTTP API. */
  origin: string;
} {
  const invalid = Object.entries(COGNITO_ENV).flatMap(([name, ok]) => (ok(env[name]) ? [] : [name]));
  if (invalid.length > 0) throw new Error(`Configuration Cognito manquante : ${invalid.join(', ')}`);
  const cfg = env as CognitoEnv;
  const redirectUri = `${cfg.WEB_ORIGIN}/auth/callback`;
  const auth: WebAuth = { loginPath: '/connexion' };
  // jose loads at the sign-in callback, not at every cold start (see id-token.ts).
  let verify: ((token: string) => Promise<Record<string, unknown> | null>) | undefined;
  const verifyIdToken = async (token: string) => {
    try {
      verify ??= (await import('./id-token.ts')).idTokenVerifier(cfg.COGNITO_ISSUER, cfg.COGNITO_CLIENT_ID);
      return await verify(token);
    } catch {
      return null;
    }
  };
  /** Cognito's token revocation (public client: no secret). A failure is logged; the session is gone anyway. */
  const revokeRefreshToken = async (token: string) => {
    try {
      const res = await fetch(new URL('/oauth2/revoke', cfg.COGNITO_DOMAIN), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, client_id: cfg.COGNITO_CLIENT_ID }),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    } catch (err) {
      console.error(
        JSON.stringify({ level: 'ERROR', message: 'Révocation Cognito échouée', error: String(err) }),
      );
    }
  };
  const routes = new Hono();
  routes.get('/connexion', async (c) => {
    const state = crypto.randomUUID();
    setCookie(c, 'oauth_state', state, {
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      path: '/auth',
      maxAge: 600,
    });
    // Where to go back after the round trip to Cognito (only a path of this site is kept).
    const retour = safeReturnPath(c.req.query('retour'));
    if (retour)
      setCookie(c, 'oauth_return', retour, {
        httpOnly: true,
        secure: true,
        sameSite: 'Lax',
        path: '/auth',
        maxAge: 600,
      });
    else deleteCookie(c, 'oauth_return', { path: '/auth' });
    const { verifier, challenge } = await pkcePair();
    setCookie(c, PKCE_COOKIE, verifier, {
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      path: '/auth',
      maxAge: 600,
    });
    const url = new URL('/oauth2/authorize', cfg.COGNITO_DOMAIN);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: cfg.COGNITO_CLIENT_ID,
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    return c.redirect(url.toString());
  });
  routes.get('/auth/callback', async (c) => {
    const code = c.req.query('code');
    const verifier = getCookie(c, PKCE_COOKIE);
    if (!code || !verifier || c.req.query('state') !== getCookie(c, 'oauth_state'))
      return c.redirect('/connexion');
    const res = await fetch(new URL('/oauth2/token', cfg.COGNITO_DOMAIN), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: cfg.COGNITO_CLIENT_ID,
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      }),
    });
    if (!res.ok) return c.redirect('/connexion');
    const { id_token, refresh_token } = (await res.json()) as { id_token?: string; refresh_token?: string };
    const claims = id_token ? await verifyIdToken(id_token) : null;
    if (!id_token || !claims) return c.redirect('/connexion');
    // A failed profile write must not lock the person out: it is written again at the next sign-in.
    await hooks.onSignIn?.(claims).catch((err: unknown) => {
      console.error(JSON.stringify({ level: 'ERROR', message: 'Profil non enregistré', error: String(err) }));
    });
    await startWebSession(c, hooks.ctx, {
      claims,
      idToken: id_token,
      ...(refresh_token ? { refreshToken: refresh_token } : {}),
      secure: true,
    });
    deleteCookie(c, 'oauth_state', { path: '/auth' });
    deleteCookie(c, PKCE_COOKIE, { path: '/auth' });
    deleteCookie(c, 'oauth_return', { path: '/auth' });
    return c.redirect(afterSignIn(getCookie(c, 'oauth_return'), callerFromClaims(claims)));
  });
  routes.post('/deconnexion', sameOrigin(cfg.WEB_ORIGIN), async (c) => {
    const closed = await endWebSession(c, hooks.ctx);
    if (closed?.refreshToken) await revokeRefreshToken(closed.refreshToken);
    return c.redirect(
      `${cfg.COGNITO_DOMAIN}/logout?client_id=${cfg.COGNITO_CLIENT_ID}&logout_uri=${cfg.WEB_ORIGIN}/`,
    );
  });
  return { auth, routes, origin: cfg.WEB_ORIGIN };
}

const PKCE_COOKIE = 'oauth_pkce';
const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** RFC 7636: a random verifier (43 characters) and its S256 challenge. */
export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}
