import { replaceDossierTx, transact } from '@aides/store';
import type { ServiceContext } from '../context.ts';
import type { Dossier } from '../dossiers/model.ts';

/**
 * The applicant is warned before an untouched draft is deleted.
 *
 * HOOK (issue 13§2, e-mail outbox): when this branch was written the outbox was not on main, so
 * NO E-MAIL IS SENT YET. What exists: the warning is recorded on the draft (`retentionWarning`,
 * shown on « Mes dossiers ») and the deletion waits at least `warningDays` after it. Once the
 * outbox lands, this function adds its outbox item (« Votre brouillon sera supprimé le … ») to the
 * same transaction; nothing else changes.
 *
 * The write keeps `updatedAt`: a warning must not restart the draft's own clock.
 */
export async function recordDraftDeletionWarning(
  ctx: ServiceContext,
  d: Dossier,
  deletionDue: string,
): Promise<Dossier> {
  const next: Dossier = {
    ...d,
    version: d.version + 1,
    retentionWarning: { at: ctx.now().toISOString(), forUpdatedAt: d.updatedAt, deletionDue },
  };
  await transact(ctx.store, [replaceDossierTx(ctx.store, next, d.version)]);
  return next;
}
