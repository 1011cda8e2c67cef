import { randomUUID } from 'node:crypto';
import { type DocumentType, documentTypeLabels, documentTypesByScheme } from '@aides/domain';
import { attachmentItem, getItem, keys, queryAll, transact, tx } from '@aides/store';
import {
  deleteObject,
  headObject,
  malwareScanTag,
  objectKeys,
  presignDownload,
  presignUpload,
  readFirstBytes,
} from '@aides/store/objects';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { isStaff, loadDossier } from '../dossiers/access.ts';
import { AppError, conflict, notFound, parseOrThrow, unprocessable } from '../errors.ts';
import {
  ALLOWED_TYPE_NAMES,
  ALLOWED_TYPES,
  MAGIC_BYTES_NEEDED,
  sizeRangeFor,
  sniffType,
} from './file-types.ts';

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
  size?: number;
  rejectionReason?: string;
  verdict?: { valid: boolean; reason?: string; by: string; byName: string; at: string };
  uploadedBy: string;
  createdAt: string;
  uploadExpiresAt: string;
  confirmedAt?: string;
}

const UPLOAD_TTL_SECONDS = 15 * 60;
/** Where uploads are allowed: drafts, requests for documents, and invoices once aid is granted. */
const UPLOAD_STATES = ['draft', 'awaiting_documents', 'approved', 'partly_paid'];

export const requestUploadInput = z.object({
  documentType: z.string({ error: 'Type de pièce attendu' }),
  fileName: z
    .string({ error: 'Nom de fichier attendu' })
    .trim()
    .min(1, 'Nom de fichier obligatoire')
    .max(200, 'Nom de fichier trop long')
    .refine(
      (n) => ![...n].some((ch) => ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20),
      'Nom de fichier invalide',
    ),
  contentType: z.enum(ALLOWED_TYPE_NAMES as [string, ...string[]], {
    error: 'Type de fichier refusé : PDF, JPEG ou PNG uniquement',
  }),
  size: z
    .number({ error: 'Taille attendue (octets)' })
    .int('Taille entière attendue')
    .positive('Taille positive attendue'),
});

async function loadAttachment(
  ctx: ServiceContext,
  dossierId: string,
  attachmentId: string,
): Promise<Attachment> {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(attachmentId)) throw notFound('Pièce introuvable.');
  const item = await getItem(ctx.store, keys.attachment(dossierId, attachmentId));
  if (!item) throw notFound('Pièce introuvable.');
  return item as unknown as Attachment;
}

const putAttachment = (ctx: ServiceContext, a: Attachment) => ({
  label: 'attachment',
  item: tx.put(ctx.store, attachmentItem(a as never)),
});

/** A presigned POST for one document: key, size range and content type pinned by the policy. */
export async function requestUpload(ctx: ServiceContext, caller: Caller, dossierId: string, input: unknown) {
  const body = parseOrThrow(requestUploadInput, input);
  const d = await loadDossier(ctx, caller, dossierId);
  if (d.ownerSub !== caller.sub) throw notFound('Dossier introuvable.');
  if (!UPLOAD_STATES.includes(d.status)) {
    throw conflict(
      'Les pièces se déposent sur un brouillon, en réponse à une demande de pièces, ou pour le paiement une fois l’aide accordée.',
    );
  }
  const allowedDocs = documentTypesByScheme[d.scheme] as readonly string[];
  if (!allowedDocs.includes(body.documentType)) {
    throw new AppError(
      400,
      'requete-invalide',
      'Requête invalide',
      'Type de pièce inconnu pour ce dispositif.',
      [{ pointer: '/documentType', detail: `Types acceptés : ${allowedDocs.join(', ')}` }],
    );
  }
  const range = sizeRangeFor(body.documentType);
  if (body.size < range.min || body.size > range.max) {
    throw new AppError(400, 'requete-invalide', 'Requête invalide', 'Taille de fichier hors limites.', [
      {
        pointer: '/size',
        detail: `Taille acceptée : de ${range.min} octets à ${range.max / 1024 / 1024} Mo`,
      },
    ]);
  }
  const id = randomUUID();
  const key = objectKeys.attachment(d.id, id);
  const upload = await presignUpload(ctx.store, {
    key,
    contentType: body.contentType,
    minBytes: range.min,
    maxBytes: range.max,
    expiresInSeconds: UPLOAD_TTL_SECONDS,
  });
  const a: Attachment = {
    id,
    dossierId: d.id,
    documentType: body.documentType,
    fileName: body.fileName,
    declaredType: body.contentType,
    status: 'pending',
    scanStatus: ctx.scanner === 'guardduty' ? 'pending' : 'not_scanned',
    uploadedBy: caller.sub,
    createdAt: ctx.now().toISOString(),
    uploadExpiresAt: upload.expiresAt,
  };
  await transact(ctx.store, [putAttachment(ctx, a)]);
  return { attachment: a, upload: { url: upload.url, fields: upload.fields, expiresAt: upload.expiresAt } };
}

/**
 * After the browser's upload: the object must exist, have arrived before the policy expired,
 * be within the size range and start with the bytes of its declared type. Otherwise the object
 * is deleted and the attachment marked rejected with the reason; it is never served.
 */
