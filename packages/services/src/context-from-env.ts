import { createStore, storeConfigFromEnv } from '@aides/store';
import { createContext, type ServiceContext } from './context.ts';

/**
 * The context of an AWS entry point (an API area's Lambda or the web's), built once from the
 * function's environment: table, bucket, region, and which malware scanner guards downloads.
 */
export const contextFromEnv = (env: NodeJS.ProcessEnv = process.env): ServiceContext =>
  createContext(createStore(storeConfigFromEnv(env)), {
    scanner: env.MALWARE_SCANNER === 'guardduty' ? 'guardduty' : 'none',
  });
