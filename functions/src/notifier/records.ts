import type { ServiceContext } from '@aides/services/context';
import {
  type DeliveryOptions,
  type DeliveryOutcome,
  deliverOutboxItem,
} from '@aides/services/notifications/deliver';
import type { MailSender, OutboxItem } from '@aides/services/notifications/model';
import { isPendingOutboxImage, OUTBOX_ITEM_TYPE, outboxEntity } from '@aides/store/outbox';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/**
 * The notifier: one handler for the table's stream records, whoever reads the stream — the Lambda
 * event source mapping on AWS (./handler.ts), the local poller reading DynamoDB Local's stream
 * (scripts/local/stream-poller.ts). Each record whose new image is a pending outbox item is
 * delivered once (../../../packages/services/src/notifications/deliver.ts); every other record is
 * passed over. A record whose item another deliverer holds, or whose delivery threw (the table
 * unreachable, say), is reported as failed, so that the stream hands it again: on AWS the event
 * source mapping retries (bisecting the batch) and at last sends it to its SQS dead-letter queue.
 */

/** A stream record, as Lambda and the DynamoDB Streams API both give it. */
export interface StreamRecordLike {
  readonly eventName?: string | undefined;
  readonly dynamodb?:
    | {
        readonly NewImage?: Record<string, AttributeValue> | undefined;
        readonly SequenceNumber?: string | undefined;
      }
    | undefined;
}

export interface NotifierDeps {
  readonly ctx: ServiceContext;
  readonly sender: MailSender;
  readonly delivery: DeliveryOptions;
  /** Records delivered at once within a batch (each item is independent). */
  readonly concurrency?: number;
  readonly onOutcome?: (
    outcome: DeliveryOutcome | 'error',
    item: Pick<OutboxItem, 'id' | 'kind'>,
    e?: unknown,
  ) => void;
}

export interface BatchResult {
  /** Sequence numbers of records to hand again (Lambda's ReportBatchItemFailures). */
  readonly batchItemFailures: { itemIdentifier: string }[];
}

/** The outbox item a record carries, if it is one waiting to be delivered. */
export function pendingOutboxItem(r: StreamRecordLike): OutboxItem | undefined {
  if (r.eventName !== 'INSERT' && r.eventName !== 'MODIFY') return undefined;
  const image = r.dynamodb?.NewImage;
  // The same filter as the event source mapping's on AWS, read before anything is converted.
  if (image?.type?.S !== OUTBOX_ITEM_TYPE || image.status?.S !== 'pending') return undefined;
  const plain = unmarshall(image) as Record<string, unknown>;
  return isPendingOutboxImage(plain) ? outboxEntity<OutboxItem>(plain) : undefined;
}

export async function handleStreamRecords(
  records: readonly StreamRecordLike[],
  deps: NotifierDeps,
): Promise<BatchResult> {
  const failures: { itemIdentifier: string }[] = [];
  const queue = records.map((r, i) => ({ r, i }));
  const failed = new Set<number>();
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const item = pendingOutboxItem(next.r);
      if (!item) continue;
      try {
        const outcome = await deliverOutboxItem(deps.ctx, deps.sender, item, deps.delivery);
        deps.onOutcome?.(outcome, item);
        if (outcome === 'busy') failed.add(next.i);
      } catch (e) {
        deps.onOutcome?.('error', item, e);
        failed.add(next.i);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 8) }, worker));
  for (const i of [...failed].sort((a, b) => a - b)) {
    const seq = records[i]?.dynamodb?.SequenceNumber;
    if (seq) failures.push({ itemIdentifier: seq });
  }
  return { batchItemFailures: failures };
}
