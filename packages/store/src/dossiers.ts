import type { Store } from './clients.ts';
import { getEntity, type Page, queryList, queryPage } from './items.ts';
import { keys } from './keys.ts';
import type { LabelledItem } from './transact.ts';
import { tx } from './transact.ts';

/**
 * Reads of a dossier and of what its partition holds (events, notes). Its writes are the item
 * builders of ./records.ts; its queues are in ./queues.ts.
 */

export async function getDossier<T>(store: Store, id: string): Promise<T | undefined> {
  return getEntity<T>(store, keys.dossier(id));
}

/** An applicant's dossiers, newest first, fifty a page. */
export const listDossiersOfOwner = <T>(store: Store, ownerSub: string, cursor?: string): Promise<Page<T>> =>
  queryPage<T>(store, {
    index: 'byOwner',
    pk: keys.ownerPartition(ownerSub),
    newestFirst: true,
    limit: 50,
    cursor,
  });

async function partitionItems<T>(store: Store, dossierId: string, prefix: string): Promise<T[]> {
  return queryList<T>(store, { pk: keys.dossierPartition(dossierId), prefix });
}

/** A dossier's audit events, oldest first. */
export const listDossierEvents = <T>(store: Store, dossierId: string) =>
  partitionItems<T>(store, dossierId, 'EVENT#');

/** A dossier's private notes, oldest first. */
export const listDossierNotes = <T>(store: Store, dossierId: string) =>
  partitionItems<T>(store, dossierId, 'NOTE#');

/** Passes only while the dossier is in `status` (label `dossier`), to tie a write to its state. */
export const dossierStatusCheckTx = (store: Store, dossierId: string, status: string): LabelledItem => ({
  label: 'dossier',
  item: tx.check(
    store,
    keys.dossier(dossierId),
    '#status = :status',
    { ':status': status },
    { '#status': 'status' },
  ),
});
