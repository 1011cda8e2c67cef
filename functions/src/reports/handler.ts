import { depsFromEnv } from '../http/deps.ts';
import { makeReportsHandler } from './app.ts';

export const handler = makeReportsHandler(depsFromEnv());
