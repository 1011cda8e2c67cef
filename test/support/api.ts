import { createContext } from '@aides/services/context';
import { createApiGateway } from '../../scripts/local/api-gateway.ts';
import { createDevIssuer } from '../../scripts/local/dev-issuer.ts';
import { type Persona, personaBySub } from '../../scripts/local/personas.ts';
import { apiClient } from './api-client.ts';
import { createTestStore } from './store.ts';

/** The HTTP API alone (API Gateway emulation + area handlers) over a fresh store. */
export async function createTestApi() {
  const store = await createTestStore();
  const ctx = createContext(store);
  const issuer = await createDevIssuer(null);
  const app = createApiGateway({ deps: { ctx }, issuer });
  const tokenFor = (sub: string) => {
    const persona = personaBySub(sub) as Persona | undefined;
    if (!persona) throw new Error(`persona ${sub} inconnue`);
    return issuer.sign(persona);
  };
  return { store, ctx, issuer, app, tokenFor, ...apiClient({ app, tokenFor }) };
}
