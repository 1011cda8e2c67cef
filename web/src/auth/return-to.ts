import type { Caller } from '@aides/services/caller';

/**
 * Where a sign-in leads. `retour` (set when a page asked for an account) is followed only when
 * it is a path of this site: it must start with one `/`, and neither `//host`, `/\host`, a
 * scheme nor control characters are accepted (an open redirect would let a phishing link
 * borrow our sign-in page). Without a usable `retour`, each role lands on its own work page.
 */
export function safeReturnPath(raw: string | null | undefined): string | undefined {
  if (!raw || raw.length > 2000) return undefined;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return undefined;
  // Resolved against a placeholder origin, a same-site path stays on it.
  const url = new URL(raw, 'https://same.invalid');
  if (url.origin !== 'https://same.invalid') return undefined;
  // The sign-in pages themselves would loop.
  if (/^\/(connexion|deconnexion|auth\/)/.test(url.pathname)) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Each role's own work page, in the order a person with several roles would want. */
const HOME_BY_ROLE: readonly (readonly [string, string])[] = [
  ['instructor', '/instruction'],
  ['bureau', '/bureau'],
  ['finance', '/finances'],
  ['admin', '/instruction'],
];

export function landingFor(caller: Pick<Caller, 'roles'> | null | undefined): string {
  for (const [role, path] of HOME_BY_ROLE) if (caller?.roles.includes(role as never)) return path;
  return '/';
}

/** After a sign-in: the requested page if it is one of ours, else the person's work page. */
export const afterSignIn = (raw: string | null | undefined, caller: Pick<Caller, 'roles'> | null) =>
  safeReturnPath(raw) ?? landingFor(caller);
