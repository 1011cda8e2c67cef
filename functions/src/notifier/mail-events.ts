import { contextFromEnv } from '@aides/services/context-from-env';
import { recordMailEvent, type SesMailEvent } from '@aides/services/notifications/mail-events';
import type { SNSEvent } from 'aws-lambda';
import { logger } from '../observability/powertools.ts';

/** SES bounce and complaint events (configuration set → SNS → this function): mark the addresses. */
const ctx = contextFromEnv();

export const handler = async (event: SNSEvent) => {
  for (const r of event.Records) {
    let parsed: SesMailEvent;
    try {
      parsed = JSON.parse(r.Sns.Message) as SesMailEvent;
    } catch {
      logger.warn('Message SNS illisible', { messageId: r.Sns.MessageId });
      continue;
    }
    const marked = await recordMailEvent(ctx, parsed);
    logger.info('Événement SES', { type: parsed.eventType ?? parsed.notificationType, marked });
  }
};
