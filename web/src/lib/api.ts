import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError, type FieldError } from '@aides/services/errors';
import { PAGE_REQUEST_HEADER } from '@aides/services/page-request';
import type { Context } from 'hono';

/**
 * How the web function reaches the HTTP API for what it does not do itself: the official PDF
 * documents (letters, deliberation extract) and the personal-data export (a ZIP with a PDF per
 * dossier) are made by the `documents` function, so pdfmake is not in the web bundle; a dossier's
 * files (upload grant, confirmation, download link, deletion), imports and finance exports are
 * the API's too, so the web carries no S3 client and holds no right on the bucket. The call
 * carries the visitor's own session token, and the API checks it like any other request.
 * Redirects are not followed: a 303 to a download link is handed to the browser as it is.
 */
export type ApiFetch = (path: string, token: string, init?: ApiInit) => Promise<Response>;

/** The method (GET when absent) and, for a write, its JSON body. */
export interface ApiInit {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly body?: unknown;
}

/** The request `fetch` sends for `init` (method, JSON body, the visitor's token, `extra` headers). */
export const apiRequestInit = (
  token: string,
  init?: ApiInit,
  extra: Record<string, string> = {},
): RequestInit => ({
  method: init?.method ?? 'GET',
  headers: {
    ...extra,
    authorization: `Bearer ${token}`,
    ...(init?.body === undefined ? {} : { 'content-type': 'application/json' }),
  },
  ...(init?.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  redirect: 'manual',
});

/**
 * On AWS: the HTTP API at `origin`, its own execute-api address, with `headers()`: the edge's
 * secret header (packages/services/src/origin-verify.ts) and the page request's id
 * (packages/services/src/page-request.ts), which the API logs beside its own. These calls are the server's, made for a
 * visitor whose own request already went through CloudFront and its WAF; sent through CloudFront
 * again, they would all count against the WAF's per-IP rate from the few addresses Lambda sends
 * from, and an admin's QPV list (JSON over 16 KB) would meet the body-size rule.
 */
export const apiOverHttp =
  (origin: string, headers: () => Record<string, string> = () => ({})): ApiFetch =>
  (path, token, init) =>
    fetch(new URL(path, origin), apiRequestInit(token, init, headers()));

/**
 * `apiOverHttp` for the web function: each call made while a page request is served (`forPage`)
 * carries that request's id, with the edge's headers.
 */
export function pageScopedApi(origin: string, edgeHeaders: Record<string, string>) {
  const pageRequest = new AsyncLocalStorage<string>();
  const api = apiOverHttp(origin, () => {
    const id = pageRequest.getStore();
    return id ? { ...edgeHeaders, [PAGE_REQUEST_HEADER]: id } : edgeHeaders;
  });
  const forPage = <T>(requestId: string, serve: () => T): T => pageRequest.run(requestId, serve);
  return { api, forPage };
}

/**
 * The API's refusal (problem+json) as the error the use case would have thrown in process, so
 * the pages answer it as before (form errors, « page introuvable », the error page).
 */
export async function apiError(res: Response, what: string): Promise<Error> {
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('application/problem+json') || res.status >= 500)
    return new Error(`${what} : l’API a répondu ${res.status}`);
  const p = (await res.json()) as { type: string; title: string; detail: string; errors?: FieldError[] };
  return new AppError(
    res.status as AppError['status'],
    p.type.slice(p.type.lastIndexOf('/') + 1),
    p.title,
    p.detail,
    p.errors ?? [],
  );
}

/** The API's 303 to a download link, handed to the browser as it is; anything else is its refusal. */
export async function passRedirect(c: Context, res: Response, what: string): Promise<Response> {
  const location = res.headers.get('location');
  if (res.status === 303 && location) return c.redirect(location, 303);
  throw await apiError(res, what);
}
