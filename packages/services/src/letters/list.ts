import { formatEuros, funderLabels, paymentKindLabels } from '@aides/domain';
import { listDossierLetterRecords } from '@aides/store';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { loadDossier } from '../dossiers/access.ts';
import type { Dossier } from '../dossiers/model.ts';
import { listPayments } from './facts.ts';
import { type LetterListing, type LetterRecord, letterIds, letterTitles } from './model.ts';

/**
 * The official documents of a dossier, for its applicant and for staff: one per event that has
 * happened (filing, decision, each payment), issued or not yet (it is issued on first download).
 * No pdfmake here: the web and the applications function list without carrying it.
 */
export async function dossierLetters(ctx: ServiceContext, d: Dossier): Promise<LetterListing[]> {
  const [records, payments] = await Promise.all([
    listDossierLetterRecords<LetterRecord>(ctx.store, d.id),
    d.decision?.outcome === 'favourable' ? listPayments(ctx, d.id) : Promise.resolve([]),
  ]);
  const issued = new Map(records.map((r) => [r.letterId, r]));
  const out: LetterListing[] = [];
  const add = (l: Omit<LetterListing, 'issuedAt' | 'sha256'>) => {
    const r = issued.get(l.letterId);
    out.push({ ...l, ...(r ? { issuedAt: r.issuedAt, sha256: r.sha256 } : {}) });
  };
  if (d.filedAt) {
    add({
      letterId: letterIds.acknowledgement(),
      kind: 'acknowledgement',
      title: letterTitles.acknowledgement,
      subject: `Demande ${d.reference ?? d.id} reçue`,
      eventDate: d.filedAt,
    });
  }
  if (d.decision && d.decision.outcome !== 'adjourned') {
    add({
      letterId: letterIds.decision(d.decision.sessionId),
      kind: 'decision',
      title: letterTitles.decision,
      subject: d.decision.outcome === 'favourable' ? 'Aide accordée' : 'Aide refusée',
      eventDate: d.decision.at,
    });
  }
  for (const p of payments) {
    add({
      letterId: letterIds.paymentNotice(p.id),
      kind: 'payment_notice',
      title: letterTitles.payment_notice,
      subject: `${paymentKindLabels[p.kind]} de ${formatEuros(p.amountCents)} — ${funderLabels[p.funder]}`,
      eventDate: p.at,
    });
  }
  return out;
}

/** The caller's view of a dossier's documents (404 for somebody else's dossier). */
export async function listDossierLetters(ctx: ServiceContext, caller: Caller, dossierId: string) {
  const d = await loadDossier(ctx, caller, dossierId);
  return dossierLetters(ctx, d);
}

/** A listing as any audience reads it: no storage key, no staff identifier (nothing else to hide). */
export const letterListingView = (l: LetterListing): LetterListing => ({
  letterId: l.letterId,
  kind: l.kind,
  title: l.title,
  subject: l.subject,
  eventDate: l.eventDate,
  ...(l.issuedAt ? { issuedAt: l.issuedAt } : {}),
  ...(l.sha256 ? { sha256: l.sha256 } : {}),
});
