/**
 * Lambda of the retention job, invoked by an EventBridge schedule (infra: stateless stack). A
 * failure throws, so that the function's Errors metric (and its alarm) sees it; a purge left
 * half-way is finished by the next run.
 */
import { contextFromEnv } from '@aides/services/context-from-env';
import middy from '@middy/core';
import { logger, observability } from '../observability/powertools.ts';
import { runRetentionJob, runSummary } from './job.ts';

const ctx = contextFromEnv();

export const handler = middy(async (event: { time?: string }) => {
  const run = await runRetentionJob(ctx);
  logger.info('Conservation des données : passage terminé', { scheduledAt: event?.time, ...runSummary(run) });
  return runSummary(run);
}).use(observability());
