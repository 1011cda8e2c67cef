import type { Caller } from '@aides/services/caller';
import { notFound } from '@aides/services/errors';
import { type Context, Hono } from 'hono';
import type { WebEnv } from '../auth/session.ts';

type GroupEnv = {
  Bindings: { caller: Caller | null; apiToken: string | null };
  Variables: WebEnv['Variables'];
};

/**
 * Mounts a group of pages whose code is loaded by the first request under one of its path
 * prefixes: each role's pages, and the services only they call, stay out of the web function's
 * cold start (the Lambda bundle keeps them in chunks of their own, see infra/src/lambda-bundling.ts).
 *
 * The group answers through its own `fetch`, so what the parent app knows is handed over: the
 * caller that the session middleware verified, and its API token. Errors and unknown paths are thrown back to the
 * parent, whose error handler renders the French error pages; the parent's middleware (security
 * headers, session) still wraps the response.
 */
export function mountLazyRoutes(
  app: Hono<WebEnv>,
  prefixes: readonly string[],
  load: () => Promise<Hono<WebEnv>>,
): void {
  let group: Promise<Hono<GroupEnv>> | undefined;
  const open = () =>
    (group ??= load().then(
      (routes) => {
        const inner = new Hono<GroupEnv>();
        inner.use(async (c, next) => {
          c.set('caller', c.env.caller);
          c.set('apiToken', c.env.apiToken);
          await next();
        });
        inner.route('/', routes);
        inner.notFound(() => {
          throw notFound('Page introuvable.');
        });
        inner.onError((err) => {
          throw err;
        });
        return inner;
      },
      (e: unknown) => {
        group = undefined; // a failed load is tried again by the next request
        throw e;
      },
    ));
  const handler = async (c: Context<WebEnv>) =>
    (await open()).fetch(c.req.raw, { caller: c.get('caller'), apiToken: c.get('apiToken') });
  for (const prefix of prefixes) {
    app.all(prefix, handler);
    app.all(`${prefix}/*`, handler);
  }
}
