/**
 * Who works here: the staff directory kept from sign-ins, so that an instructor hands a dossier
 * to a colleague chosen by name rather than by a technical identifier.
 */
import { type DirectoryEntry, listGroup, putUserProfile } from '@aides/store';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';

export type { DirectoryEntry };

/** The instructors a dossier can be assigned to, by name. */
export async function listInstructors(ctx: ServiceContext, caller: Caller): Promise<DirectoryEntry[]> {
  requireRole(caller, 'instructor', 'admin');
  return listGroup(ctx.store, 'instructor');
}

/**
 * Records a verified sign-in: the profile and the staff directories follow the groups the token
 * carries, so someone added to (or removed from) the instructors shows up (or goes) at their
 * next sign-in. Applicants are in no directory: nobody lists them, so no copy of their name.
 */
export async function recordSignIn(ctx: ServiceContext, caller: Caller): Promise<void> {
  await putUserProfile(
    ctx.store,
    { sub: caller.sub, name: caller.name || caller.email, email: caller.email, groups: caller.roles },
    { listedIn: caller.roles.filter((r) => r !== 'applicant'), signedInAt: ctx.now().toISOString() },
  );
}
