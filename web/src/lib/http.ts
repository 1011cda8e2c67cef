import type { Caller, Role } from '@aides/services/caller';
import type { ServiceContext } from '@aides/services/context';
import { AppError } from '@aides/services/errors';
import type { Context } from 'hono';
import type { WebEnv } from '../auth/session.ts';
import type { ApiFetch } from './api.ts';

/** What every route module receives. */
export interface WebDeps {
  readonly ctx: ServiceContext;
  readonly loginPath: string;
  readonly api: ApiFetch;
}

/** Thrown to send the visitor to the sign-in page. */
export class LoginRequired extends Error {}

export function requireCaller(c: Context<WebEnv>, ...roles: Role[]): Caller {
  const caller = c.get('caller');
  if (!caller) throw new LoginRequired();
  if (roles.length && !roles.some((r) => caller.roles.includes(r))) {
    throw new AppError(403, 'interdit', 'Action interdite', 'Votre rôle ne donne pas accès à cette page.');
  }
  return caller;
}

/** Form body as a flat record of strings (multi-valued keys keep every value in `all`). */
export async function readForm(c: Context<WebEnv>) {
  const body = await c.req.parseBody({ all: true });
  const get = (k: string): string => {
    const v = body[k];
    const one = Array.isArray(v) ? v[0] : v;
    return typeof one === 'string' ? one.trim() : '';
  };
  const all = (k: string): string[] => {
    const v = body[k];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
      (x): x is string => typeof x === 'string',
    );
  };
  const file = (k: string): File | undefined => {
    const v = body[k];
    const one = Array.isArray(v) ? v[0] : v;
    return one instanceof File && one.size > 0 ? one : undefined;
  };
  return { body, get, all, file, version: () => versionOf(get('version')) };
}

const versionOf = (raw: string) => (/^\d+$/.test(raw) ? Number(raw) : undefined);

/** Field errors keyed by name (JSON pointer "/a/b/0" → "a.b.0"), plus a general message. */
export interface FormErrors {
  readonly message?: string;
  readonly fields: Record<string, string>;
}

export const pointerToName = (pointer: string, strip = '') =>
  pointer
    .replace(strip, '')
    .replace(/^\//, '')
    .split('/')
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');

/** Turns a service error into what a form shows; anything else is rethrown. */
export function formErrors(e: unknown, rename: Record<string, string> = {}, strip = ''): FormErrors {
  if (!(e instanceof AppError) || e.status === 404 || e.status === 401 || e.status === 503) throw e;
  const fields: Record<string, string> = {};
  for (const fe of e.errors) {
    const name = pointerToName(fe.pointer, strip);
    const key = rename[name] ?? name;
    if (!fields[key]) fields[key] = fe.detail;
  }
  const message =
    e.status === 409 && /modifié entre-temps/.test(e.message)
      ? 'Le dossier a été modifié par quelqu’un d’autre entre-temps : la page a été rechargée, vérifiez puis recommencez.'
      : e.message;
  return { message, fields };
}

export const noErrors: FormErrors = { fields: {} };
