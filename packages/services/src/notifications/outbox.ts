import { randomUUID } from 'node:crypto';
import { type DocumentType, documentTypeLabels } from '@aides/domain';
import { getUserProfile, type LabelledItem, outboxItemTx, scheduleWorksReminderTx } from '@aides/store';
import type { ServiceContext } from '../context.ts';
import type { Dossier, DossierEvent } from '../dossiers/model.ts';
import { ruleSetOfDossier } from '../rule-sets.ts';
import type { NotificationAudience, NotificationParams, OutboxItem } from './model.ts';

/**
 * Which e-mails a change of a dossier owes, as outbox items to write in the change's own
 * transaction (called by `writeDossier` and by the filing). The applicant is told of the filing,
 * each request for documents, the Bureau's decision, each payment and a lapse (the works
 * reminder is written by the daily check, ./reminders.ts); staff are told when a file is handed
 * to them by someone else and when the applicant answers their request. A favourable decision
 * also schedules the works-deadline reminder.
 */

/** The address the applicant gave in their application, or their account's. */
async function applicantAddress(ctx: ServiceContext, d: Dossier): Promise<string | undefined> {
  const contact = d.application.contact as { email?: unknown } | undefined;
  if (typeof contact?.email === 'string' && contact.email.includes('@')) return contact.email;
  const profile = await getUserProfile(ctx.store, d.ownerSub);
  return profile?.email || undefined;
}

export function newOutboxItem(
  ctx: ServiceContext,
  d: Dossier,
  audience: NotificationAudience,
  to: OutboxItem['to'],
  params: NotificationParams,
): OutboxItem {
  return {
    id: randomUUID(),
    dossierId: d.id,
    createdAt: ctx.now().toISOString(),
    kind: params.kind,
    audience,
    to,
    reference: d.reference ?? d.id,
    scheme: d.scheme,
    dossierStatus: d.status,
    params,
    status: 'pending',
  };
}

/** The outbox item for the applicant, if they have an address. */
export async function applicantNotification(
  ctx: ServiceContext,
  d: Dossier,
  params: NotificationParams,
): Promise<OutboxItem | undefined> {
  const email = await applicantAddress(ctx, d);
  return email ? newOutboxItem(ctx, d, 'applicant', { email, sub: d.ownerSub }, params) : undefined;
}

async function staffNotification(
  ctx: ServiceContext,
  d: Dossier,
  sub: string | undefined,
  params: NotificationParams,
): Promise<OutboxItem | undefined> {
  if (!sub) return undefined;
  const profile = await getUserProfile(ctx.store, sub);
  if (!profile?.email) return undefined;
  return newOutboxItem(ctx, d, 'staff', { email: profile.email, sub }, params);
}

const totalPaid = (d: Dossier) => Object.values(d.paidByFunder ?? {}).reduce((a, b) => a + (b ?? 0), 0);

/** Adds calendar months to a day, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsToDay(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** The outbox items (and reminder) a written change owes; empty for changes nobody is told of. */
export async function notificationsFor(
  ctx: ServiceContext,
  before: Dossier,
  after: Dossier,
  event: DossierEvent | null,
): Promise<LabelledItem[]> {
  if (!event) return [];
  const items: (OutboxItem | undefined)[] = [];
  const extra: LabelledItem[] = [];
  switch (event.action) {
    case 'request_documents':
      items.push(
        await applicantNotification(ctx, after, {
          kind: 'documents_requested',
          documentTypes: (after.documentRequest?.documentTypes ?? []).map(
            (t) => documentTypeLabels[t as DocumentType] ?? t,
          ),
        }),
      );
      break;
    case 'approve':
    case 'reject':
    case 'adjourn': {
      const outcome =
        event.action === 'approve' ? 'favourable' : event.action === 'reject' ? 'unfavourable' : 'adjourned';
      const sessionId = after.decision?.sessionId;
      items.push(
        await applicantNotification(ctx, after, {
          kind: 'decision',
          outcome,
          ...(sessionId ? { sessionId } : {}),
        }),
      );
      if (event.action === 'approve') {
        const ruleSet = await ruleSetOfDossier(ctx, after);
        const decidedOn = (after.decision?.at ?? event.at).slice(0, 10);
        const deadline = addMonthsToDay(decidedOn, ruleSet.payment.worksDeadlineMonths.value);
        extra.push(
          scheduleWorksReminderTx(ctx.store, {
            dossierId: after.id,
            deadline,
            dueDay: addMonthsToDay(deadline, -2),
          }),
        );
      }
      break;
    }
    case 'pay_advance':
    case 'pay_instalment':
    case 'pay_balance':
      items.push(
        await applicantNotification(ctx, after, {
          kind: 'payment',
          paymentKind: after.lastPaymentKind ?? (event.action === 'pay_advance' ? 'advance' : 'balance'),
          amountCents: totalPaid(after) - totalPaid(before),
          ...(after.lastPaymentId ? { paymentId: after.lastPaymentId } : {}),
        }),
      );
      break;
    case 'lapse':
      items.push(await applicantNotification(ctx, after, { kind: 'lapsed' }));
      break;
    case 'take':
    case 'assign':
      // Taking a file oneself needs no e-mail; being handed one does.
      if (
        after.assigneeSub &&
        after.assigneeSub !== event.actorSub &&
        after.assigneeSub !== before.assigneeSub
      )
        items.push(
          await staffNotification(ctx, after, after.assigneeSub, {
            kind: 'assigned',
            byName: event.actorName,
          }),
        );
      break;
    case 'answer_request':
      items.push(await staffNotification(ctx, after, after.assigneeSub, { kind: 'answered' }));
      break;
    default:
      break;
  }
  return [...items.flatMap((o) => (o ? [outboxItemTx(ctx.store, o)] : [])), ...extra];
}
