import { depsFromEnv } from '../http/deps.ts';
import { makeInstructionHandler } from './app.ts';

export const handler = makeInstructionHandler(depsFromEnv());
