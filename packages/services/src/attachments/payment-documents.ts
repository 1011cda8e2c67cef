import {
  type DocumentType,
  documentTypeLabels,
  type PaymentNeed,
  paymentDocumentTypes,
  paymentNeeds,
} from '@aides/domain';
import { getDossier, paymentDocumentsToVerify } from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { isStaff, loadDossier, requireRole } from '../dossiers/access.ts';
import type { Dossier } from '../dossiers/model.ts';
import { parseOrThrow } from '../errors.ts';
import { orBadCursor } from '../paging.ts';
import { ruleSetOfDossier } from '../rule-sets.ts';
import { type Attachment, readAttachments, scanStatusLabels } from './attachments.ts';

/**
 * Payment documents (RIB, invoices… as the dossier's rule set asks before each payment): what
 * the household, the instructor and finance read of them, and the instructors' queue of those
 * awaiting a verdict.
 */

export type PaymentDocumentState = 'refused_file' | 'to_verify' | 'valid' | 'invalid';
export const paymentDocumentStateLabels: Record<PaymentDocumentState, string> = {
  refused_file: 'Fichier refusé au dépôt',
  to_verify: 'Reçue, en attente de vérification',
  valid: 'Vérifiée : conforme',
  invalid: 'Non conforme',
};

/** One payment document as its reader sees it; the instructor's name only for staff. */
export interface PaymentDocumentView {
  id: string;
  dossierId: string;
  documentType: string;
  documentTypeLabel: string;
  fileName: string;
  state: PaymentDocumentState;
  stateLabel: string;
  /** Why the file or the document was refused. */
  reason?: string;
  scanStatusLabel: string;
  /** A confirmed file, which its owner and staff may open. */
  available: boolean;
  confirmedAt?: string;
  verdictAt?: string;
  verifiedBy?: string;
}

const stateOf = (a: Attachment): PaymentDocumentState =>
  a.status === 'rejected' ? 'refused_file' : !a.verdict ? 'to_verify' : a.verdict.valid ? 'valid' : 'invalid';

export function paymentDocumentView(a: Attachment, audience: 'applicant' | 'staff'): PaymentDocumentView {
  const state = stateOf(a);
  const reason =
    state === 'refused_file' ? a.rejectionReason : state === 'invalid' ? a.verdict?.reason : undefined;
  return {
    id: a.id,
    dossierId: a.dossierId,
    documentType: a.documentType,
    documentTypeLabel: documentTypeLabels[a.documentType as DocumentType] ?? a.documentType,
    fileName: a.fileName,
    state,
    stateLabel: paymentDocumentStateLabels[state],
    ...(reason ? { reason } : {}),
    scanStatusLabel: scanStatusLabels[a.scanStatus],
    available: a.status === 'available',
    ...(a.confirmedAt ? { confirmedAt: a.confirmedAt } : {}),
    ...(a.verdict ? { verdictAt: a.verdict.at } : {}),
    ...(audience === 'staff' && a.verdict ? { verifiedBy: a.verdict.byName } : {}),
  };
}

export interface PaymentDocuments {
  /** Each payment still possible, with the documents it needs and those still missing. */
  needs: PaymentNeed[];
  /** The document types a payment needs: what the household may upload once granted. */
  types: string[];
  /** Files of those types, newest first (an unfinished upload is not listed). */
  documents: PaymentDocumentView[];
}

/**
 * The payment documents of a dossier the caller may see (its owner, or staff). A document
 * counts as verified once one file of its type was found valid, as the payment itself checks.
 */
export async function paymentDocuments(
  ctx: ServiceContext,
  caller: Caller,
  dossierId: string,
): Promise<PaymentDocuments> {
  const d = await loadDossier(ctx, caller, dossierId);
  const rules = (await ruleSetOfDossier(ctx, d)).documents;
  const types = paymentDocumentTypes(rules);
  const attachments = await readAttachments(ctx, d.id);
  const verified = attachments
    .filter((a) => a.status === 'available' && a.verdict?.valid)
    .map((a) => a.documentType);
  const audience = isStaff(caller) && d.ownerSub !== caller.sub ? 'staff' : 'applicant';
  const documents = attachments
    .filter((a) => types.includes(a.documentType) && a.status !== 'pending')
    .sort((x, y) => (y.confirmedAt ?? y.createdAt).localeCompare(x.confirmedAt ?? x.createdAt))
    .map((a) => paymentDocumentView(a, audience));
  return { needs: paymentNeeds(d.status, rules, verified), types, documents };
}

export const paymentQueueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2000).optional(),
});

export interface PaymentQueueItem {
  document: PaymentDocumentView;
  dossier: Pick<Dossier, 'id' | 'scheme' | 'status'> & { reference?: string; beneficiary?: string };
}

/** The dossiers whose payment documents the instructor can still judge. */
const PAYABLE: readonly Dossier['status'][] = ['approved', 'partly_paid'];

/**
 * « Pièces de paiement à vérifier »: files uploaded on granted dossiers without a verdict, oldest
 * first — a Query on an index, never a Scan. A dossier paid in full or lapsed meanwhile no longer
 * needs them: its documents are left out of the page.
 */
export async function paymentDocumentQueue(ctx: ServiceContext, caller: Caller, query: unknown) {
  requireRole(caller, 'instructor', 'admin');
  const q = parseOrThrow(paymentQueueQuery, query ?? {});
  const page = await orBadCursor(() =>
    paymentDocumentsToVerify<Attachment>(ctx.store, { limit: q.limit, cursor: q.cursor }),
  );
  const dossiers = new Map<string, Dossier | undefined>();
  for (const id of new Set(page.items.map((a) => a.dossierId)))
    dossiers.set(id, await getDossier<Dossier>(ctx.store, id));
  const items: PaymentQueueItem[] = [];
  for (const a of page.items) {
    const d = dossiers.get(a.dossierId);
    if (!d || !PAYABLE.includes(d.status)) continue;
    items.push({
      document: paymentDocumentView(a, 'staff'),
      dossier: {
        id: d.id,
        scheme: d.scheme,
        status: d.status,
        ...(d.reference ? { reference: d.reference } : {}),
        ...(d.beneficiary ? { beneficiary: d.beneficiary } : {}),
      },
    });
  }
  return { items, cursor: page.cursor };
}
