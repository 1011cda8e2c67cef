import { depsFromEnv } from '../http/deps.ts';
import { makeFinanceHandler } from './app.ts';

export const handler = makeFinanceHandler(depsFromEnv());
