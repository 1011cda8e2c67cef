import { type Caller, callerFromClaims } from '@aides/services/caller';
import { AppError, badRequest, forbidden, notFound, unauthorized } from '@aides/services/errors';
import { cameThroughEdge, ORIGIN_VERIFY_HEADER } from '@aides/services/origin-verify';
import { withRoute } from '@aides/services/privacy/access-log';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { businessMetricOf } from '../observability/business-metrics.ts';
import { countMetric, logger, observability } from '../observability/powertools.ts';
import { type Area, type RouteDefinition, routeKey, routes } from '../routes.ts';
import { errorToProblem, problemResponse } from './problem.ts';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

export interface ApiRequest {
  readonly event: ApiEvent;
  readonly route: RouteDefinition;
  /** Null only on public routes. */
  readonly caller: Caller | null;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** JSON body, parsed; `undefined` when empty. */
  readonly body: unknown;
  header(name: string): string | undefined;
}

export type RouteImpl = (req: ApiRequest) => Promise<ApiResult>;

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

const MAX_BODY_BYTES = 256 * 1024;
const MAX_DEPTH = 32;

function depth(value: unknown, level = 0): number {
  if (level > MAX_DEPTH || typeof value !== 'object' || value === null) return level;
  let max = level;
  for (const v of Object.values(value)) max = Math.max(max, depth(v, level + 1));
  return max;
}

/**
 * The JSON body, bounded: 413 past 256 KB (a DynamoDB item holds 400 KB), 400 past 32 levels of
 * nesting. JSON.parse never sets prototypes, but a stored "__proto__" key would become one when the
 * item is read back and rebuilt: such keys are dropped here.
 */
function parseBody(event: ApiEvent): unknown {
  if (!event.body) return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new AppError(
      413,
      'trop-volumineux',
      'Requête trop volumineuse',
      'Le corps de la requête dépasse 256 Ko.',
    );
  }
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v) => (key === '__proto__' ? undefined : v));
  } catch {
    throw badRequest('Le corps de la requête n’est pas un JSON valide.', [
      { pointer: '', detail: 'JSON invalide' },
    ]);
  }
  if (depth(value) > MAX_DEPTH)
    throw badRequest('Le corps de la requête est trop imbriqué (32 niveaux au plus).');
  return value;
}

/**
 * One Lambda function per area: dispatches on the routeKey to the area's route implementations,
 * checks the caller's role against the route table, and maps every error to problem+json.
 */
export function defineArea(area: Area, impls: Record<string, RouteImpl>) {
  const table = new Map(routes.filter((r) => r.area === area).map((r) => [routeKey(r), r]));
  for (const key of Object.keys(impls)) {
    if (!table.has(key)) throw new Error(`Route ${key} absente de routes.ts pour la zone ${area}`);
  }
  const dispatch = async (event: ApiEvent, _context: Context): Promise<ApiResult> => {
    // API Gateway's request id: also in its access log line and in every log line of this request.
    const correlationId = event.requestContext.requestId;
    try {
      // Lower-cased by @middy/http-header-normalizer.
      const headers = event.headers ?? {};
      if (!cameThroughEdge(headers[ORIGIN_VERIFY_HEADER]))
        throw forbidden('Passez par l’adresse publique du service.');
      const route = table.get(event.routeKey);
      const impl = impls[event.routeKey];
      if (!route || !impl) throw notFound('Cette adresse ne correspond à aucune ressource.');
      // The route rides with the caller for the access log (issue 20).
      const caller = withRoute(
        callerFromClaims(event.requestContext.authorizer?.jwt?.claims),
        `${event.requestContext.http.method} ${event.rawPath}`,
      );
      if (!route.public) {
        if (!caller) throw unauthorized();
        if (!route.roles.some((r) => caller.roles.includes(r))) throw forbidden();
      }
      const result = await impl({
        event,
        route,
        caller,
        params: (event.pathParameters ?? {}) as Record<string, string>,
        query: (event.queryStringParameters ?? {}) as Record<string, string>,
        // Only writes read a body: a GET or DELETE ignores one (and so cannot answer 400 or 413 for it).
        body: route.method === 'GET' || route.method === 'DELETE' ? undefined : parseBody(event),
        header: (name) => headers[name.toLowerCase()],
      });
      return countResult(event.routeKey, {
        ...result,
        headers: { 'x-correlation-id': correlationId, ...result.headers },
      });
    } catch (error) {
      const problem = errorToProblem(error, correlationId);
      if (problem.status >= 500) logger.error('Erreur inattendue', { correlationId, error: error as Error });
      return countResult(event.routeKey, problemResponse(problem));
    }
  };
  // Errors become problem+json inside `dispatch` rather than in @middy/http-error-handler: the
  // answer needs the correlation id and the route's 4xx/5xx count, which dispatch already has.
  // No early-timeout answer: a 503 sent while the work goes on could be followed by a commit the
  // client was told did not happen. The answer always reflects what was written; on AWS the
  // function's timeout (below API Gateway's 30 s) ends it.
  return middy<ApiEvent, ApiResult>({ timeoutEarlyInMillis: 0 })
    .use(observability())
    .use(httpHeaderNormalizer())
    .handler(dispatch);
}

/** 4xx and 5xx by route, and the business event a successful call stands for. */
function countResult(route: string, result: ApiResult): ApiResult {
  const status = result.statusCode ?? 200;
  if (status >= 500) countMetric('Http5xx', { route });
  else if (status >= 400) countMetric('Http4xx', { route });
  else {
    const business = businessMetricOf(route);
    if (business) countMetric(business);
  }
  return result;
}

export type AreaHandler = ReturnType<typeof defineArea>;

/** The dossier version the client saw: `If-Match: "3"` (or 3, or W/"3"). */
export function ifMatch(req: ApiRequest): number | undefined {
  const raw = req.header('if-match');
  if (!raw) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim());
  if (!m) throw badRequest('En-tête If-Match invalide : version du dossier attendue, par exemple "3".');
  return Number(m[1]);
}

/** A dossier-shaped answer with its version as ETag, for the next If-Match. */
export const withVersion = (statusCode: number, body: { version: number }, extra?: unknown): ApiResult =>
  json(statusCode, extra ?? body, { etag: `"${body.version}"` });

export const caller = (req: ApiRequest) => {
  if (!req.caller) throw unauthorized();
  return req.caller;
};
