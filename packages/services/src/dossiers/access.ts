import type { Role } from '@aides/domain';
import { getDossier } from '@aides/store';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { forbidden, notFound } from '../errors.ts';
import type { Dossier } from './model.ts';

const STAFF: readonly Role[] = ['instructor', 'bureau', 'finance', 'admin'];
export const isStaff = (caller: Caller) => caller.roles.some((r) => STAFF.includes(r));

export function requireRole(caller: Caller, ...roles: Role[]): Role {
  const role = caller.roles.find((r) => roles.includes(r));
  if (!role) throw forbidden();
  return role;
}

/**
 * Loads a dossier the caller may see. Applicants see only their own; staff see every filed
 * dossier but not other people's drafts. Anything else is "not found", never "forbidden", so
 * nobody learns that someone else's dossier exists.
 */
export async function loadDossier(ctx: ServiceContext, caller: Caller, id: string): Promise<Dossier> {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) throw notFound('Dossier introuvable.');
  // The entity, not its storage: keys and index attributes never travel with a dossier.
  const d = await getDossier<Dossier>(ctx.store, id);
  if (!d) throw notFound('Dossier introuvable.');
  // A purged dossier is a statistical tombstone: nobody opens it (issue 20).
  if (d.purge) throw notFound('Dossier purgé : ses données personnelles ont été supprimées.');
  const own = d.ownerSub === caller.sub;
  if (own) return d;
  if (isStaff(caller) && d.status !== 'draft') return d;
  throw notFound('Dossier introuvable.');
}
