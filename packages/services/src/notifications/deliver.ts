import { randomUUID } from 'node:crypto';
import {
  claimOutboxItem,
  getAddressStatus,
  getNotificationPreferences,
  markOutboxFailed,
  markOutboxSent,
  markOutboxSkipped,
  recordOutboxAttemptError,
} from '@aides/store';
import type { ServiceContext } from '../context.ts';
import type { DossierEvent } from '../dossiers/model.ts';
import { composeMessage } from './messages.ts';
import type { MailSender, OutboxItem } from './model.ts';

/**
 * Delivers one outbox item, once: the notifier's work for each stream record (the Lambda on AWS,
 * the local poller; the same code). The item is claimed by a conditional write first; only the
 * claim's holder sends, and it settles the item as sent (with the timeline line « Courriel
 * envoyé le … », in the same transaction), skipped, or failed after its retries, where it joins
 * the list of failed notifications staff read. The Message-ID is derived from the outbox id, so
 * even the one case a claim cannot cover (the mail server accepted the message and this process
 * died before recording it) gives a receiver the same message twice under one Message-ID.
 */

export interface DeliveryOptions {
  /** The site's address, for the link to the dossier. */
  readonly webOrigin: string;
  /** Domain part of the Message-ID. */
  readonly messageIdDomain: string;
  /** Attempts before the item is failed (dead-letter); 1 = no retry. */
  readonly maxAttempts: number;
  /** First pause between attempts; doubled each time (with jitter), up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** How long a claim holds before another deliverer may take the item over (a sender died). */
  readonly leaseMs: number;
}

export const DEFAULT_DELIVERY: Omit<DeliveryOptions, 'webOrigin' | 'messageIdDomain'> = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  leaseMs: 5 * 60_000,
};

export type DeliveryOutcome =
  /** Sent now. */
  | 'sent'
  /** Not to be sent (preference, undeliverable address): settled with its reason. */
  | 'skipped'
  /** All attempts failed: in the dead-letter list. */
  | 'failed'
  /** Already settled by an earlier delivery of the same record: nothing done. */
  | 'done-before'
  /** Another deliverer holds the claim: the record should be retried later. */
  | 'busy';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const backoffDelay = (attempt: number, o: Pick<DeliveryOptions, 'baseDelayMs' | 'maxDelayMs'>) =>
  Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);

export const messageIdOf = (outboxId: string, domain: string) => `<${outboxId}@${domain}>`;

/** Why an item is not to be sent, if so. */
async function skipReason(ctx: ServiceContext, item: OutboxItem): Promise<string | undefined> {
  if (item.audience === 'staff' && item.to.sub) {
    const prefs = await getNotificationPreferences(ctx.store, item.to.sub);
    if (prefs && !prefs.staffNotices) return 'Avis aux agents désactivés par le destinataire';
  }
  const address = await getAddressStatus(ctx.store, item.to.email);
  if (address?.undeliverable)
    return address.reason === 'complaint'
      ? 'Adresse signalée : le destinataire a marqué un courriel comme indésirable'
      : 'Adresse non distribuable (rejet définitif signalé par le service d’envoi)';
  return undefined;
}

const errorText = (e: unknown) =>
  (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).replace(/\s+/g, ' ').slice(0, 500);

export async function deliverOutboxItem(
  ctx: ServiceContext,
  sender: MailSender,
  ref: { dossierId: string; id: string },
  o: DeliveryOptions,
): Promise<DeliveryOutcome> {
  const token = randomUUID();
  const now = ctx.now();
  const claim = await claimOutboxItem<OutboxItem>(ctx.store, {
    ...ref,
    token,
    now: now.toISOString(),
    staleBefore: new Date(now.getTime() - o.leaseMs).toISOString(),
  });
  if (!claim.claimed) return claim.item?.status === 'sending' ? 'busy' : 'done-before';
  const item = claim.item;
  const held = { ...ref, token };

  const reason = await skipReason(ctx, item);
  if (reason) {
    await markOutboxSkipped(ctx.store, held, { skippedAt: ctx.now().toISOString(), reason });
    return 'skipped';
  }

  const composed = composeMessage(item, o.webOrigin);
  const message = {
    messageId: messageIdOf(item.id, o.messageIdDomain),
    outboxId: item.id,
    to: item.to.email,
    ...composed,
  };
  let lastError = '';
  for (let attempt = 1; attempt <= o.maxAttempts; attempt++) {
    try {
      await sender.send(message);
    } catch (e) {
      lastError = errorText(e);
      await recordOutboxAttemptError(ctx.store, held, { at: ctx.now().toISOString(), lastError, attempt });
      if (attempt < o.maxAttempts) await pause(backoffDelay(attempt, o));
      continue;
    }
    const sentAt = ctx.now().toISOString();
    const event: DossierEvent = {
      id: item.id,
      dossierId: item.dossierId,
      at: sentAt,
      actorSub: 'system',
      actorName: 'Envoi automatique des courriels',
      role: 'system',
      action: 'email_sent',
      from: item.dossierStatus,
      to: item.dossierStatus,
      audience: item.audience,
      detail: composed.subject,
    };
    await markOutboxSent(
      ctx.store,
      held,
      { sentAt, subject: composed.subject, messageId: message.messageId },
      event,
    );
    return 'sent';
  }
  await markOutboxFailed(ctx.store, held, {
    failedAt: ctx.now().toISOString(),
    lastError,
    subject: composed.subject,
  });
  return 'failed';
}
