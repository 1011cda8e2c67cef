import type { Store } from './clients.ts';
import { getEntity, queryList } from './items.ts';
import { keys } from './keys.ts';
import type { LabelledItem } from './transact.ts';
import { tx } from './transact.ts';

/** A dossier's attachments as stored: one item each in the dossier's partition. */

export interface AttachmentFields {
  readonly id: string;
  readonly dossierId: string;
}

const attachmentItem = (a: AttachmentFields): Record<string, unknown> => ({
  ...keys.attachment(a.dossierId, a.id),
  type: 'attachment',
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

/** Sets the instructor's verdict on an attachment that exists (label `attachment`). */
export const setAttachmentVerdictTx = (
  store: Store,
  dossierId: string,
  attachmentId: string,
  verdict: Record<string, unknown>,
): LabelledItem => ({
  label: 'attachment',
  item: tx.setOnExisting(store, keys.attachment(dossierId, attachmentId), 'verdict', verdict),
});

export const deleteAttachmentTx = (store: Store, dossierId: string, attachmentId: string): LabelledItem => ({
  label: 'attachment',
  item: tx.delete(store, keys.attachment(dossierId, attachmentId)),
});
