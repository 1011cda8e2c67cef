import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer } from '../../../test/support/stack.ts';
import { apiOverHttp, pageScopedApi } from './api.ts';

// What the web function does on AWS, over real HTTP against the local server: the path is joined
// to the site's origin and the visitor's token goes as a bearer token, checked by the API.
describe('apiOverHttp', () => {
  let server: Awaited<ReturnType<typeof createTestServer>>;
  let http: ReturnType<typeof serve>;
  let origin: string;

  beforeAll(async () => {
    server = await createTestServer();
    http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => http.once('listening', resolve));
    origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => http.close(resolve)));

  it('reaches the API as the visitor', async () => {
    const res = await apiOverHttp(origin)('/api/me', await server.tokenFor('demo-bureau'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sub: 'demo-bureau', roles: ['bureau'] });
  });

  it('a token the API does not accept is refused', async () => {
    const res = await apiOverHttp(origin)('/api/me', 'pas-un-jeton');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sends the edge’s secret header, and the page request’s id while a page is served', async () => {
    const seen: (string | null)[][] = [];
    const probe = serve({
      fetch: (req) => {
        const h = (name: string) => req.headers.get(name);
        seen.push([h('x-origin-verify'), h('authorization'), h('x-aides-page-request')]);
        return new Response('{}', { headers: { 'content-type': 'application/json' } });
      },
      port: 0,
      hostname: '127.0.0.1',
    });
    await new Promise((resolve) => probe.once('listening', resolve));
    try {
      const at = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
      const { api, forPage } = pageScopedApi(at, { 'x-origin-verify': 's'.repeat(32) });
      expect((await forPage('apigw-page-7', () => api('/api/me', 'jeton'))).status).toBe(200);
      expect((await api('/api/me', 'jeton')).status).toBe(200);
      expect(seen).toEqual([
        ['s'.repeat(32), 'Bearer jeton', 'apigw-page-7'],
        ['s'.repeat(32), 'Bearer jeton', null],
      ]);
    } finally {
      await new Promise((resolve) => probe.close(resolve));
    }
  });
});
