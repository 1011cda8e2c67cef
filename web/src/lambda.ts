import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createWebApp } from './app.tsx';
import { cognitoAuth } from './auth/cognito.ts';

// AWS entry: Cognito's hosted login; the dev login does not exist in this bundle.
const { auth, routes } = cognitoAuth();
const app = new Hono();
app.route('/', routes);
const web = createWebApp({ auth });
app.all('*', (c) => web.fetch(c.req.raw));

export const handler = handle(app);
