import { callerFromClaims } from '@aides/services/caller';
import { contextFromEnv } from '@aides/services/context-from-env';
import { recordSignIn } from '@aides/services/people/directory';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createWebApp } from './app.tsx';
import { cognitoAuth } from './auth/cognito.ts';
import { apiOverHttp } from './lib/api.ts';
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
const app = new Hono();
// The sign-in redirects and callback get the same security headers as the pages.
app.use(securityHeaders(ctx.store.config.s3Endpoint));
app.route('/', routes);
const web = createWebApp({ auth, ctx, api: apiOverHttp(origin), origin });
app.all('*', (c) => web.fetch(c.req.raw));

export const handler = handle(app);
