import { depsFromEnv } from '../http/deps.ts';
import { makeExtractsHandler } from './app.ts';

export const handler = makeExtractsHandler(depsFromEnv());
