import type { ServiceContext } from '@aides/services/context';
import { contextFromEnv } from '@aides/services/context-from-env';

/** What every area needs. Lambda entry points build it once from the environment. */
export interface AreaDeps {
  readonly ctx: ServiceContext;
}

export const depsFromEnv = (): AreaDeps => ({ ctx: contextFromEnv() });
