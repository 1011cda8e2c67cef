import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { Persona } from './personas.ts';

/**
 * Development token issuer: signs Cognito-shaped ID tokens for the demo personas. Lives only in
 * scripts/local, which no Lambda bundle imports, so it cannot be switched on in the AWS build.
 */
export const DEV_ISSUER = 'https://dev-issuer.aides.local';
export const DEV_AUDIENCE = 'aides-local';
const ALG = 'ES256';

export interface DevIssuer {
  sign(persona: Persona, opts?: { expiresIn?: string }): Promise<string>;
  /** Verifies signature, algorithm, issuer, audience and expiry; returns the claims or null. */
  verify(token: string): Promise<JWTPayload | null>;
}

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** Loads the key pair from `keyFile` (so sessions survive restarts) or makes and saves one. */
export async function createDevIssuer(keyFile: string | null): Promise<DevIssuer> {
  let privateKey: Key;
  let publicKey: Key;
  if (keyFile && existsSync(keyFile)) {
    const saved = JSON.parse(readFileSync(keyFile, 'utf8')) as { private: JWK; public: JWK };
    privateKey = (await importJWK(saved.private, ALG)) as Key;
    publicKey = (await importJWK(saved.public, ALG)) as Key;
  } else {
    ({ privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true }));
    if (keyFile) {
      mkdirSync(dirname(keyFile), { recursive: true });
      const data = { private: await exportJWK(privateKey), public: await exportJWK(publicKey) };
      writeFileSync(keyFile, JSON.stringify(data), { mode: 0o600 });
    }
  }
  return {
    sign: (persona, opts = {}) =>
      new SignJWT({
        name: persona.name,
        email: persona.email,
        'cognito:groups': [...persona.groups],
        token_use: 'id',
      })
        .setProtectedHeader({ alg: ALG, kid: 'dev' })
        .setSubject(persona.sub)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(opts.expiresIn ?? '8h')
        .sign(privateKey),
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          issuer: DEV_ISSUER,
          audience: DEV_AUDIENCE,
          algorithms: [ALG],
        });
        return payload;
      } catch {
        return null;
      }
    },
  };
}
