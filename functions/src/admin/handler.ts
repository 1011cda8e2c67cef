import { depsFromEnv } from '../http/deps.ts';
import { makeAdminHandler } from './app.ts';

export const handler = makeAdminHandler(depsFromEnv());
