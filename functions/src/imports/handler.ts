import { depsFromEnv } from '../http/deps.ts';
import { makeImportsHandler } from './app.ts';

export const handler = makeImportsHandler(depsFromEnv());
