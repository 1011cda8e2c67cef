import { depsFromEnv } from '../http/deps.ts';
import { makeApplicationsHandler } from './app.ts';

export const handler = makeApplicationsHandler(depsFromEnv());
