import { AppError } from '@aides/services/errors';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { WebEnv } from '../auth/session.ts';
import { mountLazyRoutes } from './lazy-routes.ts';

const caller = { sub: 'demo-bureau', name: 'Bureau', email: 'b@example.fr', roles: ['bureau' as const] };

/** A parent app like the web's: sets the caller, renders errors itself. */
function parent(load: () => Promise<Hono<WebEnv>>) {
  const app = new Hono<WebEnv>();
  app.use(async (c, next) => {
    c.set('caller', caller);
    await next();
  });
  mountLazyRoutes(app, ['/groupe'], load);
  app.onError((err, c) => c.text(`parent: ${err.message}`, err instanceof AppError ? err.status : 500));
  return app;
}

const group = () => {
  const g = new Hono<WebEnv>();
  g.get('/groupe/qui', (c) => c.text(c.get('caller')?.sub ?? 'personne'));
  g.get('/groupe/refus', () => {
    throw new AppError(403, 'about:blank', 'Accès refusé', 'Réservé au Bureau.');
  });
  return g;
};

describe('mountLazyRoutes', () => {
  it('loads the group once, hands it the caller, and sends its errors and unknown paths back', async () => {
    let loads = 0;
    const app = parent(async () => {
      loads += 1;
      return group();
    });
    expect(loads).toBe(0);
    const who = await app.request('/groupe/qui');
    expect(await who.text()).toBe('demo-bureau');
    await app.request('/groupe/qui');
    expect(loads).toBe(1);
    const refused = await app.request('/groupe/refus');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe('parent: Réservé au Bureau.');
    const unknown = await app.request('/groupe/ailleurs');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('parent:');
  });

  it('tries a failed load again on the next request', async () => {
    let attempts = 0;
    const app = parent(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('chunk introuvable');
      return group();
    });
    const first = await app.request('/groupe/qui');
    expect(first.status).toBe(500);
    expect(await first.text()).toBe('parent: chunk introuvable');
    expect(await (await app.request('/groupe/qui')).text()).toBe('demo-bureau');
    expect(attempts).toBe(2);
  });
});
