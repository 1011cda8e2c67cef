import { Hono } from 'hono';
import type { AreaDeps } from '../../functions/src/http/deps.ts';
import { createWebApp } from '../../web/src/app.tsx';
import { securityHeaders } from '../../web/src/lib/csp.ts';
import { apiInProcess, createApiGateway } from './api-gateway.ts';
import type { DevIssuer } from './dev-issuer.ts';
import { devLoginRoutes } from './dev-login.tsx';

/**
 * The local server: API Gateway + the area Lambdas on `/api/*`, the dev login in place of
 * Cognito's hosted login, and the web function for everything else.
 */
export function createLocalApp({ deps, issuer }: { deps: AreaDeps; issuer: DevIssuer }) {
  const app = new Hono();
  const gateway = createApiGateway({ deps, issuer });
  // The dev login is a page like the others: the web's security headers (the API keeps its own).
  const headers = securityHeaders(deps.ctx.store.config.s3Endpoint);
  app.use('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : headers(c, next)));
  app.route('/', gateway);
  app.route('/', devLoginRoutes(issuer, deps.ctx));
  // The web app keeps its own not-found and error pages: delegate whole requests to it.
  const web = createWebApp({
    auth: { loginPath: '/connexion' },
    ctx: deps.ctx,
    api: apiInProcess(gateway),
  });
  app.all('*', (c) => web.fetch(c.req.raw));
  return app;
}
