import { notFound } from '@aides/services/errors';
import { Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { requireCaller, type WebDeps } from '../../lib/http.ts';

/**
 * A dossier's official documents, downloaded through the API's `documents` function with the
 * visitor's own token (lib/api.ts): pdfmake is never in the web function, and the API decides who
 * may read what (somebody else's dossier: 404, shown as the French « page introuvable »).
 */
export function lettersRoutes({ api }: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get('/courriers/:dossierId/:letterId', async (c) => {
    requireCaller(c);
    const res = await api(
      `/api/dossiers/${encodeURIComponent(c.req.param('dossierId'))}/letters/${encodeURIComponent(c.req.param('letterId'))}`,
      c.get('apiToken') ?? '',
    );
    if (res.status === 404) throw notFound('Document introuvable.');
    if (!res.ok) throw new Error(`Document officiel : l’API a répondu ${res.status}`);
    return new Response(res.body, {
      status: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': res.headers.get('content-disposition') ?? 'attachment',
        'cache-control': 'private, no-store',
        ...(res.headers.get('etag') ? { etag: res.headers.get('etag') as string } : {}),
      },
    });
  });
  return app;
}
