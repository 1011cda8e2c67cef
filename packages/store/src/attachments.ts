import type { Store } from './clients.ts';
import { getEntity, type Page, queryList, queryPage } from './items.ts';
import { keys } from './keys.ts';
import type { LabelledItem } from './transact.ts';
import { tx } from './transact.ts';

/** A dossier's attachments as stored: one item each in the dossier's partition. */

export interface AttachmentFields {
  readonly id: string;
  readonly dossierId: string;
  /** Set when confirmed on a granted dossier: until its verdict, it is in the payment documents queue. */
  readonly paymentDocumentSince?: string | undefined;
  readonly verdict?: unknown;
}

/**
 * The item of an attachment. The queue's index keys derive from the entity itself, so any later
 * rewrite of the whole attachment (a scan status, a confirmation) keeps or drops them correctly.
 */
const attachmentItem = (a: AttachmentFields): Record<string, unknown> => ({
  ...keys.attachment(a.dossierId, a.id),
  type: 'attachment',
  ...(a.paymentDocumentSince && !a.verdict
    ? keys.paymentDocumentToVerify(a.paymentDocumentSince, a.dossierId, a.id)
    : {}),
  ...(a as object),
});

export async function getAttachment<T>(
  store: Store,
  dossierId: string,
  attachmentId: string,
): Promise<T | undefined> {
  return getEntity<T>(store, keys.attachment(dossierId, attachmentId));
}

/** A dossier's attachments, in id order. */
export async function listAttachments<T>(store: Store, dossierId: string): Promise<T[]> {
  return queryList<T>(store, {
    pk: keys.dossierPartition(dossierId),
    prefix: 'ATTACHMENT#',
  });
}

/** Writes an attachment as it is now (label `attachment`). */
export const putAttachmentTx = <A extends AttachmentFields>(store: Store, a: A): LabelledItem => ({
  label: 'attachment',
  item: tx.put(store, attachmentItem(a)),
});

/** Writes an attachment's new value only over a pending one (label `attachment`): confirm and reject never race. */
export const replacePendingAttachmentTx = <A extends AttachmentFields>(store: Store, a: A): LabelledItem => ({
  label: 'attachment',
  item: tx.put(
    store,
    attachmentItem(a),
    '#status = :pending',
    { '#status': 'status' },
    { ':pending': 'pending' },
  ),
});

/**
 * Sets the instructor's verdict on an attachment that exists (label `attachment`); it leaves the
 * payment documents queue (attributes absent on other attachments: removing them is a no-op).
 */
export const setAttachmentVerdictTx = (
  store: Store,
  dossierId: string,
  attachmentId: string,
  verdict: Record<string, unknown>,
): LabelledItem => ({
  label: 'attachment',
  item: tx.update(
    store,
    keys.attachment(dossierId, attachmentId),
    'SET #verdict = :verdict REMOVE #qpk, #qsk',
    {
      condition: 'attribute_exists(pk)',
      names: { '#verdict': 'verdict', '#qpk': 'gsi1pk', '#qsk': 'gsi1sk' },
      values: { ':verdict': verdict },
    },
  ),
});

export const deleteAttachmentTx = (store: Store, dossierId: string, attachmentId: string): LabelledItem => ({
  label: 'attachment',
  item: tx.delete(store, keys.attachment(dossierId, attachmentId)),
});

/**
 * One page of the payment documents awaiting a verdict, every dossier, oldest upload first: a
 * Query on the byStatus index (see `keys.paymentDocumentToVerify`), never a Scan.
 */
export const paymentDocumentsToVerify = <T>(
  store: Store,
  o: { limit?: number; cursor?: string | undefined },
): Promise<Page<T>> =>
  queryPage<T>(store, {
    index: 'byStatus',
    pk: keys.paymentDocumentsToVerifyPartition(),
    ...(o.limit ? { limit: o.limit } : {}),
    cursor: o.cursor,
  });
