import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { depsFromEnv } from '../../functions/src/http/deps.ts';
import { createWebApp } from './app.tsx';
import { cognitoAuth } from './auth/cognito.ts';
import { apiOverHttp } from './lib/api.ts';

// AWS entry: Cognito's hosted login; the dev login does not exist in this bundle.
const { auth, routes, origin } = cognitoAuth();
const app = new Hono();
app.route('/', routes);
const web = createWebApp({ auth, ctx: depsFromEnv().ctx, api: apiOverHttp(origin) });
app.all('*', (c) => web.fetch(c.req.raw));

export const handler = handle(app);
