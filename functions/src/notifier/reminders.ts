import { contextFromEnv } from '@aides/services/context-from-env';
import { runWorksReminders } from '@aides/services/notifications/reminders';
import { logger } from '../observability/powertools.ts';

/** The daily check (EventBridge Scheduler → this function): works reminders due today. */
const ctx = contextFromEnv();

export const handler = async () => {
  const day = new Date().toISOString().slice(0, 10);
  const result = await runWorksReminders(ctx, day);
  logger.info('Rappels de fin de travaux', { day, ...result });
  return result;
};
