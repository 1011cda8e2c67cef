import { type Caller, callerFromClaims } from '@aides/services/caller';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';

/** How the web app checks a session token: the dev issuer locally, Cognito's JWKS on AWS. */
export interface WebAuth {
  verify(token: string): Promise<Record<string, unknown> | null>;
  /** Where "Se connecter" leads. */
  readonly loginPath: string;
}

export const SESSION_COOKIE = 'session';

export type WebEnv = { Variables: { caller: Caller | null } };

/** Puts the verified caller (or null) on the context; never rejects by itself. */
export const sessionMiddleware =
  (auth: WebAuth): MiddlewareHandler<WebEnv> =>
  async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const claims = token ? await auth.verify(token) : null;
    c.set('caller', callerFromClaims(claims ?? undefined));
    await next();
  };

export const currentCaller = (c: Context<WebEnv>) => c.get('caller');
