import { randomUUID } from 'node:crypto';
import { createStore, ensureBucket, ensureTable, type Store } from '@aides/store';
import { inject } from 'vitest';
import { createDevIssuer } from '../../scripts/local/dev-issuer.ts';
import { type Persona, personaBySub } from '../../scripts/local/personas.ts';
import { createLocalApp } from '../../scripts/local/server.ts';

/** A table and a bucket of this test file's own, on the run's shared embedded stores. */
export async function createTestStore(): Promise<Store> {
  const id = randomUUID().slice(0, 8);
  const store = createStore({
    tableName: `test-${id}`,
    bucketName: `test-${id}`,
    region: 'eu-west-3',
    dynamoEndpoint: inject('dynamoEndpoint'),
    s3Endpoint: inject('s3Endpoint'),
  });
  await ensureTable(store);
  await ensureBucket(store, 'http://localhost:3000');
  return store;
}

/** The local server (same code as `npm start`) over a fresh store, plus a token helper. */
export async function createTestServer() {
  const store = await createTestStore();
  const issuer = await createDevIssuer(null);
  const app = createLocalApp({ deps: { store }, issuer });
  const tokenFor = (sub: string) => {
    const persona = personaBySub(sub) as Persona;
    if (!persona) throw new Error(`persona ${sub} inconnue`);
    return issuer.sign(persona);
  };
  const request = async (
    method: string,
    path: string,
    opts: { as?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.as) headers.authorization = `Bearer ${await tokenFor(opts.as)}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    return app.request(`http://localhost${path}`, {
      method,
      headers,
      ...(opts.body !== undefined
        ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) }
        : {}),
    });
  };
  return { store, issuer, app, tokenFor, request };
}
