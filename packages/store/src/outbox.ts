import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './clients.ts';
import { entity, getEntity, type Page, queryPage } from './items.ts';
import { keys } from './keys.ts';
import { putEventTx } from './records.ts';
import { ConditionFailedError, type LabelledItem, transact, tx } from './transact.ts';

/**
 * The outbox: an e-mail to send is an item written in the same transaction as the change it
 * tells of (`outboxItemTx`), so a change is never left untold and nothing is told of a change
 * that did not happen. The table's stream hands each new item (and each one put back to
 * `pending` by staff) to the notifier, which delivers it at most once per claim:
 *
 *   pending ──claim──▶ sending ──▶ sent
 *                        │  └────▶ failed (dead-letter place, on the byStatus index) ──redrive──▶ pending
 *                        └───────▶ skipped (staff notices turned off, address known undeliverable)
 *
 * A claim is a conditional update (`pending`, or `sending` whose lease ran out), so two
 * deliveries of the same stream record (a retried Lambda batch, a poller restarted from the
 * stream's start) never both send. Only the holder of the claim token may settle the item.
 */

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface OutboxFields {
  readonly id: string;
  readonly dossierId: string;
  readonly createdAt: string;
}

/** The stored item type of outbox items, for readers of the stream. */
export const OUTBOX_ITEM_TYPE = 'outbox';

/** A new outbox item (status `pending`), to join the transaction of the change it tells of. */
export const outboxItemTx = <O extends OutboxFields>(store: Store, o: O): LabelledItem => ({
  label: 'outbox',
  item: tx.putNew(store, {
    ...keys.outboxItem(o.dossierId, o.id),
    type: OUTBOX_ITEM_TYPE,
    ...(o as object),
    status: 'pending',
    attempts: 0,
  }),
});

/** Whether a stream image is an outbox item waiting to be delivered (the notifier's filter). */
export function isPendingOutboxImage(image: Record<string, unknown> | undefined): boolean {
  return image?.type === OUTBOX_ITEM_TYPE && image.status === 'pending';
}

/** The entity of an outbox item read from a stream image (storage keys stripped). */
export const outboxEntity = <T>(image: Record<string, unknown>): T => entity<T>(image);

export async function getOutboxItem<T>(store: Store, dossierId: string, id: string): Promise<T | undefined> {
  return getEntity<T>(store, keys.outboxItem(dossierId, id));
}

/** A dossier's outbox items (a few per dossier), oldest id order. */
export const listDossierOutbox = async <T>(store: Store, dossierId: string): Promise<T[]> =>
  (await queryPage<T>(store, { pk: keys.dossierPartition(dossierId), prefix: 'OUTBOX#', limit: 500 })).items;

/**
 * Claims an item for delivery: succeeds only if it is `pending`, or `sending` by a claim older
 * than `staleBefore` (a sender that died). Returns the item as claimed, or the item as it is
 * when someone else holds or settled it (`claimed: false`).
 */
