import { createContext } from '@aides/services/context';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestServer } from './support/stack.ts';

let server: Awaited<ReturnType<typeof createTestServer>>;
beforeAll(async () => {
  server = await createTestServer();
});

describe('health, home page and dev login through the local server', () => {
  it('reports both stores up', async () => {
    const res = await server.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-correlation-id')).toBeTruthy();
    expect(await res.json()).toEqual({
      statut: 'ok',
      dynamodb: { ok: true, detail: 'ACTIVE' },
      s3: { ok: true, detail: 'accessible' },
    });
  });

  it('reports a missing table as degraded (503), not as an error page', async () => {
    const { createLocalApp } = await import('../scripts/local/server.ts');
    const { createStore } = await import('@aides/store');
    const broken = createStore({ ...server.store.config, tableName: 'table-absente' });
    const app = createLocalApp({ deps: { ctx: createContext(broken) }, issuer: server.issuer });
    const res = await app.request('http://localhost/api/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ statut: 'dégradé', dynamodb: { ok: false }, s3: { ok: true } });
  });

  it('answers unknown API paths with a French problem+json 404', async () => {
    const res = await server.request('GET', '/api/nulle-part');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, title: 'Introuvable' });
  });

  it('serves an OpenAPI 3.1 document listing every route', async () => {
    const res = await server.request('GET', '/api/openapi.json');
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/health');
  });

  it('serves a French, accessible home page', async () => {
    const res = await server.request('GET', '/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Déposer une demande');
    expect(html).toContain('href="#contenu"');
    expect(html).toContain('<main id="contenu"');
    for (const code of ['FTE', 'TPE', 'ESS', 'HABITAT']) expect(html).toContain(`(${code})`);
  });

  it('signs a persona in through the dev login page and shows who is connected', async () => {
    const page = await (await server.request('GET', '/connexion')).text();
    expect(page).toContain('Camille Martin');
    expect(page).toContain('Hélène Roussel');
    const res = await server.app.request('http://localhost/connexion', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: 'persona=demo-bureau',
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^session=.+HttpOnly/);
    const home = await server.app.request('http://localhost/', {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(await home.text()).toContain('Hélène Roussel (Bureau communautaire)');
  });

  it('shows a French 404 page that leaks nothing', async () => {
    const res = await server.request('GET', '/page/inexistante');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Page introuvable');
    expect(html).not.toMatch(/Error|stack|at \//);
  });
});

describe('OpenAPI document', () => {
  it('describes request bodies and query parameters from the zod schemas', async () => {
    const res = await server.request('GET', '/api/openapi.json');
    const doc = (await res.json()) as { paths: Record<string, Record<string, any>> };
    const create = doc.paths['/api/dossiers']?.post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.properties.scheme.enum).toEqual(['FTE', 'TPE', 'ESS', 'HABITAT']);
    const queue = doc.paths['/api/queues']?.get;
    expect(queue.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['scheme', 'status', 'commune', 'cursor']),
    );
    const decision = doc.paths['/api/sessions/{sessionId}/decisions']?.post;
    expect(JSON.stringify(decision.requestBody)).toContain('deliberationNumber');
    expect(doc.paths['/api/dossiers/{id}']?.get['x-roles']).toContain('applicant');
  });
});
