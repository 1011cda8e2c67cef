import { type DossierState, roleLabels, stateLabels, TERMINAL_STATES } from '@aides/domain';
import {
  getStaffProfile,
  listStaffProfiles,
  queueByAssignee,
  type StaffRecord,
  setStaffActiveTx,
} from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import type { Dossier } from '../dossiers/model.ts';
import { notFound, parseOrThrow, unprocessable } from '../errors.ts';
import { newAdminEvent, reasonField, writeAdminChange } from './events.ts';

export const staffChangeInput = z.object({ reason: reasonField });

export interface StaffView {
  sub: string;
  name: string;
  email: string;
  roles: string[];
  roleLabels: string[];
  lastSignInAt?: string;
  active: boolean;
  deactivatedAt?: string;
  deactivatedByName?: string;
}

const view = (p: StaffRecord): StaffView => {
  const roles = p.groups.filter((g) => g !== 'applicant');
  return {
    sub: p.sub,
    name: p.name,
    email: p.email,
    roles,
    roleLabels: roles.map((r) => roleLabels[r as keyof typeof roleLabels] ?? r),
    ...(p.lastSignInAt ? { lastSignInAt: p.lastSignInAt } : {}),
    active: !p.deactivatedAt,
    ...(p.deactivatedAt ? { deactivatedAt: p.deactivatedAt } : {}),
    ...(p.deactivatedByName ? { deactivatedByName: p.deactivatedByName } : {}),
  };
};

/** The staff directory: every person listed in a staff group, with roles, last sign-in and state. */
export async function listStaff(ctx: ServiceContext, caller: Caller): Promise<StaffView[]> {
  requireRole(caller, 'admin');
  return (await listStaffProfiles(ctx.store)).map(view);
}

export interface OpenDossierView {
  id: string;
  reference: string;
  scheme: string;
  status: DossierState;
  statusLabel: string;
  beneficiary: string;
  filedAt?: string;
}

/** The dossiers still open that are assigned to someone (to hand them over when they leave). */
export async function openDossiersOf(
  ctx: ServiceContext,
  caller: Caller,
  sub: string,
): Promise<OpenDossierView[]> {
  requireRole(caller, 'admin');
  await profileOf(ctx, sub);
  const out: OpenDossierView[] = [];
  let cursor: string | undefined;
  do {
    const page = await queueByAssignee<Dossier>(ctx.store, sub, { limit: 100, cursor });
    for (const d of page.items) {
      if (TERMINAL_STATES.includes(d.status)) continue;
      out.push({
        id: d.id,
        reference: d.reference ?? d.id,
        scheme: d.scheme,
        status: d.status,
        statusLabel: stateLabels[d.status],
        beneficiary: d.beneficiary ?? d.ownerName,
        ...(d.filedAt ? { filedAt: d.filedAt } : {}),
      });
    }
    cursor = page.cursor;
  } while (cursor);
  return out;
}

async function profileOf(ctx: ServiceContext, sub: string): Promise<StaffRecord> {
  if (!/^[A-Za-z0-9@._+-]{1,128}$/.test(sub)) throw notFound('Personne introuvable.');
  const p = await getStaffProfile(ctx.store, sub);
  if (!p?.groups.some((g) => g !== 'applicant')) throw notFound('Personne introuvable.');
  return p;
}

async function setActive(ctx: ServiceContext, caller: Caller, sub: string, input: unknown, active: boolean) {
  requireRole(caller, 'admin');
  const body = parseOrThrow(staffChangeInput, input);
  const p = await profileOf(ctx, sub);
  if (!active && sub === caller.sub)
    throw unprocessable('Vous ne pouvez pas désactiver votre propre profil.');
  if (active === !p.deactivatedAt)
    throw unprocessable(active ? 'Ce profil est déjà actif.' : 'Ce profil est déjà désactivé.');
  const at = ctx.now().toISOString();
  const event = newAdminEvent(ctx, caller, {
    type: active ? 'staff_reactivated' : 'staff_deactivated',
    subject: `Profil de ${p.name} (${p.email})`,
    why: body.reason,
    changes: [
      {
        field: 'État du profil',
        before: active ? 'Désactivé' : 'Actif',
        after: active ? 'Actif' : 'Désactivé',
      },
    ],
  });
  await writeAdminChange(
    ctx,
    setStaffActiveTx(ctx.store, p, { active, at, byName: event.actorName }),
    event,
    () => 'Ce profil vient d’être modifié : rechargez la page.',
  );
  const after = view({
    ...p,
    ...(active ? { deactivatedAt: undefined } : { deactivatedAt: at }),
  } as StaffRecord);
  return { person: after, openDossiers: active ? [] : await openDossiersOf(ctx, caller, sub) };
}

/** No longer offered for assignment; their open dossiers are listed for reassignment. */
export const deactivateStaff = (ctx: ServiceContext, caller: Caller, sub: string, input: unknown) =>
  setActive(ctx, caller, sub, input, false);

export const reactivateStaff = (ctx: ServiceContext, caller: Caller, sub: string, input: unknown) =>
  setActive(ctx, caller, sub, input, true);