export async function claimOutboxItem<T>(
  store: Store,
  o: { dossierId: string; id: string; token: string; now: string; staleBefore: string },
): Promise<{ claimed: true; item: T } | { claimed: false; item: T | undefined }> {
  try {
    const r = await store.ddb.send(
      new UpdateCommand({
        TableName: store.config.tableName,
        Key: keys.outboxItem(o.dossierId, o.id),
        UpdateExpression: 'SET #status = :sending, claimToken = :token, claimedAt = :now ADD attempts :one',
        ConditionExpression:
          'attribute_exists(pk) AND (#status = :pending OR (#status = :sending AND claimedAt < :stale))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':token': o.token,
          ':now': o.now,
          ':stale': o.staleBefore,
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { claimed: true, item: entity<T>(r.Attributes ?? {}) };
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) {
      const current = await getOutboxItem<T>(store, o.dossierId, o.id);
      return { claimed: false, item: current };
    }
    throw e;
  }
}

const settle = (
  store: Store,
  o: { dossierId: string; id: string; token: string },
  set: Record<string, unknown>,
  extra: { index?: Record<string, string>; removeIndex?: boolean } = {},
): LabelledItem => {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':token': o.token };
  const sets: string[] = [];
  let n = 0;
  for (const [k, v] of Object.entries({ ...set, ...(extra.index ?? {}) })) {
    n++;
    names[`#a${n}`] = k;
    values[`:v${n}`] = v;
    sets.push(`#a${n} = :v${n}`);
  }
  return {
    label: 'outbox',
    item: tx.update(store, keys.outboxItem(o.dossierId, o.id), `SET ${sets.join(', ')} REMOVE claimToken`, {
      condition: 'claimToken = :token AND #status = :sendingNow',
      names,
      values: { ...values, ':sendingNow': 'sending' },
    }),
  };
};

/**
 * Settles a claimed item as sent and, in the same transaction, writes the timeline event that
 * tells of it. Fails (ConditionFailedError `outbox`) if the claim was lost.
 */
export async function markOutboxSent<E extends { id: string; dossierId: string; at: string }>(
  store: Store,
  o: { dossierId: string; id: string; token: string },
  sent: { sentAt: string; subject: string; messageId: string },
  event: E,
): Promise<void> {
  await transact(store, [
    settle(store, o, {
      status: 'sent',
      sentAt: sent.sentAt,
      subject: sent.subject,
      messageId: sent.messageId,
    }),
    putEventTx(store, event),
  ]);
}

/** Settles a claimed item as failed: it joins the dead-letter list staff read. */
export async function markOutboxFailed(
  store: Store,
  o: { dossierId: string; id: string; token: string },
  failure: { failedAt: string; lastError: string; subject?: string },
): Promise<void> {
  await transact(store, [
    settle(
      store,
      o,
      { status: 'failed', ...failure },
      { index: keys.failedNotification(failure.failedAt, o.id) },
    ),
  ]);
}

/** Settles a claimed item as not to be sent (a preference, an undeliverable address), with why. */
export async function markOutboxSkipped(
  store: Store,
  o: { dossierId: string; id: string; token: string },
  skip: { skippedAt: string; reason: string },
): Promise<void> {
  await transact(store, [settle(store, o, { status: 'skipped', ...skip })]);
}

/** Records a failed attempt on a claimed item (still claimed: the sender retries after a pause). */
export async function recordOutboxAttemptError(
  store: Store,
  o: { dossierId: string; id: string; token: string },
  error: { at: string; lastError: string; attempt: number },
): Promise<void> {
  await store.ddb.send(
    new UpdateCommand({
      TableName: store.config.tableName,
      Key: keys.outboxItem(o.dossierId, o.id),
      UpdateExpression: 'SET lastError = :e, lastErrorAt = :at, sendAttempts = :n',
      ConditionExpression: 'claimToken = :token',
      ExpressionAttributeValues: {
        ':e': error.lastError,
        ':at': error.at,
        ':n': error.attempt,
        ':token': o.token,
      },
    }),
  );
}

/** Failed notifications, oldest failure first (the dead-letter place). */
export const listFailedNotifications = <T>(store: Store, cursor?: string): Promise<Page<T>> =>
  queryPage<T>(store, {
    index: 'byStatus',
    pk: keys.failedNotificationsPartition(),
    limit: 50,
    cursor,
  });

/**
 * Puts a failed item back to `pending` (out of the dead-letter list): the stream hands it to the
 * notifier again. Returns false if it was not failed any more.
 */
export async function redriveOutboxItem(
  store: Store,
  dossierId: string,
  id: string,
  at: string,
): Promise<boolean> {
  try {
    await store.ddb.send(
      new UpdateCommand({
        TableName: store.config.tableName,
        Key: keys.outboxItem(dossierId, id),
        UpdateExpression: 'SET #status = :pending, redrivenAt = :at REMOVE gsi1pk, gsi1sk, failedAt',
        ConditionExpression: '#status = :failed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending', ':failed': 'failed', ':at': at },
      }),
    );
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Staff notification preferences

export interface NotificationPreferences {
  readonly sub: string;
  /** Staff notices (a file assigned, an applicant's answer); on unless turned off. */
  readonly staffNotices: boolean;
  readonly updatedAt: string;
}

export const getNotificationPreferences = (store: Store, sub: string) =>
  getEntity<NotificationPreferences>(store, keys.notificationPreferences(sub));

export async function putNotificationPreferences(store: Store, p: NotificationPreferences): Promise<void> {
  await store.ddb.send(
    new PutCommand({
      TableName: store.config.tableName,
      Item: { ...keys.notificationPreferences(p.sub), type: 'notificationPreferences', ...p },
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Undeliverable addresses (SES bounces and complaints)

export interface MailAddressStatus {
  readonly address: string;
  readonly undeliverable: boolean;
  /** `bounce` (permanent) or `complaint`. */
  readonly reason: 'bounce' | 'complaint';
  readonly detail: string;
  readonly at: string;
}

const addressHash = (address: string) =>
  createHash('sha256').update(address.trim().toLowerCase()).digest('hex');

export async function markAddressUndeliverable(store: Store, s: MailAddressStatus): Promise<void> {
  await store.ddb.send(
    new PutCommand({
      TableName: store.config.tableName,
      Item: { ...keys.mailAddressStatus(addressHash(s.address)), type: 'mailAddressStatus', ...s },
    }),
  );
}

export async function getAddressStatus(
  store: Store,
  address: string,
): Promise<MailAddressStatus | undefined> {
  const r = await store.ddb.send(
    new GetCommand({ TableName: store.config.tableName, Key: keys.mailAddressStatus(addressHash(address)) }),
  );
  return r.Item ? entity<MailAddressStatus>(r.Item) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Works-deadline reminders

export interface WorksReminder {
  readonly dossierId: string;
  /** The works deadline (calendar day) and the day the reminder is due (two months before). */
  readonly deadline: string;
  readonly dueDay: string;
}

/** Schedules (or moves) a dossier's reminder; joins the transaction of the favourable decision. */
export const scheduleWorksReminderTx = (store: Store, r: WorksReminder): LabelledItem => ({
  label: 'reminder',
  item: tx.put(store, {
    ...keys.worksReminder(r.dossierId),
    type: 'worksReminder',
    ...r,
    ...keys.worksReminderDue(r.dueDay, r.dossierId),
  }),
});

/** Reminders due on or before `day`, oldest first: a Query on byParent, never a Scan. */
export const worksRemindersDue = (store: Store, day: string, cursor?: string): Promise<Page<WorksReminder>> =>
  queryPage<WorksReminder>(store, {
    index: 'byParent',
    pk: keys.worksRemindersPartition(),
    between: ['0000', `${day}#\uffff`],
    limit: 100,
    cursor,
  });

/** Removes a due reminder (still due on `dueDay`) in the transaction that writes its e-mail. */
export const consumeWorksReminderTx = (store: Store, r: WorksReminder): LabelledItem => ({
  label: 'reminder',
  item: {
    Delete: {
      TableName: store.config.tableName,
      Key: keys.worksReminder(r.dossierId),
      ConditionExpression: 'dueDay = :due',
      ExpressionAttributeValues: { ':due': r.dueDay },
    },
  },
});

/** Drops a reminder that no longer applies (the dossier was paid in full or lapsed). */
export async function dropWorksReminder(store: Store, r: WorksReminder): Promise<void> {
  try {
    await transact(store, [consumeWorksReminderTx(store, r)]);
  } catch (e) {
    if (!(e instanceof ConditionFailedError)) throw e;
  }
}
