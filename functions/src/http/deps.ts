import { createContext, type ServiceContext } from '@aides/services/context';
import { createStore, storeConfigFromEnv } from '@aides/store';

/** What every area needs. Lambda entry points build it once from the environment. */
export interface AreaDeps {
  readonly ctx: ServiceContext;
}

export const depsFromEnv = (): AreaDeps => ({
  ctx: createContext(createStore(storeConfigFromEnv()), {
    scanner: process.env.MALWARE_SCANNER === 'guardduty' ? 'guardduty' : 'none',
  }),
});
