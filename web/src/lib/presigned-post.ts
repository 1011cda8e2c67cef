/**
 * Sends a file to the bucket with a presigned POST, as the browser does with JavaScript: a form
 * without JavaScript (a dossier's files, an import's file) posts the file to the web, which forwards
 * it this way; the web holds no right on the bucket. False when the storage refuses it (the
 * policy's size range, type or key): the sender's to fix.
 */
export async function postToBucket(
  upload: { readonly url: string; readonly fields: Record<string, string> },
  file: File,
): Promise<boolean> {
  const body = new FormData();
  for (const [k, v] of Object.entries(upload.fields)) body.append(k, v);
  body.append('file', file, file.name);
  const res = await fetch(upload.url, { method: 'POST', body });
  return res.status < 300;
}
