import { AppError, notFound, unauthorized } from '@aides/services/errors';
import { Hono } from 'hono';
import { areaFactories } from '../../functions/src/areas.ts';
import type { AreaHandler } from '../../functions/src/http/area.ts';
import type { AreaDeps } from '../../functions/src/http/deps.ts';
import { errorToProblem, problemResponse } from '../../functions/src/http/problem.ts';
import type { Area } from '../../functions/src/routes.ts';
import { type ApiFetch, apiRequestInit } from '../../web/src/lib/api.ts';
import { fromApiGatewayResult, localContext, matchRoute, toApiGatewayEvent } from './apigw-adapter.ts';
import type { DevIssuer } from './dev-issuer.ts';

/**
 * What API Gateway does on AWS for `/api/*`: match the route table, check the bearer token as
 * the JWT authorizer would (signature, issuer, audience, expiry), build the payload 2.0 event
 * and call the same Lambda handler.
 */
export function createApiGateway({ deps, issuer }: { deps: AreaDeps; issuer: DevIssuer }) {
  const handlers = new Map<Area, AreaHandler>();
  for (const [area, make] of Object.entries(areaFactories)) handlers.set(area as Area, make(deps));

  const problem = (e: AppError) =>
    fromApiGatewayResult(problemResponse(errorToProblem(e, crypto.randomUUID())));

  const app = new Hono();
  app.all('/api/*', async (c) => {
    const url = new URL(c.req.url);
    const match = matchRoute(c.req.method, url.pathname);
    if (!match) return problem(notFound('Cette adresse ne correspond à aucune ressource.'));
    if ('methodNotAllowed' in match) {
      return problem(
        new AppError(404, 'introuvable', 'Introuvable', 'Méthode non prise en charge pour cette adresse.'),
      );
    }
    let claims: Record<string, unknown> | undefined;
    if (!match.route.public) {
      const header = c.req.header('authorization') ?? '';
      const token = /^Bearer (.+)$/i.exec(header)?.[1];
      claims = token ? ((await issuer.verify(token)) ?? undefined) : undefined;
      if (!claims) return problem(unauthorized());
    }
    const handler = handlers.get(match.route.area);
    if (!handler) return problem(notFound());
    const event = await toApiGatewayEvent(c.req.raw, { match, claims });
    try {
      const result = await handler(event, localContext(`aides-${match.route.area}`));
      return fromApiGatewayResult(result);
    } catch (e) {
      // API Gateway answers a failed invocation with a 500 of its own: keep it problem+json.
      const correlationId = crypto.randomUUID();
      console.error(JSON.stringify({ level: 'ERROR', correlationId, message: String(e) }));
      return fromApiGatewayResult(problemResponse(errorToProblem(e, correlationId)));
    }
  });
  return app;
}

/** What the web function's API calls reach locally: this gateway, in process, with the token. */
export const apiInProcess =
  (gateway: { fetch: (request: Request) => Response | Promise<Response> }): ApiFetch =>
  async (path, token, init) =>
    gateway.fetch(new Request(new URL(path, 'http://localhost'), apiRequestInit(token, init)));
