import { AppError, notFound, unauthorized } from '@aides/services/errors';
import { Hono } from 'hono';
import { areaFactories } from '../../functions/src/areas.ts';
import type { AreaHandler } from '../../functions/src/http/area.ts';
import type { AreaDeps } from '../../functions/src/http/deps.ts';
import { errorToProblem, problemResponse } from '../../functions/src/http/problem.ts';
import type { Area } from '../../functions/src/routes.ts';
import { createWebApp } from '../../web/src/app.tsx';
import { fromApiGatewayResult, localContext, matchRoute, toApiGatewayEvent } from './apigw-adapter.ts';
import type { DevIssuer } from './dev-issuer.ts';
import { devLoginRoutes } from './dev-login.tsx';

/**
 * The local server: what API Gateway (JWT authorizer + Lambda integration) and the web function
 * do on AWS, in one Hono app. `/api/*` goes through the same handlers as in Lambda.
 */
export function createLocalApp({ deps, issuer }: { deps: AreaDeps; issuer: DevIssuer }) {
  const handlers = new Map<Area, AreaHandler>();
  for (const [area, make] of Object.entries(areaFactories)) handlers.set(area as Area, make(deps));

  const problem = (e: AppError) =>
    fromApiGatewayResult(problemResponse(errorToProblem(e, crypto.randomUUID())));

  const app = new Hono();
  app.all('/api/*', async (c) => {
    const url = new URL(c.req.url);
    const match = matchRoute(c.req.method, url.pathname);
    if (!match) return problem(notFound('Cette adresse ne correspond à aucune ressource.'));
    if ('methodNotAllowed' in match)
      return problem(
        new AppError(404, 'introuvable', 'Introuvable', 'Méthode non prise en charge pour cette adresse.'),
      );
    let claims: Record<string, unknown> | undefined;
    if (!match.route.public) {
      // Same checks as API Gateway's JWT authorizer: bearer token, signature, issuer, audience, expiry.
      const header = c.req.header('authorization') ?? '';
      const token = /^Bearer (.+)$/i.exec(header)?.[1];
      claims = token ? ((await issuer.verify(token)) ?? undefined) : undefined;
      if (!claims) return problem(unauthorized());
    }
    const handler = handlers.get(match.route.area);
    if (!handler) return problem(notFound());
    const event = await toApiGatewayEvent(c.req.raw, { match, claims });
    const result = await handler(event, localContext(`aides-${match.route.area}`));
    return fromApiGatewayResult(result);
  });
  app.route('/', devLoginRoutes(issuer));
  // The web app keeps its own not-found and error pages: delegate whole requests to it.
  const web = createWebApp({ auth: { verify: issuer.verify, loginPath: '/connexion' } });
  app.all('*', (c) => web.fetch(c.req.raw));
  return app;
}
