/** Who is calling, from the verified JWT claims (API Gateway's authorizer or the local server). */
import { ROLES, type Role } from '@aides/domain/lifecycle/states';

export { ROLES, type Role };

export interface Caller {
  readonly sub: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly Role[];
}

const isRole = (g: string): g is Role => (ROLES as readonly string[]).includes(g);

/** Claims as API Gateway puts them: `cognito:groups` may be an array or a "[a b]" string. */
export function callerFromClaims(claims: Record<string, unknown> | undefined): Caller | null {
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '') return null;
  const raw = claims['cognito:groups'];
  const groups = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === 'string'
      ? raw
          .replace(/^\[|\]$/g, '')
          .split(/[\s,]+/)
          .filter(Boolean)
      : [];
  return {
    sub: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : '',
    email: typeof claims.email === 'string' ? claims.email : '',
    roles: groups.filter(isRole),
  };
}

export const hasRole = (caller: Caller, ...roles: Role[]) => roles.some((r) => caller.roles.includes(r));
