import type { MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import { Page } from '../layout/page.tsx';

/**
 * Cross-site request forgery: every unsafe request (anything but GET, HEAD, OPTIONS) must say it
 * comes from this site. Browsers send `Origin` on every POST; with `Referrer-Policy: same-origin`
 * (set by the app) a same-origin form carries the real origin, never `null`. When `Origin` is
 * absent, the Fetch Metadata header must say `same-origin` (a page of this site) or `none` (typed
 * by the user). Anything else — another site, `Origin: null` (sandboxed frames, data: pages,
 * cross-origin redirects), or no header at all — gets a French 403 and nothing is done.
 *
 * `siteOrigin` is the public address when it is configured (AWS: behind CloudFront the Lambda
 * does not see the public host); otherwise the request's own origin (the local server).
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TRUSTED_FETCH_SITES = new Set(['same-origin', 'none']);

export function isSameOriginRequest(
  method: string,
  url: string,
  header: (name: string) => string | undefined,
  siteOrigin?: string,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const origin = header('origin');
  if (origin !== undefined) return origin === (siteOrigin ?? new URL(url).origin);
  return TRUSTED_FETCH_SITES.has(header('sec-fetch-site') ?? '');
}

export function CrossSitePage() {
  return (
    <>
      <h1>Requête refusée</h1>
      <p>
        Cette action doit être envoyée depuis une page de ce site. Elle semble venir d’un autre site ou d’une
        page qui ne dit pas d’où elle vient : par précaution, rien n’a été enregistré.
      </p>
      <p>
        Revenez à <a href="/">l’accueil</a>, rechargez la page puis recommencez.
      </p>
    </>
  );
}

export const sameOrigin =
  (siteOrigin?: string, loginPath = '/connexion'): MiddlewareHandler =>
  async (c, next) => {
    if (isSameOriginRequest(c.req.method, c.req.url, (n) => c.req.header(n), siteOrigin)) return next();
    return c.html(
      html`<!doctype html>${(
        <Page title="Requête refusée" caller={null} loginPath={loginPath}>
          <CrossSitePage />
        </Page>
      )}`,
      403,
    );
  };
