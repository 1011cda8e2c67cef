import { referenceFor, type Scheme } from '@aides/domain';
import {
  ConditionFailedError,
  claimReferenceTx,
  type LabelledItem,
  TransactionConflictError,
  takeReferenceNumber,
  transact,
  voidReference,
} from '@aides/store';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';

/**
 * Filing with a new reference, in the order that never depends on another filer: take the next
 * number (an atomic increment, no waiting), then write the dossier's items with the claim of the
 * number in one transaction. A number whose write fails is recorded as void with its reason
 * (packages/store/src/reference-numbers.ts): references stay unique, and a gap always has an
 * explanation — a recorded one, or, if this process died first, "unknown" in the gap report.
 */

/** What the gap report says of a number that has neither a dossier nor a void record. */
export const UNKNOWN_GAP_REASON = 'inconnue (interruption probable)';

/** Transaction conflicts on the dossier's own items are retried with the same number (it is ours). */
const CONFLICT_RETRIES = 8;
/** A number found already claimed (a counter restored behind its claims) is replaced this often. */
const RENUMBER_LIMIT = 5;

function voidReason(e: unknown): string {
  if (e instanceof ConditionFailedError) {
    if (e.label === 'dossier')
      return 'Dépôt non enregistré : le dossier avait changé ou venait d’être déposé.';
    if (e.label === 'idempotency') return 'Dépôt rejoué en parallèle avec la même clé d’idempotence.';
    return `Dépôt non enregistré : condition non remplie (${e.label}).`;
  }
  if (e instanceof TransactionConflictError)
    return 'Écriture en conflit avec une autre modification du dossier.';
  return `Échec technique de l’écriture du dépôt (${e instanceof Error ? e.name : 'erreur inconnue'}).`;
}

async function writeWithRetries(ctx: ServiceContext, items: readonly LabelledItem[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await transact(ctx.store, items);
    } catch (e) {
      if (!(e instanceof TransactionConflictError) || attempt >= CONFLICT_RETRIES) throw e;
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * (attempt + 1)));
    }
  }
}

/**
 * Takes the next reference of `scheme` and `year` and writes `itemsFor(reference)` with its claim.
 * Returns the reference given; on failure the number is settled as void (best effort) and the
 * write's error is rethrown for the caller to map.
 */
export async function writeWithNewReference(
  ctx: ServiceContext,
  o: {
    scheme: Scheme;
    year: number;
    dossierId: string;
    itemsFor: (reference: string) => readonly LabelledItem[];
  },
): Promise<string> {
  for (let renumber = 0; renumber < RENUMBER_LIMIT; renumber++) {
    const reference = referenceFor(o.scheme, o.year, await takeReferenceNumber(ctx.store, o.scheme, o.year));
    try {
      await writeWithRetries(ctx, [
        ...o.itemsFor(reference),
        claimReferenceTx(ctx.store, { reference, dossierId: o.dossierId }),
      ]);
      return reference;
    } catch (e) {
      // Already claimed by another dossier: this number was never ours to give; take the next.
      if (e instanceof ConditionFailedError && e.label === 'reference' && e.item?.dossierId !== o.dossierId)
        continue;
      const settled = await voidReference(ctx.store, {
        reference,
        dossierId: o.dossierId,
        reason: voidReason(e),
        at: ctx.now().toISOString(),
      }).catch(() => undefined);
      // The write went through after all (its answer was lost): the filing is done.
      if (settled?.state === 'given' && settled.dossierId === o.dossierId) return reference;
      throw e;
    }
  }
  throw new AppError(
    503,
    'reessayer',
    'Service occupé',
    'Les numéros de dossier suivants étaient déjà attribués : réessayez dans un instant.',
  );
}
