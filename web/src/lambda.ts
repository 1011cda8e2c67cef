import { callerFromClaims } from '@aides/services/caller';
import { contextFromEnv } from '@aides/services/context-from-env';
import { cameThroughEdge, ORIGIN_VERIFY_HEADER, originVerifyHeaders } from '@aides/services/origin-verify';
import { recordSignIn } from '@aides/services/people/directory';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { Hono } from 'hono';
import { type ApiGatewayRequestContextV2, handle, type LambdaEvent } from 'hono/aws-lambda';
import { CORRELATION_HEADER, createWebApp } from './app.tsx';
import { cognitoAuth } from './auth/cognito.ts';
import { pageScopedApi } from './lib/api.ts';
import { securityHeaders } from './lib/csp.ts';

// AWS entry: Cognito's hosted login; the dev login does not exist in this bundle. Each sign-in
// refreshes the person's profile and group directories (whom an instructor can assign to).
const ctx = contextFromEnv();
const { auth, routes, origin } = cognitoAuth(process.env, {
  ctx,
  onSignIn: async (claims) => {
    const caller = callerFromClaims(claims);
    if (caller) await recordSignIn(ctx, caller);
  },
});
const app = new Hono<{ Bindings: { event: LambdaEvent; requestContext: ApiGatewayRequestContextV2 } }>();
// Only CloudFront (and its WAF) may reach the pages: see packages/services/src/origin-verify.ts.
app.use(async (c, next) => {
  if (!cameThroughEdge(c.req.header(ORIGIN_VERIFY_HEADER)))
    return c.text('Passez par l’adresse publique du service.', 403);
  await next();
});
// The sign-in redirects and callback get the same security headers as the pages.
app.use(securityHeaders(ctx.store.config.s3Endpoint));
app.route('/', routes);
// The API calls made for a visitor go straight to the HTTP API (API_ORIGIN), not back through
// CloudFront (lib/api.ts says why), with the page request's id for the API's log lines.
const { api, forPage } = pageScopedApi(process.env.API_ORIGIN || origin, originVerifyHeaders());
const web = createWebApp({ auth, ctx, api, origin });
app.all('*', (c) => {
  // API Gateway's request id is the correlation id (whatever the client sent under that name).
  const id = c.env.requestContext.requestId;
  const headers = new Headers(c.req.raw.headers);
  headers.set(CORRELATION_HEADER, id);
  return forPage(id, () => web.fetch(new Request(c.req.raw, { headers })));
});

// Powertools Logger with the Lambda context and the correlation id in every line, as in the API.
const logger = new Logger({ serviceName: 'aides' });
export const handler = middy(handle(app))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .before((request) => {
    const event = request.event as { requestContext?: { requestId?: string } };
    logger.appendKeys({ correlationId: event.requestContext?.requestId ?? request.context.awsRequestId });
  });
