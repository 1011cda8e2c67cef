import { depsFromEnv } from '../http/deps.ts';
import { makeSystemHandler } from './app.ts';

export const handler = makeSystemHandler(depsFromEnv());
