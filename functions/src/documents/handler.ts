import { depsFromEnv } from '../http/deps.ts';
import { makeDocumentsHandler } from './app.ts';

export const handler = makeDocumentsHandler(depsFromEnv());
