import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';

const SECRET = 'un-secret-de-trente-deux-caracteres-au-moins';
const ENV = {
  TABLE_NAME: 'aides',
  BUCKET_NAME: 'aides',
  AWS_REGION: 'eu-west-3',
  AWS_ACCESS_KEY_ID: 'x',
  AWS_SECRET_ACCESS_KEY: 'x',
  COGNITO_ISSUER: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_test',
  COGNITO_CLIENT_ID: 'client',
  COGNITO_DOMAIN: 'https://aides.auth.eu-west-3.amazoncognito.com',
  WEB_ORIGIN: 'https://aides.example',
  ORIGIN_VERIFY_SECRET: SECRET,
};
const context = {
  awsRequestId: 'id',
  functionName: 'web',
  getRemainingTimeInMillis: () => 10_000,
} as Context;

/** The API Gateway v2 event of `GET /static/app.css` (no session: the stores are never called). */
const event = (headers: Record<string, string>) => ({
  version: '2.0',
  routeKey: 'ANY /{proxy+}',
  rawPath: '/static/app.css',
  rawQueryString: '',
  headers: { host: 'abc.execute-api.eu-west-3.amazonaws.com', ...headers },
  isBase64Encoded: false,
  requestContext: {
    requestId: 'apigw-request-id',
    domainName: 'abc.execute-api.eu-west-3.amazonaws.com',
    http: {
      method: 'GET',
      path: '/static/app.css',
      protocol: 'HTTP/1.1',
      sourceIp: '192.0.2.1',
      userAgent: 't',
    },
    stage: '$default',
  },
});

afterEach(() => vi.unstubAllEnvs());

describe('the web function on AWS answers only what came through CloudFront', () => {
  it('refuses a request to its execute-api address without the edge’s secret header, serves the forwarded one', async () => {
    for (const [k, v] of Object.entries(ENV)) vi.stubEnv(k, v);
    vi.resetModules();
    const { handler } = await import('./lambda.ts');
    const direct = await handler(event({}) as never, context);
    expect(direct.statusCode).toBe(403);
    const forwarded = await handler(event({ 'x-origin-verify': SECRET }) as never, context);
    expect(forwarded.statusCode).toBe(200);
    expect(forwarded.headers?.['content-type']).toContain('text/css');
  });
});
