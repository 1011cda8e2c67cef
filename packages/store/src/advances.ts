import type { Store } from './clients.ts';
import { getEntity, queryAll } from './items.ts';
import { keys } from './keys.ts';
import { type LabelledItem, tx } from './transact.ts';

/**
 * Repayable advances (avances remboursables) as stored: one item per dossier, its repayments
 * inside it (at most a few dozen). Every change is conditioned on the version read, so two
 * finance officers recording at once cannot both win.
 */
export interface AdvanceFields {
  readonly dossierId: string;
  readonly openedAt: string;
  readonly version: number;
}

/** A new advance, listed for finance (fails with label `advance` if the dossier has one). */
export const createAdvanceTx = <A extends AdvanceFields>(store: Store, a: A): LabelledItem => ({
  label: 'advance',
  item: tx.putNew(store, {
    ...keys.repayableAdvance(a.dossierId),
    ...keys.repayableAdvanceList(a.openedAt, a.dossierId),
    type: 'repayable_advance',
    ...(a as object),
  }),
});

/** Replaces an advance only if it is still at the version read (label `advance`). */
export const replaceAdvanceTx = <A extends AdvanceFields>(
  store: Store,
  a: A,
  expectedVersion: number,
): LabelledItem => ({
  label: 'advance',
  item: tx.put(
    store,
    {
      ...keys.repayableAdvance(a.dossierId),
      ...keys.repayableAdvanceList(a.openedAt, a.dossierId),
      type: 'repayable_advance',
      ...(a as object),
    },
    'version = :v',
    undefined,
    { ':v': expectedVersion },
  ),
});

export async function getAdvance<T>(store: Store, dossierId: string): Promise<T | undefined> {
  return getEntity<T>(store, keys.repayableAdvance(dossierId));
}

/** Every advance, oldest first, page by page (a Query on one partition of byStatus). */
export function listAdvances<T>(store: Store): AsyncGenerator<T[]> {
  return queryAll<T>(store, { index: 'byStatus', pk: keys.repayableAdvancePartition() });
}
