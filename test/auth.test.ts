import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEV_AUDIENCE, DEV_ISSUER } from '../scripts/local/dev-issuer.ts';
import { createTestServer } from './support/stack.ts';

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
beforeAll(async () => {
  server = await createTestServer();
});

const me = (authorization?: string) =>
  server.app.request('http://localhost/api/me', { headers: authorization ? { authorization } : {} });

async function expectUnauthorized(res: Response) {
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { title: string; status: number };
  expect(body).toMatchObject({ status: 401, title: 'Non authentifié' });
}

describe('development auth through the local server', () => {
  it('accepts a token signed by the dev issuer and fills the claims where API Gateway would', async () => {
    const res = await me(`Bearer ${await server.tokenFor('demo-instructrice')}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      sub: 'demo-instructrice',
      name: 'Sophie Durand',
      roles: ['instructor'],
    });
  });

  it('refuses a missing or malformed Authorization header', async () => {
    await expectUnauthorized(await me());
    await expectUnauthorized(await me('Basic dXNlcjpwYXNz'));
    await expectUnauthorized(await me('Bearer pas-un-jeton'));
  });

  it('refuses alg "none"', async () => {
    const unsigned = new UnsecuredJWT({ 'cognito:groups': ['admin'] })
      .setSubject('demo-admin')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('1h')
      .encode();
    await expectUnauthorized(await me(`Bearer ${unsigned}`));
  });

  it('refuses a token signed with another key, a wrong issuer or a wrong audience', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('demo-admin')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    await expectUnauthorized(await me(`Bearer ${forged}`));
    // Same key, wrong issuer / audience: re-sign through a second issuer is impossible (key is
    // private), so tamper with the payload instead: the signature no longer matches.
    const good = await server.tokenFor('demo-menage');
    const [h, p, s] = good.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    for (const change of [{ iss: 'https://autre' }, { aud: 'autre' }, { 'cognito:groups': ['admin'] }]) {
      const tampered = Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url');
      await expectUnauthorized(await me(`Bearer ${h}.${tampered}.${s}`));
    }
  });

  it('refuses an expired token', async () => {
    const persona = {
      sub: 'demo-menage',
      name: 'x',
      email: 'x@example.fr',
      groups: ['applicant'] as const,
      description: '',
    };
    const expired = await server.issuer.sign(persona, { expiresIn: '-1m' });
    await expectUnauthorized(await me(`Bearer ${expired}`));
  });

  it('verifies issuer and audience, not only the signature', async () => {
    const claims = await server.issuer.verify(await server.tokenFor('demo-finances'));
    expect(claims).toMatchObject({ iss: DEV_ISSUER, aud: DEV_AUDIENCE, sub: 'demo-finances' });
  });
});
