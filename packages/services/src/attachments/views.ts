import { type DocumentType, documentTypeLabels } from '@aides/domain';
import type { Caller } from '../caller.ts';
import { type Audience, audienceOf } from '../dossiers/views.ts';
import { type Attachment, scanStatusLabels } from './attachments.ts';

/**
 * What each audience reads of an attachment, field by field (nothing passed through): the
 * applicant sees their file, its state and the instructor's verdict with its reason (addressed to
 * them: the form says « Motif communiqué au demandeur »), never who gave it or when; who uploaded
 * stays with staff. Neither audience gets storage keys or object keys.
 */
export interface ApplicantAttachmentView {
  id: string;
  dossierId: string;
  documentType: string;
  documentTypeLabel: string;
  fileName: string;
  declaredType: string;
  status: Attachment['status'];
  scanStatus: Attachment['scanStatus'];
  scanStatusLabel: string;
  size?: number;
  rejectionReason?: string;
  createdAt: string;
  uploadExpiresAt: string;
  confirmedAt?: string;
  /** The instructor's verdict as the applicant reads it: conforming or not, and why. */
  verdict?: { valid: boolean; reason?: string };
}

export interface StaffAttachmentView extends ApplicantAttachmentView {
  uploadedBy: string;
  verdict?: { valid: boolean; reason?: string; by: string; byName: string; at: string };
}

export function applicantAttachmentView(a: Attachment): ApplicantAttachmentView {
  return {
    id: a.id,
    dossierId: a.dossierId,
    documentType: a.documentType,
    documentTypeLabel: documentTypeLabels[a.documentType as DocumentType] ?? a.documentType,
    fileName: a.fileName,
    declaredType: a.declaredType,
    status: a.status,
    scanStatus: a.scanStatus,
    scanStatusLabel: scanStatusLabels[a.scanStatus],
    ...(a.size !== undefined ? { size: a.size } : {}),
    ...(a.rejectionReason !== undefined ? { rejectionReason: a.rejectionReason } : {}),
    createdAt: a.createdAt,
    uploadExpiresAt: a.uploadExpiresAt,
    ...(a.confirmedAt !== undefined ? { confirmedAt: a.confirmedAt } : {}),
    ...(a.verdict
      ? {
          verdict: {
            valid: a.verdict.valid,
            ...(a.verdict.reason !== undefined ? { reason: a.verdict.reason } : {}),
          },
        }
      : {}),
  };
}

export function staffAttachmentView(a: Attachment): StaffAttachmentView {
  // Staff read the verdict with who gave it and when (below).
  const { verdict: _applicantVerdict, ...common } = applicantAttachmentView(a);
  return {
    ...common,
    uploadedBy: a.uploadedBy,
    ...(a.verdict
      ? {
          verdict: {
            valid: a.verdict.valid,
            ...(a.verdict.reason !== undefined ? { reason: a.verdict.reason } : {}),
            by: a.verdict.by,
            byName: a.verdict.byName,
            at: a.verdict.at,
          },
        }
      : {}),
  };
}

/** Attachments belong to a dossier: the audience is the dossier's (see `audienceOf`). */
export const attachmentViewFor = (audience: Audience) =>
  audience === 'staff' ? staffAttachmentView : applicantAttachmentView;

/**
 * The audience for an attachment answer when only the caller is known. An attachment's dossier
 * owner is the uploader, so a staff member's own upload reads as the applicant's.
 */
export const attachmentView = (a: Attachment, caller: Caller) =>
  attachmentViewFor(audienceOf(caller, { ownerSub: a.uploadedBy }))(a);

/** The answer to an upload request: the attachment and the presigned POST to send the file with. */
export function uploadGrantView(
  grant: {
    attachment: Attachment;
    upload: { url: string; fields: Record<string, string>; expiresAt: string };
  },
  caller: Caller,
) {
  return {
    attachment: attachmentView(grant.attachment, caller),
    upload: { url: grant.upload.url, fields: { ...grant.upload.fields }, expiresAt: grant.upload.expiresAt },
  };
}

/** A short-lived download link and the scan status that allowed it. */
export function downloadView(d: {
  url: string;
  expiresInSeconds: number;
  scanStatus: Attachment['scanStatus'];
}) {
  return {
    url: d.url,
    expiresInSeconds: d.expiresInSeconds,
    scanStatus: d.scanStatus,
    scanStatusLabel: scanStatusLabels[d.scanStatus],
  };
}

/**
 * The refused documents the household still has to replace: a refused document that a later one
 * of the same type has replaced is no longer listed (after a refused RIB was replaced and found
 * conforming, the page still said « Pièces à remplacer … un formulaire de dépôt apparaîtra »).
 */
export function documentsToReplace(attachments: readonly ApplicantAttachmentView[]) {
  const available = attachments.filter((a) => a.status === 'available');
  const at = (a: ApplicantAttachmentView) => a.confirmedAt ?? a.createdAt;
  return available.filter(
    (a) =>
      a.verdict?.valid === false &&
      !available.some((b) => b.id !== a.id && b.documentType === a.documentType && at(b) > at(a)),
  );
}
