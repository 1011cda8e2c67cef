import { outboxItemTx, replaceDossierTx, transact } from '@aides/store';
import type { ServiceContext } from '../context.ts';
import type { Dossier } from '../dossiers/model.ts';
import { applicantNotification } from '../notifications/outbox.ts';

/**
 * The applicant is warned before an untouched draft is deleted: the warning is recorded on the
 * draft (`retentionWarning`, shown on « Mes dossiers »), and the e-mail (« Votre brouillon sera
 * supprimé le … », issue 13§2's outbox) is written in the same transaction; the deletion waits
 * at least `warningDays` after it. The write keeps `updatedAt`: a warning must not restart the
 * draft's own clock.
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
  const mail = await applicantNotification(ctx, next, { kind: 'draft_deletion', deletionDue });
  await transact(ctx.store, [
    replaceDossierTx(ctx.store, next, d.version),
    ...(mail ? [outboxItemTx(ctx.store, mail)] : []),
  ]);
  return next;
}
