import type { Hono } from 'hono';
import { contractViolations } from './api-contract.ts';
import type { KnownPath, Method, OperationOf, RequestBodyOf } from './api-paths.ts';

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

/** A body the document does not describe, sent on purpose (hostile input): it skips the types only. */
export class RawBody {
  constructor(readonly value: unknown) {}
}
export const raw = (value: unknown) => new RawBody(value);

/**
 * Drives the local server the way a client would: JSON bodies, bearer tokens, If-Match from the
 * dossier's version, and browser-style uploads straight to the S3 server with the presigned POST.
 * Typed by the API types generated from the OpenAPI document (`npm run api:types`): a method and
 * path the document lacks, or a body that does not fit, fails to compile. Every answer is checked
 * against the document (api-contract.ts): one it does not describe throws.
 */
export function apiClient({ app, tokenFor }: ApiClientOptions) {
  async function call<const M extends Method, const S extends string>(
    as: string | null,
    method: M,
    path: S & KnownPath<M, S>,
    body?: RequestBodyOf<OperationOf<M, S>> | RawBody,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> {
    return send(as, method, path, body instanceof RawBody ? body.value : body, headers);
  }

  async function send(
    as: string | null,
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<ApiResponse> {
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
    const violations = contractViolations(method, path, res.status, res.headers, parsed);
    if (violations.length)
      throw new Error(
        `Réponse hors du document OpenAPI :\n${violations.join('\n')}\n${JSON.stringify(parsed).slice(0, 500)}`,
      );
    return { status: res.status, body: parsed, headers: res.headers };
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
      contentType: contentType as 'application/pdf',
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

  /**
   * For tests that walk the route table itself (method and path known only at run time): untyped,
   * but the answer is still checked against the document.
   */
  const callRoute = (
    as: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => send(as, method, path, body, headers);

  return { call, callRoute, version, withMatch, upload };
}
