import type { Caller } from '@aides/services/caller';
import type { ServiceContext } from '@aides/services/context';
import { closeWebSession, openWebSession, readWebSession } from '@aides/services/people/web-sessions';
import { withRoute } from '@aides/services/privacy/access-log';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** What the web app needs to know of sign-in: where "Se connecter" leads. */
export interface WebAuth {
  readonly loginPath: string;
}

export const SESSION_COOKIE = 'session';

export type WebEnv = {
  Variables: {
    caller: Caller | null;
    /** The visitor's ID token, for the API calls the web makes on their behalf. */
    apiToken: string | null;
  };
};

/**
 * Puts the signed-in caller (or null) on the context; never rejects by itself. The cookie holds
 * a server-side session's id (people/web-sessions.ts), not a token: signing out ends it at once.
 */
export const sessionMiddleware =
  (ctx: ServiceContext): MiddlewareHandler<WebEnv> =>
  async (c, next) => {
    const id = getCookie(c, SESSION_COOKIE);
    const session = id ? await readWebSession(ctx, id) : null;
    // The route rides with the caller for the access log (issue 20).
    c.set('caller', withRoute(session?.caller ?? null, `${c.req.method} ${c.req.path}`));
    c.set('apiToken', session?.idToken ?? null);
    await next();
  };

export const currentCaller = (c: Context<WebEnv>) => c.get('caller');

/** After a verified sign-in: a new server-side session, its id in an HttpOnly cookie. */
export async function startWebSession(
  c: Context,
  ctx: ServiceContext,
  input: { claims: Record<string, unknown>; idToken: string; refreshToken?: string; secure: boolean },
) {
  const { id, expiresAt } = await openWebSession(ctx, input);
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    secure: input.secure,
    sameSite: 'Lax',
    path: '/',
    expires: expiresAt,
  });
}

/** Sign-out: deletes the session record and the cookie; returns what is left to revoke. */
export async function endWebSession(c: Context, ctx: ServiceContext) {
  const id = getCookie(c, SESSION_COOKIE);
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  return id ? closeWebSession(ctx, id) : null;
}
