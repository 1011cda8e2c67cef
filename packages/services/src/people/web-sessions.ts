import { createHash, randomBytes } from 'node:crypto';
import { deleteWebSession, getWebSession, putWebSession } from '@aides/store/web-sessions';
import { type Caller, callerFromClaims } from '../caller.ts';
import type { ServiceContext } from '../context.ts';

/**
 * Web sign-in sessions (issue 11.7). The cookie holds a random 256-bit id; the record it names
 * holds the verified claims and tokens. Sign-out deletes the record: the old cookie is refused
 * on the next request, on both platforms. The session lasts as long as the ID token it was
 * opened with (the web still calls the API with it).
 */
export interface OpenedSession {
  /** The cookie's value. */
  readonly id: string;
  readonly expiresAt: Date;
}

export interface ActiveSession {
  readonly caller: Caller;
  /** The ID token, for calls to the API on the visitor's behalf. */
  readonly idToken: string;
}

const hashOf = (id: string) => createHash('sha256').update(id).digest('hex');
/** Only ids this code hands out: 43 base64url characters. Anything else is not looked up. */
const WELL_FORMED = /^[A-Za-z0-9_-]{43}$/;

export async function openWebSession(
  ctx: ServiceContext,
  input: { claims: Record<string, unknown>; idToken: string; refreshToken?: string },
): Promise<OpenedSession> {
  const caller = callerFromClaims(input.claims);
  if (!caller) throw new Error('Session web : jeton sans identité');
  const exp = typeof input.claims.exp === 'number' ? input.claims.exp : 0;
  // Token expiry is wall-clock time, not the business clock tests may pin (`ctx.now`).
  if (exp * 1000 <= Date.now()) throw new Error('Session web : jeton expiré');
  const id = randomBytes(32).toString('base64url');
  await putWebSession(ctx.store, {
    idHash: hashOf(id),
    sub: caller.sub,
    claims: input.claims,
    idToken: input.idToken,
    ...(input.refreshToken ? { refreshToken: input.refreshToken } : {}),
    createdAt: new Date().toISOString(),
    expiresAt: exp,
  });
  return { id, expiresAt: new Date(exp * 1000) };
}

/** The signed-in visitor for a cookie's id, or null (unknown, signed out or expired). */
export async function readWebSession(ctx: ServiceContext, id: string): Promise<ActiveSession | null> {
  if (!WELL_FORMED.test(id)) return null;
  const record = await getWebSession(ctx.store, hashOf(id));
  if (!record || record.expiresAt * 1000 <= Date.now()) return null;
  const caller = callerFromClaims(record.claims);
  return caller ? { caller, idToken: record.idToken } : null;
}

/** Signs out: the record is gone at once. Returns the refresh token to revoke, if any. */
export async function closeWebSession(
  ctx: ServiceContext,
  id: string,
): Promise<{ refreshToken?: string } | null> {
  if (!WELL_FORMED.test(id)) return null;
  const record = await deleteWebSession(ctx.store, hashOf(id));
  if (!record) return null;
  return record.refreshToken ? { refreshToken: record.refreshToken } : {};
}
