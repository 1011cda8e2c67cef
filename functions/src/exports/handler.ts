import { depsFromEnv } from '../http/deps.ts';
import { makeExportsHandler } from './app.ts';

export const handler = makeExportsHandler(depsFromEnv());
