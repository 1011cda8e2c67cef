import { type DocumentType, documentTypeLabels } from '@aides/domain';
import { getAttachment, listAttachments as listStoredAttachments } from '@aides/store';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { loadDossier } from '../dossiers/access.ts';
import type { Dossier } from '../dossiers/model.ts';
import { notFound } from '../errors.ts';
import { cleanFileName } from './file-names.ts';

/*
 * A dossier's attachments: the model and the reads, which need only the table. What moves files
 * in the bucket (upload grants, confirmation, download links, deletion) is in `files.ts`, so that
 * code which lists or counts attachments (the web's pages, submission, payments) carries no S3
 * client.
 */

/**
 * Scan status. On AWS, GuardDuty Malware Protection tags each object and downloads wait for a
 * clean verdict; locally no scanner runs, and the status says so plainly.
 */
export type ScanStatus = 'not_scanned' | 'pending' | 'clean' | 'infected';
export const scanStatusLabels: Record<ScanStatus, string> = {
  not_scanned: 'Non analysé (aucun antivirus dans cet environnement)',
  pending: 'Analyse antivirus en cours',
  clean: 'Analysé : aucune menace',
  infected: 'Menace détectée : fichier bloqué',
};

export interface Attachment {
  id: string;
  dossierId: string;
  documentType: string;
  fileName: string;
  declaredType: string;
  status: 'pending' | 'available' | 'rejected';
  scanStatus: ScanStatus;
  /** What the applicant said the file weighs; the stored file must weigh exactly that. */
  declaredSize?: number;
  /** The upload window the grant belongs to (see `uploadWindow`); confirm needs the same one open. */
  uploadWindow?: string;
  /** Confirmed on a granted dossier: a payment document, queued for the instructor until its verdict. */
  paymentDocumentSince?: string;
  /** The confirmed, immutable copy that is served (key, and version on a versioned bucket). */
  storedKey?: string;
  storedVersionId?: string;
  size?: number;
  rejectionReason?: string;
  verdict?: { valid: boolean; reason?: string; by: string; byName: string; at: string };
  uploadedBy: string;
  createdAt: string;
  uploadExpiresAt: string;
  confirmedAt?: string;
}

/**
 * Where uploads are allowed: drafts, requests for documents, and invoices once aid is granted.
 * Each is a window; a grant belongs to the window it was made in and is only good while that
 * window is open (a draft's grant is dead once the dossier is filed, even if it later asks for
 * documents; one request for documents is not the next one). Paying an advance moves `approved`
 * to `partly_paid` without closing the payment window.
 */
export function uploadWindow(d: Pick<Dossier, 'status' | 'documentRequest'>): string | undefined {
  switch (d.status) {
    case 'draft':
      return 'draft';
    case 'awaiting_documents':
      return `documents:${d.documentRequest?.at ?? ''}`;
    case 'approved':
    case 'partly_paid':
      return 'payment';
    default:
      return undefined;
  }
}

export async function loadAttachment(
  ctx: ServiceContext,
  dossierId: string,
  attachmentId: string,
): Promise<Attachment> {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(attachmentId)) throw notFound('Pièce introuvable.');
  const a = await getAttachment<Attachment>(ctx.store, dossierId, attachmentId);
  if (!a) throw notFound('Pièce introuvable.');
  return a;
}

export async function listAttachments(
  ctx: ServiceContext,
  caller: Caller,
  dossierId: string,
): Promise<Attachment[]> {
  const d = await loadDossier(ctx, caller, dossierId);
  return readAttachments(ctx, d.id);
}

/** A dossier's attachments, for use cases that have already loaded (and authorised) the dossier. */
export async function readAttachments(ctx: ServiceContext, dossierId: string): Promise<Attachment[]> {
  const out = await listStoredAttachments<Attachment>(ctx.store, dossierId);
  return out.map((a) => ({
    ...a,
    // Names stored before cleaning existed are shown cleaned too.
    fileName: cleanFileName(a.fileName) || 'piece',
    documentTypeLabel: documentTypeLabels[a.documentType as DocumentType] ?? a.documentType,
  }));
}

/** Document types with a received file that the instructor found valid. */
export async function verifiedDocumentTypes(ctx: ServiceContext, dossierId: string): Promise<string[]> {
  const attachments = await readAttachments(ctx, dossierId);
  return attachments.filter((a) => a.status === 'available' && a.verdict?.valid).map((a) => a.documentType);
}
