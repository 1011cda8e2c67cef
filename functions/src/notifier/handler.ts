import { contextFromEnv } from '@aides/services/context-from-env';
import { DEFAULT_DELIVERY } from '@aides/services/notifications/deliver';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../observability/powertools.ts';
import { mailConfigFromEnv, messageIdDomain } from './config.ts';
import { handleStreamRecords, type StreamRecordLike } from './records.ts';
import { sesSender } from './ses-sender.ts';

/**
 * DynamoDB Streams → this function (event source mapping: filtered on pending outbox items,
 * partial batch responses, bisect on error, retries, then the SQS dead-letter queue).
 */
const config = mailConfigFromEnv();
const deps = {
  ctx: contextFromEnv(),
  sender: sesSender({ from: config.from, configurationSet: config.configurationSet }),
  delivery: {
    ...DEFAULT_DELIVERY,
    webOrigin: config.webOrigin,
    messageIdDomain: messageIdDomain(config.from),
  },
  onOutcome: (outcome: string, item: { id: string; kind: string }, e?: unknown) => {
    if (outcome === 'error')
      logger.error('Notification non traitée', { outboxId: item.id, kind: item.kind, error: e as Error });
    else logger.info('Notification', { outboxId: item.id, kind: item.kind, outcome });
  },
};

export const handler = async (event: DynamoDBStreamEvent) =>
  handleStreamRecords(event.Records as unknown as StreamRecordLike[], deps);
