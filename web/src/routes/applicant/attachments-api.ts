import { type ApiFetch, apiError } from '../../lib/api.ts';
import type { PresignedPost } from '../../lib/presigned-post.ts';

/**
 * A dossier's files through the API's `attachments` function, with the visitor's own token: the
 * presigned POST, the confirmation (type sniffed, size checked, rejected files deleted), the
 * deletion and the short-lived download link all need S3, and the web function carries no S3
 * client and holds no right on the bucket (issue 17 §7–8). The API checks the caller like any
 * request, and its refusal comes back as the use case's error (`apiError`), so the pages show it
 * field by field as before.
 */
export interface UploadGrant {
  readonly attachment: { readonly id: string };
  readonly upload: PresignedPost;
}

const base = (dossierId: string) => `/api/dossiers/${encodeURIComponent(dossierId)}/attachments`;
const one = (dossierId: string, attachmentId: string) =>
  `${base(dossierId)}/${encodeURIComponent(attachmentId)}`;

export function attachmentsApi(api: ApiFetch, token: string) {
  const call = async <T>(what: string, path: string, init?: Parameters<ApiFetch>[2]): Promise<T> => {
    const res = await api(path, token, init);
    if (!res.ok) throw await apiError(res, what);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  return {
    /** A pending attachment and the presigned POST that sends its file straight to the bucket. */
    requestUpload: (dossierId: string, body: Record<string, unknown>) =>
      call<UploadGrant>('Dépôt de la pièce', base(dossierId), { method: 'POST', body }),
    confirmUpload: (dossierId: string, attachmentId: string) =>
      call<{ fileName: string }>('Confirmation de la pièce', `${one(dossierId, attachmentId)}/confirm`, {
        method: 'POST',
      }),
    deleteAttachment: (dossierId: string, attachmentId: string) =>
      call<void>('Suppression de la pièce', one(dossierId, attachmentId), { method: 'DELETE' }),
    downloadUrl: (dossierId: string, attachmentId: string) =>
      call<{ url: string }>('Lien de la pièce', `${one(dossierId, attachmentId)}/download`),
  };
}
