import { createRemoteJWKSet, jwtVerify } from 'jose';

/**
 * Cognito's ID token check, in its own module so that cognito.ts loads it (and jose) only at the
 * sign-in callback, not at every cold start; importing it here rather than `jose` itself lets
 * esbuild keep only these two functions of jose in that chunk.
 */
export function idTokenVerifier(issuer: string, audience: string) {
  const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  return async (token: string) => {
    const { payload } = await jwtVerify(token, jwks, { issuer, audience, algorithms: ['RS256'] });
    return payload.token_use === 'id' ? payload : null;
  };
}
