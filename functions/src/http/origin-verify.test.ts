import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from './area.ts';

const SECRET = 'un-secret-de-trente-deux-caracteres-au-moins';
const context = { awsRequestId: 'id', getRemainingTimeInMillis: () => 10_000 } as Context;
const event = (headers: Record<string, string>) =>
  ({
    routeKey: 'GET /api/health',
    rawPath: '/api/health',
    headers,
    requestContext: { requestId: 'apigw-request-id', http: { method: 'GET' } },
  }) as unknown as ApiEvent;

afterEach(() => vi.unstubAllEnvs());

/** The API function as deployed behind CloudFront: the secret in its environment at module load. */
async function healthBehindEdge() {
  vi.stubEnv('ORIGIN_VERIFY_SECRET', SECRET);
  vi.resetModules();
  const { defineArea } = await import('./area.ts');
  return defineArea('system', { 'GET /api/health': async () => ({ statusCode: 200, body: '{}' }) });
}

describe('only CloudFront reaches the functions (no bypass of the WAF by the execute-api address)', () => {
  it('refuses a request without the edge’s header, or with a wrong one, in problem+json', async () => {
    const handler = await healthBehindEdge();
    for (const headers of [
      {} as Record<string, string>,
      { 'x-origin-verify': 'devine' },
      { 'x-origin-verify': `${SECRET}x` },
    ]) {
      const result = await handler(event(headers), context);
      expect(result.statusCode).toBe(403);
      expect(result.headers?.['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(result.body as string).detail).toContain('adresse publique');
    }
  });

  it('serves the request CloudFront forwarded (header names arrive in any case)', async () => {
    const handler = await healthBehindEdge();
    expect((await handler(event({ 'X-Origin-Verify': SECRET }), context)).statusCode).toBe(200);
  });

  it('checks nothing where no secret is set (locally, or before the edge is deployed)', async () => {
    vi.stubEnv('ORIGIN_VERIFY_SECRET', '');
    vi.resetModules();
    const { defineArea } = await import('./area.ts');
    const handler = defineArea('system', {
      'GET /api/health': async () => ({ statusCode: 200, body: '{}' }),
    });
    expect((await handler(event({}), context)).statusCode).toBe(200);
  });
});
