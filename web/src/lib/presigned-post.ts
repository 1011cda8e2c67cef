import { AppError } from '@aides/services/errors';
import type { Context } from 'hono';
import { formErrors } from './http.ts';

/** A presigned POST: where to send the file and the policy's fields to send before it. */
export interface PresignedPost {
  readonly url: string;
  readonly fields: Record<string, string>;
}

/**
 * Sends a file to the bucket with a presigned POST, as the browser does with JavaScript: a form
 * without JavaScript (a dossier's files, an import's file) posts the file to the web, which forwards
 * it this way; the web holds no right on the bucket. When the storage refuses it (the policy's
 * size range, type or key), the refusal is the sender's to fix, said on the file's field.
 */
export async function postToBucket(upload: PresignedPost, file: File): Promise<void> {
  const body = new FormData();
  for (const [k, v] of Object.entries(upload.fields)) body.append(k, v);
  body.append('file', file, file.name);
  const res = await fetch(upload.url, { method: 'POST', body });
  if (res.status >= 300)
    throw new AppError(
      422,
      'regle-metier',
      'Dépôt refusé',
      'Le stockage a refusé le fichier (taille ou type).',
      [{ pointer: '/file', detail: 'Fichier refusé par le stockage (taille ou type)' }],
    );
}

/**
 * What the page script reads to upload a file itself (layout/script.ts): the presigned POST and
 * the page's next step (`next`: the confirmation or the dry run to post), or the refusal said on
 * the form's fields (`rename`: the API's field names to the form's) with a 400.
 */
export async function directUploadAnswer(
  c: Context,
  rename: Record<string, string>,
  grant: () => Promise<{ upload: PresignedPost; next: Record<string, string> }>,
) {
  try {
    const { upload, next } = await grant();
    return c.json({ url: upload.url, fields: upload.fields, ...next });
  } catch (e) {
    const { message, fields } = formErrors(e, rename);
    return c.json({ message, fields }, 400);
  }
}
