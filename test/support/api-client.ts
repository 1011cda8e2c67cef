import type { Hono } from 'hono';

/** Minimal PDF/PNG/JPEG bodies whose first bytes are the real thing. */
export const samplePdf = (bytes = 2048) => {
  const head = Buffer.from('%PDF-1.7\n% pièce de test\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, bytes - head.length), 0x20)]);
};

export interface ApiClientOptions {
  /** The app in process, or anything with the same `request` (a real HTTP server: http-api.ts). */
  readonly app: Pick<Hono, 'request'>;
  readonly tokenFor: (sub: string) => Promise<string>;
}

export type ApiResponse<T = any> = { status: number; body: T; headers: Headers };

/**
 * Drives the local server the way a client would: JSON bodies, bearer tokens, If-Match from the
 * dossier's version, and browser-style uploads straight to the S3 server with the presigned POST.
 */
export function apiClient({ app, tokenFor }: ApiClientOptions) {
  async function call<T = any>(
    as: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (as) h.authorization = `Bearer ${await tokenFor(as)}`;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await app.request(`http://localhost${path}`, {
      method,
      headers: h,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      redirect: 'manual',
    });
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json')
      ? await res.json()
      : type.startsWith('text/')
        ? await res.text()
        : new Uint8Array(await res.arrayBuffer());
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  const version = async (as: string, id: string) =>
    (await call(as, 'GET', `/api/dossiers/${id}`)).body.version as number;
  const withMatch = async (as: string, id: string, extra: Record<string, string> = {}) => ({
    'if-match': `"${await version(as, id)}"`,
    ...extra,
  });

  async function upload(
    as: string,
    dossierId: string,
    documentType: string,
    file = samplePdf(),
    contentType = 'application/pdf',
    fileName = `${documentType}.pdf`,
  ) {
    const grant = await call(as, 'POST', `/api/dossiers/${dossierId}/attachments`, {
      documentType,
      fileName,
      contentType,
      size: file.length,
    });
    if (grant.status !== 201) return { grant, confirm: undefined };
    const form = new FormData();
    for (const [k, v] of Object.entries(grant.body.upload.fields as Record<string, string>))
      form.append(k, v);
    form.append('file', new Blob([file], { type: contentType }), fileName);
    const s3 = await fetch(grant.body.upload.url, { method: 'POST', body: form });
    if (s3.status >= 300) throw new Error(`Dépôt S3 refusé : ${s3.status} ${await s3.text()}`);
    const confirm = await call(
      as,
      'POST',
      `/api/dossiers/${dossierId}/attachments/${grant.body.attachment.id}/confirm`,
    );
    return { grant, confirm };
  }

  return { call, version, withMatch, upload };
}
