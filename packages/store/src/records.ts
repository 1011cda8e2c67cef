import { auditIndexAttributes } from './admin.ts';
import type { Store } from './clients.ts';
import { keys } from './keys.ts';
import type { LabelledItem } from './transact.ts';
import { tx } from './transact.ts';

/**
 * Item builders: each entity as stored, with its keys and index attributes. Services hand the
 * entities in; only this module and keys.ts know the storage shape.
 */

export interface DossierIndexFields {
  readonly id: string;
  readonly scheme: string;
  readonly status: string;
  readonly ownerSub: string;
  readonly createdAt: string;
  readonly filedAt?: string | undefined;
  readonly assigneeSub?: string | undefined;
  readonly sessionId?: string | undefined;
  readonly version: number;
  /** Personal data (issue 20): the retention index derives from these. */
  readonly updatedAt?: string | undefined;
  readonly purge?: { readonly state: string; readonly startedAt: string } | undefined;
  readonly eliminationListId?: string | undefined;
}

/**
 * States whose dossiers wait on the byRetention index for their retention clock (the domain's
 * RETENTION_STATES; a services test keeps the two equal). The clock starts at the last change
 * (`updatedAt`): for a draft its last edit, for a closed dossier its closing (a later correction
 * starts it again, which never purges early).
 */
export const RETENTION_INDEXED_STATES: readonly string[] = [
  'draft',
  'rejected',
  'withdrawn',
  'paid',
  'lapsed',
];

export function retentionIndex(d: DossierIndexFields): Record<string, string> {
  if (d.purge?.state === 'pending') return keys.dossierByRetention('purging', d.purge.startedAt, d.id);
  if (d.purge || d.eliminationListId || !RETENTION_INDEXED_STATES.includes(d.status)) return {};
  return keys.dossierByRetention(d.status, d.updatedAt ?? d.createdAt, d.id);
}

export function dossierItem<D extends DossierIndexFields>(d: D): Record<string, unknown> {
  const filed = d.filedAt ?? d.createdAt;
  const item: Record<string, unknown> = {
    ...keys.dossier(d.id),
    type: 'dossier',
    ...(d as object),
    ...keys.dossierByOwner(d.ownerSub, d.createdAt, d.id),
    // Drafts stay out of instructors' queues.
    ...(d.status !== 'draft' ? keys.dossierByStatus(d.scheme, d.status, filed, d.id) : {}),
    ...(d.assigneeSub ? keys.dossierByAssignee(d.assigneeSub, filed, d.id) : {}),
    ...retentionIndex(d),
  };
  return item;
}

/** Writes a new dossier; fails if the id exists. */
export const createDossierTx = (store: Store, d: DossierIndexFields): LabelledItem => ({
  label: 'dossier',
  item: tx.putNew(store, dossierItem(d)),
});

/**
 * Replaces a dossier only if it is still at `expectedVersion` (optimistic lock); the new
 * dossier must carry `expectedVersion + 1`.
 */
export function replaceDossierTx(store: Store, d: DossierIndexFields, expectedVersion: number): LabelledItem {
  if (d.version !== expectedVersion + 1) throw new Error('La version du dossier doit augmenter de 1');
  return {
    label: 'dossier',
    item: tx.put(
      store,
      dossierItem(d),
      '#version = :expected',
      { '#version': 'version' },
      { ':expected': expectedVersion },
    ),
  };
}

export interface EventFields {
  readonly id: string;
  readonly dossierId: string;
  readonly at: string;
}

export const putEventTx = <E extends EventFields>(store: Store, e: E): LabelledItem => {
  const actorSub = (e as { actorSub?: unknown }).actorSub;
  const action = (e as { action?: unknown }).action;
  return {
    label: 'event',
    item: tx.putNew(store, {
      ...keys.event(e.dossierId, e.at, e.id),
      type: 'event',
      ...(e as object),
      // The audit log's indexes (./admin.ts): by action, by person, by month.
      ...(typeof actorSub === 'string' && typeof action === 'string'
        ? auditIndexAttributes({ at: e.at, id: e.id, actorSub, type: action })
        : {}),
    }),
  };
};

export const putNoteTx = <E extends EventFields>(store: Store, n: E): LabelledItem => ({
  label: 'note',
  item: tx.putNew(store, { ...keys.note(n.dossierId, n.at, n.id), type: 'note', ...(n as object) }),
});

export const putMessageTx = <E extends EventFields>(store: Store, m: E): LabelledItem => ({
  label: 'message',
  item: tx.putNew(store, { ...keys.message(m.dossierId, m.at, m.id), type: 'message', ...(m as object) }),
});
