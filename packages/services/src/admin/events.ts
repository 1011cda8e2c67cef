import { randomUUID } from 'node:crypto';
import {
  ConditionFailedError,
  type LabelledItem,
  putAdminEventTx,
  TransactionConflictError,
  transact,
} from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, conflict } from '../errors.ts';

/** What changed, as people read it: a label and the values before and after (never storage keys). */
export interface AuditChange {
  field: string;
  before: string;
  after: string;
}

export const ADMIN_EVENT_TYPES = [
  'rule_set_published',
  'anah_ceilings_published',
  'staff_deactivated',
  'staff_reactivated',
  'qpv_list_imported',
] as const;
export type AdminEventType = (typeof ADMIN_EVENT_TYPES)[number];

export const adminEventTypeLabels: Record<AdminEventType, string> = {
  rule_set_published: 'Règlement publié',
  anah_ceilings_published: 'Plafonds ANAH publiés',
  staff_deactivated: 'Profil désactivé',
  staff_reactivated: 'Profil réactivé',
  qpv_list_imported: 'Liste des quartiers prioritaires importée',
};

/** An administration change: who, when, why, and what it changed. */
export interface AdminEvent {
  id: string;
  at: string;
  actorSub: string;
  actorName: string;
  type: AdminEventType;
  /** What the change is about, in words (« Règlement FTE, version 2027-01-01 »). */
  subject: string;
  why: string;
  changes: AuditChange[];
}

/** The motive every administration change carries (the « why » of its audit event). */
export const reasonField = z
  .string({ error: 'Motif obligatoire' })
  .trim()
  .min(3, 'Motif obligatoire (3 caractères au moins)')
  .max(1000, 'Motif trop long (1 000 caractères au plus)');

export const newAdminEvent = (
  ctx: ServiceContext,
  caller: Caller,
  e: Pick<AdminEvent, 'type' | 'subject' | 'why' | 'changes'>,
): AdminEvent => ({
  id: randomUUID(),
  at: ctx.now().toISOString(),
  actorSub: caller.sub,
  actorName: caller.name || caller.email || caller.sub,
  ...e,
});

/**
 * Writes an administration change and its audit event in one transaction; a failed condition
 * (someone changed the same thing meanwhile) is a 409 that changes nothing.
 */
export async function writeAdminChange(
  ctx: ServiceContext,
  items: readonly LabelledItem[],
  event: AdminEvent,
  onConflict: (label: string) => string,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await transact(ctx.store, [...items, putAdminEventTx(ctx.store, event)]);
      return;
    } catch (e) {
      if (e instanceof TransactionConflictError && attempt < 5) continue;
      if (e instanceof TransactionConflictError)
        throw new AppError(
          503,
          'reessayer',
          'Service occupé',
          'Trop de modifications simultanées : réessayez.',
        );
      if (e instanceof ConditionFailedError) throw conflict(onConflict(e.label));
      throw e;
    }
  }
}
