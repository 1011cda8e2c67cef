import type { ServiceContext } from '@aides/services/context';
import { AppError } from '@aides/services/errors';
import { Hono } from 'hono';
import { sessionMiddleware, type WebAuth, type WebEnv } from './auth/session.ts';
import { FAVICON } from './layout/favicon.ts';
import { SCRIPT } from './layout/script.ts';
import { MORE_STYLES, STYLES } from './layout/styles.ts';
import type { ApiFetch } from './lib/api.ts';
import { securityHeaders } from './lib/csp.ts';
import { LoginRequired } from './lib/http.ts';
import { mountLazyRoutes } from './lib/lazy-routes.ts';
import { render, setLoginPath } from './lib/render.tsx';
import { sameOrigin } from './lib/same-origin.tsx';
import { ErrorPage, ForbiddenPage, NotFoundPage, ProblemPage } from './pages/errors.tsx';
import { HomePage } from './pages/home.tsx';

/** Carries API Gateway's request id from lambda.ts to the error page and the log line. */
export const CORRELATION_HEADER = 'x-correlation-id';

export interface WebOptions {
  readonly auth: WebAuth;
  readonly ctx: ServiceContext;
  readonly api: ApiFetch;
  /** The site's public address (AWS); locally the request's own origin is the site's. */
  readonly origin?: string;
}

/**
 * The server-rendered web app. Pages call packages/services directly; the exception is the official
 * PDF documents (letters, deliberation extract), which the API's `documents` function makes (`api`,
 * lib/api.ts).
 */
export function createWebApp({ auth, ctx, api, origin }: WebOptions) {
  const app = new Hono<WebEnv>();
  const deps = { ctx, loginPath: auth.loginPath, api };
  setLoginPath(auth.loginPath);
  app.use(securityHeaders(ctx.store.config.s3Endpoint));
  app.use(sameOrigin(origin, auth.loginPath));
  app.use(sessionMiddleware(ctx));

  const asset = (body: string, type: string) => () =>
    new Response(body, { headers: { 'content-type': type, 'cache-control': 'public, max-age=300' } });
  app.get('/static/app.css', asset(STYLES + MORE_STYLES, 'text/css; charset=utf-8'));
  app.get('/static/app.js', asset(SCRIPT, 'text/javascript; charset=utf-8'));
  app.get('/favicon.ico', () => {
    const headers = { 'content-type': 'image/x-icon', 'cache-control': 'public, max-age=86400' };
    return new Response(FAVICON, { headers });
  });
  app.get('/', (c) => render(c, 'Accueil', <HomePage caller={c.get('caller')} />));

  // Each role's pages load with the first request for them (see lib/lazy-routes.ts).
  // Personal data (issue 20) first: its /admin/donnees-personnelles pages sit under /admin.
  mountLazyRoutes(
    app,
    ['/mes-donnees', '/registre-des-traitements', '/admin/donnees-personnelles', '/donnees-personnelles'],
    async () => (await import('./routes/privacy/index.tsx')).privacyRoutes(deps),
  );
  mountLazyRoutes(app, ['/demandes', '/dossiers', '/mes-dossiers'], async () =>
    (await import('./routes/applicant/index.ts')).applicantRoutes(deps),
  );
  mountLazyRoutes(app, ['/instruction'], async () =>
    (await import('./routes/instructor/index.ts')).instructorRoutes(deps),
  );
  mountLazyRoutes(app, ['/bureau'], async () =>
    (await import('./routes/bureau/index.tsx')).bureauRoutes(deps),
  );
  mountLazyRoutes(app, ['/finances'], async () =>
    (await import('./routes/finance/index.tsx')).financeRoutes(deps),
  );
  mountLazyRoutes(app, ['/admin'], async () => (await import('./routes/admin/index.tsx')).adminRoutes(deps));
  // A dossier's official documents (PDF), made by the API's `documents` function.
  mountLazyRoutes(app, ['/courriers'], async () =>
    (await import('./routes/letters/index.tsx')).lettersRoutes(deps),
  );
  // Import of earlier years' dossiers (admins).
  mountLazyRoutes(app, ['/imports'], async () =>
    (await import('./routes/imports/index.tsx')).importRoutes(deps),
  );

  app.notFound((c) => render(c, 'Page introuvable', <NotFoundPage />, 404));
  app.onError((err, c) => {
    if (err instanceof LoginRequired || (err instanceof AppError && err.status === 401)) {
      const url = new URL(c.req.url);
      const back = c.req.method === 'GET' ? `${url.pathname}${url.search}` : url.pathname;
      return c.redirect(`${auth.loginPath}?retour=${encodeURIComponent(back)}`, 303);
    }
    if (err instanceof AppError && err.status === 404)
      return render(c, 'Page introuvable', <NotFoundPage />, 404);
    if (err instanceof AppError && err.status === 403)
      return render(c, 'Accès refusé', <ForbiddenPage />, 403);
    if (err instanceof AppError && err.status !== 503) {
      // Business-rule and validation messages are French and meant for users.
      return render(c, err.title, <ProblemPage title={err.title} detail={err.message} />, err.status);
    }
    // API Gateway's request id, set by lambda.ts (the id of the access log line); locally, a new one.
    const correlationId = c.req.header(CORRELATION_HEADER) ?? crypto.randomUUID();
    console.error(JSON.stringify({ level: 'ERROR', correlationId, message: String(err), stack: err.stack }));
    return render(c, 'Erreur', <ErrorPage correlationId={correlationId} />, 500);
  });
  return app;
}
