import { callerFromClaims } from '@aides/services/caller';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as z from 'zod';
import { sameOrigin } from '../lib/same-origin.tsx';
import { afterSignIn, safeReturnPath } from './return-to.ts';
import { SESSION_COOKIE, type WebAuth } from './session.ts';

/**
 * Sign-in on AWS through Cognito's hosted login (authorization code flow with PKCE is left to
 * Cognito's public client; we exchange the code server-side and keep the ID token in an
 * HttpOnly cookie). Configuration is read once and fails fast with the variable's name.
 */
const cognitoEnv = z.object({
  COGNITO_ISSUER: z.url(),
  COGNITO_CLIENT_ID: z.string().min(1),
  COGNITO_DOMAIN: z.url(),
  WEB_ORIGIN: z.url(),
});

export interface CognitoHooks {
  /** After a verified sign-in, with the ID token's claims (e.g. to keep the staff directory). */
  readonly onSignIn?: (claims: Record<string, unknown>) => Promise<void>;
}

export function cognitoAuth(
  env: NodeJS.ProcessEnv = process.env,
  hooks: CognitoHooks = {},
): {
  auth: WebAuth;
  routes: Hono;
  /** The site's address, which also serves the HTTP API. */
  origin: string;
} {
  const parsed = cognitoEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Configuration Cognito manquante : ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  }
  const cfg = parsed.data;
  const jwks = createRemoteJWKSet(new URL(`${cfg.COGNITO_ISSUER}/.well-known/jwks.json`));
  const redirectUri = `${cfg.WEB_ORIGIN}/auth/callback`;
  const auth: WebAuth = {
    loginPath: '/connexion',
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, jwks, {
          issuer: cfg.COGNITO_ISSUER,
          audience: cfg.COGNITO_CLIENT_ID,
          algorithms: ['RS256'],
        });
        return payload.token_use === 'id' ? payload : null;
      } catch {
        return null;
      }
    },
  };
  const routes = new Hono();
  routes.get('/connexion', (c) => {
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
    const url = new URL('/oauth2/authorize', cfg.COGNITO_DOMAIN);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: cfg.COGNITO_CLIENT_ID,
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      state,
    }).toString();
    return c.redirect(url.toString());
  });
  routes.get('/auth/callback', async (c) => {
    const code = c.req.query('code');
    if (!code || c.req.query('state') !== getCookie(c, 'oauth_state')) return c.redirect('/connexion');
    const res = await fetch(new URL('/oauth2/token', cfg.COGNITO_DOMAIN), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: cfg.COGNITO_CLIENT_ID,
        code,
        redirect_uri: redirectUri,
      }),
    });
    if (!res.ok) return c.redirect('/connexion');
    const { id_token } = (await res.json()) as { id_token?: string };
    const claims = id_token ? await auth.verify(id_token) : null;
    if (!id_token || !claims) return c.redirect('/connexion');
    // A failed profile write must not lock the person out: it is written again at the next sign-in.
    await hooks.onSignIn?.(claims).catch((err: unknown) => {
      console.error(JSON.stringify({ level: 'ERROR', message: 'Profil non enregistré', error: String(err) }));
    });
    setCookie(c, SESSION_COOKIE, id_token, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    deleteCookie(c, 'oauth_state', { path: '/auth' });
    deleteCookie(c, 'oauth_return', { path: '/auth' });
    return c.redirect(afterSignIn(getCookie(c, 'oauth_return'), callerFromClaims(claims)));
  });
  routes.post('/deconnexion', sameOrigin(cfg.WEB_ORIGIN), (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect(
      `${cfg.COGNITO_DOMAIN}/logout?client_id=${cfg.COGNITO_CLIENT_ID}&logout_uri=${cfg.WEB_ORIGIN}/`,
    );
  });
  return { auth, routes, origin: cfg.WEB_ORIGIN };
}
