import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { type RouteDefinition, routeKey, routes } from '../../functions/src/routes.ts';

/**
 * Turns a Fetch API Request into the API Gateway HTTP API (payload 2.0) event AWS would send,
 * and a handler's result back into a Response — the local server's only translation layer.
 */

export interface RouteMatch {
  readonly route: RouteDefinition;
  readonly pathParameters: Record<string, string>;
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export type MatchResult = RouteMatch | { methodNotAllowed: true } | null;

/** Compiles a route table into a matcher: `{id}` is one segment, `{proxy+}` the rest of the path. */
export function createRouteMatcher(table: readonly RouteDefinition[]) {
  const compiled = table.map((route) => {
    const names: string[] = [];
    const pattern = route.path.replace(/\{(\w+)(\+?)\}/g, (_m, name: string, greedy: string) => {
      names.push(name);
      return greedy ? '(.+)' : '([^/]+)';
    });
    return { route, names, regex: new RegExp(`^${pattern}$`) };
  });
  return (method: string, path: string): MatchResult => matchCompiled(compiled, method, path);
}

function matchCompiled(
  compiled: { route: RouteDefinition; names: string[]; regex: RegExp }[],
  method: string,
  path: string,
): MatchResult {
  let pathExists = false;
  for (const c of compiled) {
    const m = c.regex.exec(path);
    if (!m) continue;
    pathExists = true;
    if (c.route.method !== method.toUpperCase()) continue;
    const pathParameters = Object.fromEntries(c.names.map((n, i) => [n, safeDecode(m[i + 1] ?? '')]));
    return { route: c.route, pathParameters };
  }
  return pathExists ? { methodNotAllowed: true } : null;
}

/** The matcher for the project's route table. */
export const matchRoute = createRouteMatcher(routes);

const TEXT_TYPES = /^(application\/(json|problem\+json|x-www-form-urlencoded|xml)|text\/)/i;

export interface EventOptions {
  readonly match: RouteMatch;
  readonly claims?: Record<string, unknown> | undefined;
  readonly sourceIp?: string;
  readonly now?: Date;
}

export async function toApiGatewayEvent(
  request: Request,
  { match, claims, sourceIp = '127.0.0.1', now = new Date() }: EventOptions,
): Promise<APIGatewayProxyEventV2WithJWTAuthorizer> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  request.headers.forEach((value, key) => {
    // API Gateway lifts cookies out of the headers into their own array.
    if (key === 'cookie') cookies = value.split(/;\s*/).filter(Boolean);
    else headers[key] = value;
  });
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;

  const bytes = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
  const body =
    bytes && bytes.length > 0 ? (isText ? bytes.toString('utf8') : bytes.toString('base64')) : undefined;
  const requestId = randomUUID();

  return {
    version: '2.0',
    routeKey: routeKey(match.route),
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: url.hostname.split('.')[0] ?? 'localhost',
      http: {
        method: request.method.toUpperCase(),
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: routeKey(match.route),
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: (claims ?? {}) as never, scopes: [] },
      },
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: body !== undefined && !isText,
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** Maps a payload-2.0 result to a Response, with API Gateway's rules for bare (non-structured) results. */
export function fromApiGatewayResult(result: APIGatewayProxyResultV2): Response {
  if (
    typeof result === 'string' ||
    typeof result !== 'object' ||
    result === null ||
    !('statusCode' in result)
  ) {
    return new Response(JSON.stringify(result), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(result.headers ?? {})) headers.set(k, String(v));
  for (const c of result.cookies ?? []) headers.append('set-cookie', c);
  const status = result.statusCode ?? 200;
  const noBody = status === 204 || status === 304 || result.body === undefined;
  const body = noBody
    ? null
    : result.isBase64Encoded
      ? Buffer.from(result.body ?? '', 'base64')
      : (result.body ?? '');
  return new Response(body, { status, headers });
}

/** A Lambda context good enough for middy and Powertools. */
export function localContext(functionName: string, timeoutMs = 29_000): Context {
  const start = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-3:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - start)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
