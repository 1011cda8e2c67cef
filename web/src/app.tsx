import { AppError } from '@aides/services/errors';
import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { html } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import { currentCaller, sessionMiddleware, type WebAuth, type WebEnv } from './auth/session.ts';
import { Page } from './layout/page.tsx';
import { STYLES } from './layout/styles.ts';
import { ErrorPage, NotFoundPage } from './pages/errors.tsx';
import { HomePage } from './pages/home.tsx';

export interface WebOptions {
  readonly auth: WebAuth;
}

/** The server-rendered web app. Pages call packages/services directly, never the HTTP API. */
export function createWebApp({ auth }: WebOptions) {
  const app = new Hono<WebEnv>();
  app.use(secureHeaders());
  app.use(sessionMiddleware(auth));
  const render = (c: Context<WebEnv>, title: string, body: Child) =>
    c.html(
      html`<!doctype html>${(
        <Page title={title} caller={currentCaller(c)} loginPath={auth.loginPath}>
          {body}
        </Page>
      )}`,
    );

  app.get('/static/app.css', (c) => c.body(STYLES, 200, { 'content-type': 'text/css; charset=utf-8' }));
  app.get('/', (c) => render(c, 'Accueil', <HomePage />));

  app.notFound((c) => {
    c.status(404);
    return render(c, 'Page introuvable', <NotFoundPage />);
  });
  app.onError((err, c) => {
    if (err instanceof AppError && err.status === 404) {
      c.status(404);
      return render(c, 'Page introuvable', <NotFoundPage />);
    }
    const correlationId = crypto.randomUUID();
    console.error(JSON.stringify({ level: 'ERROR', correlationId, message: String(err), stack: err.stack }));
    c.status(500);
    return render(c, 'Erreur', <ErrorPage correlationId={correlationId} />);
  });
  return app;
}
