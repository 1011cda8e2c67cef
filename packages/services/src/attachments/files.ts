import { randomUUID } from 'node:crypto';
import {
  type DocumentType,
  documentTypeLabels,
  documentTypesByScheme,
  paymentDocumentTypes,
} from '@aides/domain';
import {
  ConditionFailedError,
  deleteAttachmentTx,
  dossierStatusCheckTx,
  putAttachmentTx,
  replacePendingAttachmentTx,
  transact,
} from '@aides/store';
import {
  copyObject,
  deleteObject,
  headObject,
  malwareScanTag,
  objectKeys,
  presignDownload,
  presignUpload,
  readFirstBytes,
} from '@aides/store/objects';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { isStaff, loadDossier } from '../dossiers/access.ts';
import { badRequest, conflict, notFound, parseOrThrow, unprocessable } from '../errors.ts';
import { OBJECT_DELETE_FAILED } from '../log-codes.ts';
import { recordAccess } from '../privacy/access-log.ts';
import { ruleSetOfDossier } from '../rule-sets.ts';
import {
  type Attachment,
  loadAttachment,
  type ScanStatus,
  scanStatusLabels,
  uploadWindow,
} from './attachments.ts';
import { cleanFileName, storedFileName } from './file-names.ts';
import { ALLOWED_TYPES, MAGIC_BYTES_NEEDED, sizeRangeFor, sniffType } from './file-types.ts';

/*
 * The attachment use cases that move files in the bucket: the presigned POST, the confirmation
 * (copy, size and type checks), the short-lived download link and the deletion. Only the API's
 * `attachments` function (and the seed and tests) load this module; the web calls that API.
 */

const UPLOAD_TTL_SECONDS = 15 * 60;

/** A presigned POST for one document: key, size range and content type pinned by the policy. */
export async function requestUpload(ctx: ServiceContext, caller: Caller, dossierId: string, input: unknown) {
  // Its own module, loaded here: listing, confirming or downloading never loads zod.
  const { requestUploadInput } = await import('./upload-input.ts');
  const body = parseOrThrow(requestUploadInput, input);
  const d = await loadDossier(ctx, caller, dossierId);
  if (d.ownerSub !== caller.sub) throw notFound('Dossier introuvable.');
  const window = uploadWindow(d);
  if (!window) throw conflict(UPLOADS_CLOSED);
  const allowedDocs = documentTypesByScheme[d.scheme] as readonly string[];
  if (!allowedDocs.includes(body.documentType)) {
    throw badRequest('Type de pièce inconnu pour ce dispositif.', [
      { pointer: '/documentType', detail: `Types acceptés : ${allowedDocs.join(', ')}` },
    ]);
  }
  if (window === 'payment') {
    // Once granted, only what the rule set asks before a payment (RIB, invoices…) is uploaded.
    const payable = paymentDocumentTypes((await ruleSetOfDossier(ctx, d)).documents);
    if (!payable.includes(body.documentType)) {
      throw badRequest('Pièce non attendue pour un paiement.', [
        {
          pointer: '/documentType',
          detail: `Une fois l’aide accordée, déposez : ${payable.map((t) => documentTypeLabels[t as DocumentType] ?? t).join(', ')}`,
        },
      ]);
    }
  }
  const range = sizeRangeFor(body.documentType);
  if (body.size < range.min || body.size > range.max) {
    throw badRequest('Taille de fichier hors limites.', [
      {
        pointer: '/size',
        detail: `Taille acceptée : de ${range.min} octets à ${range.max / 1024 / 1024} Mo`,
      },
    ]);
  }
  const id = randomUUID();
  const key = objectKeys.attachment(d.id, id);
  // The policy pins the exact declared size (S3 enforces it; confirm checks it again everywhere).
  const upload = await presignUpload(ctx.store, {
    key,
    contentType: body.contentType,
    minBytes: body.size,
    maxBytes: body.size,
    expiresInSeconds: UPLOAD_TTL_SECONDS,
  });
  const a: Attachment = {
    id,
    dossierId: d.id,
    documentType: body.documentType,
    fileName: storedFileName(body.fileName, body.contentType as keyof typeof ALLOWED_TYPES),
    declaredType: body.contentType,
    declaredSize: body.size,
    uploadWindow: window,
    status: 'pending',
    scanStatus: ctx.scanner === 'guardduty' ? 'pending' : 'not_scanned',
    uploadedBy: caller.sub,
    createdAt: ctx.now().toISOString(),
    uploadExpiresAt: upload.expiresAt,
  };
  await transact(ctx.store, [putAttachmentTx(ctx.store, a)]);
  return { attachment: a, upload: { url: upload.url, fields: upload.fields, expiresAt: upload.expiresAt } };
}

