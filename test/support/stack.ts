export { createTestStore } from './store.ts';

import { createContext } from '@aides/services/context';
import { createDevIssuer } from '../../scripts/local/dev-issuer.ts';
import { type Persona, personaBySub } from '../../scripts/local/personas.ts';
import { createLocalApp } from '../../scripts/local/server.ts';
import { createTestStore } from './store.ts';

/** The local server (same code as `npm start`) over a fresh store, plus a token helper. */
export async function createTestServer() {
  const store = await createTestStore();
  const issuer = await createDevIssuer(null);
  const app = createLocalApp({ deps: { ctx: createContext(store) }, issuer });
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
