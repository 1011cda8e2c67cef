import {
  getAddressStatus,
  getNotificationPreferences,
  listFailedNotifications,
  putNotificationPreferences,
  redriveOutboxItem,
} from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import type { Dossier } from '../dossiers/model.ts';
import { notFound, parseOrThrow } from '../errors.ts';
import type { OutboxItem } from './model.ts';

/** Staff's own notification preferences, the failed notifications, an address's deliverability. */

const STAFF = ['instructor', 'bureau', 'finance', 'admin'] as const;

export interface NotificationPreferencesView {
  /** Staff notices (a file assigned to you, an applicant's answer): on unless turned off. */
  staffNotices: boolean;
  updatedAt?: string;
}

export async function getMyNotificationPreferences(
  ctx: ServiceContext,
  caller: Caller,
): Promise<NotificationPreferencesView> {
  requireRole(caller, ...STAFF);
  const p = await getNotificationPreferences(ctx.store, caller.sub);
  return p ? { staffNotices: p.staffNotices, updatedAt: p.updatedAt } : { staffNotices: true };
}

export const preferencesInput = z.strictObject({
  staffNotices: z.boolean({ error: 'Avis aux agents : vrai ou faux attendu' }),
});

export async function setMyNotificationPreferences(
  ctx: ServiceContext,
  caller: Caller,
  input: unknown,
): Promise<NotificationPreferencesView> {
  requireRole(caller, ...STAFF);
  const body = parseOrThrow(preferencesInput, input);
  const updatedAt = ctx.now().toISOString();
  await putNotificationPreferences(ctx.store, {
    sub: caller.sub,
    staffNotices: body.staffNotices,
    updatedAt,
  });
  return { staffNotices: body.staffNotices, updatedAt };
}

/** A failed notification as staff read it (the dead-letter list). */
export interface FailedNotificationView {
  id: string;
  dossierId: string;
  reference: string;
  kind: OutboxItem['kind'];
  audience: OutboxItem['audience'];
  to: string;
  subject?: string;
  createdAt: string;
  failedAt?: string;
  attempts: number;
  lastError?: string;
}

export async function listFailedNotificationsFor(
  ctx: ServiceContext,
  caller: Caller,
  cursor?: string,
): Promise<{ items: FailedNotificationView[]; cursor?: string | undefined }> {
  requireRole(caller, ...STAFF);
  const page = await listFailedNotifications<OutboxItem>(ctx.store, cursor);
  return {
    items: page.items.map((i) => ({
      id: i.id,
      dossierId: i.dossierId,
      reference: i.reference,
      kind: i.kind,
      audience: i.audience,
      to: i.to.email,
      ...(i.subject ? { subject: i.subject } : {}),
      createdAt: i.createdAt,
      ...(i.failedAt ? { failedAt: i.failedAt } : {}),
      attempts: i.sendAttempts ?? 0,
      ...(i.lastError ? { lastError: i.lastError } : {}),
    })),
    cursor: page.cursor,
  };
}

/** Puts a failed notification back in the outbox: the notifier tries it again. */
export async function retryFailedNotification(
  ctx: ServiceContext,
  caller: Caller,
  dossierId: string,
  id: string,
): Promise<void> {
  requireRole(caller, ...STAFF);
  const ok = await redriveOutboxItem(ctx.store, dossierId, id, ctx.now().toISOString());
  if (!ok) throw notFound('Aucune notification en échec ne porte cet identifiant.');
}

/** Whether the applicant's address is known undeliverable (SES bounce or complaint), for staff pages. */
export async function applicantAddressStatus(
  ctx: ServiceContext,
  d: Dossier,
): Promise<{ address: string; reason: 'bounce' | 'complaint'; at: string; detail: string } | undefined> {
  const contact = d.application.contact as { email?: unknown } | undefined;
  if (typeof contact?.email !== 'string') return undefined;
  const s = await getAddressStatus(ctx.store, contact.email);
  return s?.undeliverable ? { address: s.address, reason: s.reason, at: s.at, detail: s.detail } : undefined;
}
