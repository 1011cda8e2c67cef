import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from './area.ts';

const context = {
  awsRequestId: 'lambda-invocation-id',
  functionName: 'aides-system',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-3:000000000000:function:aides-system',
  memoryLimitInMB: '1024',
  getRemainingTimeInMillis: () => 10_000,
} as Context;

const event = (routeKey: string, headers: Record<string, string> = {}, claims?: Record<string, unknown>) =>
  ({
    routeKey,
    rawPath: '/api',
    headers,
    requestContext: {
      requestId: 'apigw-request-id',
      http: { method: 'GET' },
      ...(claims ? { authorizer: { jwt: { claims } } } : {}),
    },
  }) as unknown as ApiEvent;

/** Every JSON line the function writes (Powertools logs and EMF metrics). */
function captureOutput() {
  const lines: Record<string, unknown>[] = [];
  const capture = (chunk: unknown) => {
    for (const line of String(chunk).split('\n')) if (line.startsWith('{')) lines.push(JSON.parse(line));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('observability of the area functions (Powertools through middy)', () => {
  it('uses API Gateway’s request id as correlation id in the problem+json and the log, and counts 5xx by route', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'aides-system');
    vi.resetModules();
    const { defineArea } = await import('./area.ts');
    const handler = defineArea('system', {
      'GET /api/health': async () => {
        throw new Error('panne');
      },
    });
    const lines = captureOutput();
    const result = await handler(event('GET /api/health'), context);
    vi.restoreAllMocks();

    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body as string).correlationId).toBe('apigw-request-id');
    const error = lines.find((l) => l.message === 'Erreur inattendue');
    expect(error).toMatchObject({
      correlationId: 'apigw-request-id',
      function_request_id: 'lambda-invocation-id',
      function_name: 'aides-system',
    });
    const emf = lines.filter((l) => '_aws' in l);
    expect(emf.some((l) => l.Http5xx === 1 && l.route === 'GET /api/health')).toBe(true);
  });

  it('logs the page request a web call was made for beside its own correlation id, and only an id', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'aides-system');
    vi.resetModules();
    const { defineArea } = await import('./area.ts');
    const { logger } = await import('../observability/powertools.ts');
    const handler = defineArea('system', {
      'GET /api/health': async () => {
        logger.info('Vérification');
        return { statusCode: 204 };
      },
    });
    const lines = captureOutput();
    await handler(event('GET /api/health', { 'x-aides-page-request': 'apigw-page-7' }), context);
    await handler(event('GET /api/health', { 'x-aides-page-request': '<script>' }), context);
    await handler(event('GET /api/health'), context);
    vi.restoreAllMocks();
    const checks = lines.filter((l) => l.message === 'Vérification');
    expect(checks.map((l) => [l.correlationId, l.pageRequestId])).toEqual([
      ['apigw-request-id', 'apigw-page-7'],
      ['apigw-request-id', undefined],
      ['apigw-request-id', undefined],
    ]);
  });

  it('normalises header names before the route reads them, and counts a business event on success', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'aides-system');
    vi.resetModules();
    const { defineArea, json } = await import('./area.ts');
    let seen: string | undefined;
    const handler = defineArea('applications', {
      'POST /api/dossiers/{id}/submit': async (req) => {
        seen = req.header('if-match');
        return json(200, { ok: true });
      },
    });
    const lines = captureOutput();
    const claims = { sub: 'menage-1', 'cognito:groups': ['applicant'] };
    const result = await handler(
      event('POST /api/dossiers/{id}/submit', { 'If-Match': '"3"' }, claims),
      context,
    );
    vi.restoreAllMocks();
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['x-correlation-id']).toBe('apigw-request-id');
    expect(seen).toBe('"3"');
    expect(lines.some((l) => '_aws' in l && l.Filings === 1)).toBe(true);
  });

  it('off Lambda (local server, tests) writes no metrics line and no warning per request', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', undefined);
    vi.resetModules();
    const { defineArea, json } = await import('./area.ts');
    const handler = defineArea('system', { 'GET /api/health': async () => json(200, { ok: true }) });
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const result = await handler(event('GET /api/health'), context);
    vi.restoreAllMocks();
    expect(result.statusCode).toBe(200);
    expect(written.join('')).not.toMatch(/No application metrics|_aws/);
  });
});
