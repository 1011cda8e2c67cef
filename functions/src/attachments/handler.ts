import { depsFromEnv } from '../http/deps.ts';
import { makeAttachmentsHandler } from './app.ts';

export const handler = makeAttachmentsHandler(depsFromEnv());