/**
 * After the browser's upload. The grant's upload window must still be open, the object must
 * exist and have arrived before the policy expired. Then its current bytes are copied to a key
 * no grant can name (`objectKeys.confirmedAttachment`), and that copy — not the upload key, which
 * the presigned POST can still overwrite until it expires — is checked: exactly the declared
 * size, within the type's range, starting with the bytes of its declared type. The copy (its
 * version, on a versioned bucket) is what is recorded, scanned and served from then on.
 * Otherwise the objects are deleted and the attachment marked rejected with the reason.
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
  const window = uploadWindow(d);
  // Grants made before windows were recorded only need an open window.
  if (!window || (a.uploadWindow !== undefined && a.uploadWindow !== window)) {
    return reject(ctx, a, [key], UPLOAD_WINDOW_CLOSED, 409);
  }
  const head = await headObject(ctx.store, key);
  if (!head) {
    if (Date.parse(a.uploadExpiresAt) < ctx.now().getTime())
      return reject(ctx, a, [key], 'Autorisation de dépôt expirée.');
    throw unprocessable('Aucun fichier reçu pour cette pièce : déposez-le avant de confirmer.');
  }
  if (head.lastModified && head.lastModified.getTime() > Date.parse(a.uploadExpiresAt) + 1000) {
    return reject(ctx, a, [key], 'Fichier déposé après l’expiration de l’autorisation.');
  }
  const storedKey = objectKeys.confirmedAttachment(d.id, a.id, randomUUID());
  const { versionId } = await copyObject(ctx.store, { from: key, to: storedKey });
  const refuse = (reason: string) => reject(ctx, a, [key, storedKey], reason);
  const stored = await headObject(ctx.store, storedKey, versionId);
  if (!stored) throw new Error(`Copie confirmée introuvable : ${storedKey}`);
  const range = sizeRangeFor(a.documentType);
  if (stored.size < range.min || stored.size > range.max) {
    return refuse(`Taille du fichier hors limites (${stored.size} octets).`);
  }
  if (a.declaredSize !== undefined && stored.size !== a.declaredSize) {
    return refuse(
      `Taille du fichier reçu (${stored.size} octets) différente de celle annoncée (${a.declaredSize} octets).`,
    );
  }
  const real = sniffType(await readFirstBytes(ctx.store, storedKey, MAGIC_BYTES_NEEDED, versionId));
  if (real !== a.declaredType) {
    const label = ALLOWED_TYPES[a.declaredType as keyof typeof ALLOWED_TYPES]?.label ?? a.declaredType;
    return refuse(`Le contenu du fichier n’est pas un ${label} valide.`);
  }
  const ok: Attachment = {
    ...a,
    status: 'available',
    size: stored.size,
    storedKey,
    ...(versionId ? { storedVersionId: versionId } : {}),
    confirmedAt: ctx.now().toISOString(),
    ...(window === 'payment' ? { paymentDocumentSince: ctx.now().toISOString() } : {}),
  };
  try {
    // Written only if still pending (a racing confirm may have won) and the dossier is still in
    // the state it was read in (a submit or withdrawal in between closes the window).
    await transact(ctx.store, [
      replacePendingAttachmentTx(ctx.store, ok),
      dossierStatusCheckTx(ctx.store, d.id, d.status),
    ]);
  } catch (e) {
    if (!(e instanceof ConditionFailedError)) throw e;
    await deleteLeftover(ctx, storedKey);
    if (e.label === 'dossier') return reject(ctx, a, [key], UPLOAD_WINDOW_CLOSED, 409);
    const now = await loadAttachment(ctx, d.id, a.id);
    if (now.status === 'available') return now;
    throw conflict('Cette pièce a changé pendant la confirmation : rechargez la page.');
  }
  // The upload key served its purpose; a later POST to it (until the grant expires) is never read.
  await deleteLeftover(ctx, key);
  return ok;
}

/**
 * Deletes an object the request no longer needs. A failure does not fail the request (the
 * database already says what happened), but it is logged with a code that is counted and alarmed.
 */
