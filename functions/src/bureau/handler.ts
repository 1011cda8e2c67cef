import { depsFromEnv } from '../http/deps.ts';
import { makeBureauHandler } from './app.ts';

export const handler = makeBureauHandler(depsFromEnv());
