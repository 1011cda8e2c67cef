import { describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../functions/src/routes.ts';
import {
  createRouteMatcher,
  fromApiGatewayResult,
  localContext,
  matchRoute,
  toApiGatewayEvent,
} from './apigw-adapter.ts';

const doc = { operationId: 'x', tag: 'Système', summary: 'x', description: 'x', answers: [] } as const;
const table: RouteDefinition[] = [
  { method: 'GET', path: '/api/dossiers/{id}', area: 'applications', roles: ['applicant'], ...doc },
  {
    method: 'POST',
    path: '/api/dossiers/{id}/pieces/{pieceId}',
    area: 'attachments',
    roles: ['applicant'],
    ...doc,
  },
  { method: 'GET', path: '/files/{proxy+}', area: 'system', public: true, roles: [], ...doc },
];
const match = createRouteMatcher(table);

describe('route matching', () => {
  it('extracts and decodes path parameters', () => {
    const m = match('GET', '/api/dossiers/FTE-2026%2000042');
    expect(m).toEqual({ route: table[0], pathParameters: { id: 'FTE-2026 00042' } });
  });
  it('matches several parameters and greedy proxies', () => {
    expect(match('POST', '/api/dossiers/d1/pieces/p2')).toMatchObject({
      pathParameters: { id: 'd1', pieceId: 'p2' },
    });
    expect(match('GET', '/files/a/b/c.pdf')).toMatchObject({ pathParameters: { proxy: 'a/b/c.pdf' } });
  });
  it('tells an unknown path from a known path with another method', () => {
    expect(match('GET', '/api/inconnu')).toBeNull();
    expect(match('DELETE', '/api/dossiers/d1')).toEqual({ methodNotAllowed: true });
    expect(match('GET', '/api/dossiers/d1/extra')).toBeNull();
  });
  it('keeps a malformed escape as it is instead of failing', () => {
    expect(match('GET', '/api/dossiers/%E0%A4%A')).toMatchObject({ pathParameters: { id: '%E0%A4%A' } });
  });
  it('serves the project route table', () => {
    expect(matchRoute('GET', '/api/health')).toMatchObject({ route: { area: 'system', public: true } });
  });
});

describe('toApiGatewayEvent', () => {
  const m = match('GET', '/api/dossiers/d1');
  if (!m || 'methodNotAllowed' in m) throw new Error('route de test introuvable');

  it('builds a payload 2.0 event with route, query, cookies and claims', async () => {
    const req = new Request(
      'http://localhost:3000/api/dossiers/d1?statut=submitted&commune=62119&commune=62178',
      {
        headers: { Cookie: 'session=abc; theme=clair', 'X-Trace': 't1', 'User-Agent': 'vitest' },
      },
    );
    const claims = { sub: 'u1', 'cognito:groups': ['applicant'] };
    const event = await toApiGatewayEvent(req, { match: m, claims, now: new Date('2026-11-25T10:00:00Z') });
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('GET /api/dossiers/{id}');
    expect(event.rawPath).toBe('/api/dossiers/d1');
    expect(event.rawQueryString).toBe('statut=submitted&commune=62119&commune=62178');
    expect(event.queryStringParameters).toEqual({ statut: 'submitted', commune: '62119,62178' });
    expect(event.pathParameters).toEqual({ id: 'd1' });
    expect(event.cookies).toEqual(['session=abc', 'theme=clair']);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers['x-trace']).toBe('t1');
    expect(event.requestContext.http).toMatchObject({
      method: 'GET',
      path: '/api/dossiers/d1',
      userAgent: 'vitest',
    });
    expect(event.requestContext.routeKey).toBe(event.routeKey);
    expect(event.requestContext.timeEpoch).toBe(Date.parse('2026-11-25T10:00:00Z'));
    expect(event.requestContext.authorizer.jwt.claims).toEqual(claims);
    expect(event.body).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
  });

  it('keeps JSON bodies as text and encodes binary bodies in base64', async () => {
    const json = await toApiGatewayEvent(
      new Request('http://localhost/api/dossiers/d1', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"a":"é"}',
      }),
      { match: m },
    );
    expect(json).toMatchObject({ body: '{"a":"é"}', isBase64Encoded: false });
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0xff]);
    const bin = await toApiGatewayEvent(
      new Request('http://localhost/api/dossiers/d1', {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: bytes,
      }),
      { match: m },
    );
    expect(bin.isBase64Encoded).toBe(true);
    expect(Buffer.from(bin.body ?? '', 'base64')).toEqual(Buffer.from(bytes));
    expect(bin.queryStringParameters).toBeUndefined();
  });
});

describe('fromApiGatewayResult', () => {
  it('maps status, headers and cookies', async () => {
    const res = fromApiGatewayResult({
      statusCode: 201,
      headers: { 'content-type': 'application/json', etag: '"3"' },
      cookies: ['a=1; Path=/', 'b=2; Path=/'],
      body: '{"ok":true}',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"3"');
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(await res.json()).toEqual({ ok: true });
  });
  it('decodes base64 bodies', async () => {
    const res = fromApiGatewayResult({
      statusCode: 200,
      body: Buffer.from('%PDF-1.7').toString('base64'),
      isBase64Encoded: true,
    });
    expect(await res.text()).toBe('%PDF-1.7');
  });
  it('treats a bare object as a 200 JSON answer, as API Gateway does', async () => {
    const res = fromApiGatewayResult({ hello: 'monde' } as never);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ hello: 'monde' });
  });
  it('sends no body for 204', async () => {
    const res = fromApiGatewayResult({ statusCode: 204, body: '' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });
});

describe('localContext', () => {
  it('counts the remaining time down from the timeout', () => {
    const ctx = localContext('f', 1000);
    expect(ctx.getRemainingTimeInMillis()).toBeLessThanOrEqual(1000);
    expect(ctx.getRemainingTimeInMillis()).toBeGreaterThan(900);
    expect(ctx.functionName).toBe('f');
  });
});
