import { randomUUID } from 'node:crypto';
import {
  accessEventsByActor,
  accessEventsOfDossier,
  accessEventsOfPerson,
  putAccessEvent,
} from '@aides/store';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { isStaff, requireRole } from '../dossiers/access.ts';
import { orBadCursor as orBadCursorPage } from '../paging.ts';
import type { AccessEvent } from './model.ts';

/**
 * The route each caller came through, set by the edges (the API's area handler, the web's session
 * middleware) for the request's caller object: the access log says « from which route » without
 * the Caller type (and the API's `/api/me` answer built from it) changing.
 */
const routes = new WeakMap<Caller, string>();
export function withRoute<C extends Caller | null>(caller: C, route: string): C {
  if (caller) routes.set(caller, route);
  return caller;
}

/**
 * Records a staff member's access to someone's personal data (who, when, what, from which route).
 * Applicants reading their own dossier are not logged. Written before the data is handed out: if
 * the log cannot be written, the access fails.
 */
export async function recordAccess(
  ctx: ServiceContext,
  caller: Caller,
  e: Pick<AccessEvent, 'kind' | 'what'> & Partial<Pick<AccessEvent, 'dossierId' | 'reference' | 'personSub'>>,
): Promise<void> {
  if (!isStaff(caller)) return;
  if (e.personSub && e.personSub === caller.sub) return;
  const event: Omit<AccessEvent, 'subject'> = {
    id: randomUUID(),
    at: ctx.now().toISOString(),
    actorSub: caller.sub,
    actorName: caller.name,
    actorRoles: [...caller.roles],
    route: routes.get(caller) ?? 'inconnue',
    ...e,
  };
  await putAccessEvent(ctx.store, event);
}

export async function accessLogOfDossier(
  ctx: ServiceContext,
  caller: Caller,
  dossierId: string,
  cursor?: string,
) {
  requireRole(caller, 'admin');
  return orBadCursorPage(() => accessEventsOfDossier<AccessEvent>(ctx.store, dossierId, cursor));
}

/** What a staff member looked at. */
export async function accessLogByActor(
  ctx: ServiceContext,
  caller: Caller,
  actorSub: string,
  cursor?: string,
) {
  requireRole(caller, 'admin');
  return orBadCursorPage(() => accessEventsByActor<AccessEvent>(ctx.store, actorSub, cursor));
}

/** Who looked at a person's data. */
export async function accessLogOfPerson(
  ctx: ServiceContext,
  caller: Caller,
  personSub: string,
  cursor?: string,
) {
  requireRole(caller, 'admin');
  return orBadCursorPage(() => accessEventsOfPerson<AccessEvent>(ctx.store, personSub, cursor));
}