const deleteLeftover = (ctx: ServiceContext, key: string) =>
  deleteObject(ctx.store, key).catch((error: unknown) => {
    console.error(
      JSON.stringify({
        level: 'ERROR',
        code: OBJECT_DELETE_FAILED,
        message: 'Objet non supprimé',
        key,
        error: String(error),
      }),
    );
  });

const UPLOADS_CLOSED =
  'Les pièces se déposent sur un brouillon, en réponse à une demande de pièces, ou pour le paiement une fois l’aide accordée.';
const UPLOAD_WINDOW_CLOSED =
  'L’autorisation de dépôt ne vaut plus : le dossier a changé d’état depuis. Demandez une nouvelle autorisation si le dépôt est encore possible.';

/** Deletes the objects, records the refusal (only over a pending attachment) and throws it. */
async function reject(
  ctx: ServiceContext,
  a: Attachment,
  objectKeysToDelete: readonly string[],
  reason: string,
  status: 409 | 422 = 422,
): Promise<never> {
  for (const key of objectKeysToDelete) await deleteLeftover(ctx, key);
  await transact(ctx.store, [
    replacePendingAttachmentTx(ctx.store, { ...a, status: 'rejected', rejectionReason: reason }),
  ]).catch((e) => {
    if (!(e instanceof ConditionFailedError)) throw e;
  });
  const detail = `Pièce refusée : ${reason}`;
  throw status === 409 ? conflict(detail) : unprocessable(detail);
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
  if (d.ownerSub !== caller.sub) {
    await recordAccess(ctx, caller, {
      kind: 'download_file',
      dossierId: d.id,
      personSub: d.ownerSub,
      what: `Pièce « ${cleanFileName(a.fileName) || 'piece'} » (${a.documentType})`,
      ...(d.reference ? { reference: d.reference } : {}),
    });
  }
  const url = await presignDownload(ctx.store, {
    ...servedObject(a),
    fileName: cleanFileName(a.fileName) || 'piece',
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

/**
 * The object a confirmed attachment is served from: its confirmed copy (and version). Attachments
 * confirmed before copies existed have none and are served from their upload key.
 */
const servedObject = (a: Attachment): { key: string; versionId?: string } => ({
  key: a.storedKey ?? objectKeys.attachment(a.dossierId, a.id),
  ...(a.storedVersionId ? { versionId: a.storedVersionId } : {}),
});

/** Reads GuardDuty's verdict from the served object's (version's) tags and keeps it once final. */
async function refreshScanStatus(ctx: ServiceContext, a: Attachment): Promise<Attachment> {
  const { key, versionId } = servedObject(a);
  const tag = await malwareScanTag(ctx.store, key, versionId);
  const scanStatus: ScanStatus =
    tag === 'NO_THREATS_FOUND' ? 'clean' : tag === 'THREATS_FOUND' ? 'infected' : 'pending';
  if (scanStatus === 'pending') return a;
  const updated = { ...a, scanStatus };
  await transact(ctx.store, [putAttachmentTx(ctx.store, updated)]);
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
  await transact(ctx.store, [deleteAttachmentTx(ctx.store, d.id, a.id)]);
  for (const key of new Set([objectKeys.attachment(d.id, a.id), servedObject(a).key]))
    await deleteLeftover(ctx, key);
}