export async function confirmUpload(
  ctx: ServiceContext,
  caller: Caller,
  dossierId: string,
  attachmentId: string,
) {
  const d = await loadDossier(ctx, caller, dossierId);
  if (d.ownerSub !== caller.sub) throw notFound('Dossier introuvable.');
  const a = await loadAttachment(ctx, d.id, attachmentId);
  if (a.status === 'available') return a;
  if (a.status === 'rejected') throw unprocessable(`Pièce refusée : ${a.rejectionReason ?? ''}`);
  const key = objectKeys.attachment(d.id, a.id);
  const head = await headObject(ctx.store, key);
  if (!head) {
    if (Date.parse(a.uploadExpiresAt) < ctx.now().getTime())
      return reject(ctx, a, key, 'Autorisation de dépôt expirée.');
    throw unprocessable('Aucun fichier reçu pour cette pièce : déposez-le avant de confirmer.');
  }
  const range = sizeRangeFor(a.documentType);
  if (head.lastModified && head.lastModified.getTime() > Date.parse(a.uploadExpiresAt) + 1000) {
    return reject(ctx, a, key, 'Fichier déposé après l’expiration de l’autorisation.');
  }
  if (head.size < range.min || head.size > range.max) {
    return reject(ctx, a, key, `Taille du fichier hors limites (${head.size} octets).`);
  }
  const real = sniffType(await readFirstBytes(ctx.store, key, MAGIC_BYTES_NEEDED));
  if (real !== a.declaredType) {
    const label = ALLOWED_TYPES[a.declaredType as keyof typeof ALLOWED_TYPES]?.label ?? a.declaredType;
    return reject(ctx, a, key, `Le contenu du fichier n’est pas un ${label} valide.`);
  }
  const ok: Attachment = { ...a, status: 'available', size: head.size, confirmedAt: ctx.now().toISOString() };
  await transact(ctx.store, [putAttachment(ctx, ok)]);
  return ok;
}

async function reject(ctx: ServiceContext, a: Attachment, key: string, reason: string): Promise<never> {
  await deleteObject(ctx.store, key).catch(() => undefined);
  await transact(ctx.store, [putAttachment(ctx, { ...a, status: 'rejected', rejectionReason: reason })]);
  throw unprocessable(`Pièce refusée : ${reason}`);
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
  const out: Attachment[] = [];
  for await (const page of queryAll<Attachment>(ctx.store, {
    pk: keys.dossierPartition(dossierId),
    prefix: 'ATTACHMENT#',
  })) {
    out.push(...page);
  }
  return out.map((a) => ({
    ...a,
    documentTypeLabel: documentTypeLabels[a.documentType as DocumentType] ?? a.documentType,
  }));
}

/** Document types with a received file that the instructor found valid. */
export async function verifiedDocumentTypes(ctx: ServiceContext, dossierId: string): Promise<string[]> {
  const attachments = await readAttachments(ctx, dossierId);
  return attachments.filter((a) => a.status === 'available' && a.verdict?.valid).map((a) => a.documentType);
}

/** A short-lived download URL, only for a confirmed file whose scan status allows it. */
export async function downloadUrl(
  ctx: ServiceContext,
  caller: Caller,
  dossierId: string,
  attachmentId: string,
) {
  const d = await loadDossier(ctx, caller, dossierId);
  let a = await loadAttachment(ctx, d.id, attachmentId);
  if (a.status !== 'available') throw conflict('Cette pièce n’est pas disponible au téléchargement.');
  if (a.scanStatus === 'pending') a = await refreshScanStatus(ctx, a);
  if (a.scanStatus === 'pending' || a.scanStatus === 'infected') {
    throw conflict(`Téléchargement impossible : ${scanStatusLabels[a.scanStatus]}.`);
  }
  const url = await presignDownload(ctx.store, {
    key: objectKeys.attachment(d.id, a.id),
    fileName: a.fileName,
    contentType: a.declaredType,
    expiresInSeconds: 60,
  });
  return {
    url,
    expiresInSeconds: 60,
    scanStatus: a.scanStatus,
    scanStatusLabel: scanStatusLabels[a.scanStatus],
  };
}

/** Reads GuardDuty's verdict from the object's tags and keeps it once final. */
async function refreshScanStatus(ctx: ServiceContext, a: Attachment): Promise<Attachment> {
  const tag = await malwareScanTag(ctx.store, objectKeys.attachment(a.dossierId, a.id));
  const scanStatus: ScanStatus =
    tag === 'NO_THREATS_FOUND' ? 'clean' : tag === 'THREATS_FOUND' ? 'infected' : 'pending';
  if (scanStatus === 'pending') return a;
  const updated = { ...a, scanStatus };
  await transact(ctx.store, [putAttachment(ctx, updated)]);
  return updated;
}

export async function deleteAttachment(
  ctx: ServiceContext,
  caller: Caller,
  dossierId: string,
  attachmentId: string,
) {
  const d = await loadDossier(ctx, caller, dossierId);
  if (d.ownerSub !== caller.sub || isStaff(caller)) throw notFound('Dossier introuvable.');
  if (d.status !== 'draft')
    throw conflict('Une pièce ne se supprime que tant que le dossier est un brouillon.');
  const a = await loadAttachment(ctx, d.id, attachmentId);
  await transact(ctx.store, [
    { label: 'attachment', item: tx.delete(ctx.store, keys.attachment(d.id, a.id)) },
  ]);
  await deleteObject(ctx.store, objectKeys.attachment(d.id, a.id)).catch(() => undefined);
}
