import { createStore, type Store, storeConfigFromEnv } from '@aides/store';

/** What every area needs. Lambda entry points build it once from the environment. */
export interface AreaDeps {
  readonly store: Store;
}

export const depsFromEnv = (): AreaDeps => ({ store: createStore(storeConfigFromEnv()) });
