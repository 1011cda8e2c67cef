import type { Store } from '@aides/store';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { handleStreamRecords, type NotifierDeps } from '../../functions/src/notifier/records.ts';

/**
 * What the Lambda event source mapping does on AWS, done locally on DynamoDB Local's own stream:
 * read every shard from its start (TRIM_HORIZON; what was delivered before is recognised by its
 * claim and not sent again), hand each batch of records to the notifier's handler, and read a
 * batch again if the handler reports one of its records as failed (after a pause). Shards that
 * close are read to their end; new ones are found by describing the stream again.
 */
export interface StreamPoller {
  /** Stops reading; waits for the batch in hand. */
  stop(): Promise<void>;
}

const pause = (ms: number, signal: { stopped: boolean }) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    if (signal.stopped) {
      clearTimeout(t);
      resolve();
    }
  });

export async function startStreamPoller(
  store: Store,
  deps: NotifierDeps,
  o: { idleMs?: number; retryMs?: number; onError?: (e: unknown) => void } = {},
): Promise<StreamPoller> {
  const idleMs = o.idleMs ?? 200;
  const retryMs = o.retryMs ?? 1_000;
  const endpoint = store.config.dynamoEndpoint;
  if (!endpoint) throw new Error('Le lecteur de flux local ne sert qu’avec DynamoDB Local.');
  const table = await store.ddb.send(new DescribeTableCommand({ TableName: store.config.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn)
    throw new Error(`La table ${store.config.tableName} n’a pas de flux (StreamSpecification).`);
  const client = new DynamoDBStreamsClient({
    endpoint,
    region: store.config.region,
    credentials: store.credentials ?? { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const signal = { stopped: false };
  /** Where each shard's reading stands: the next iterator, or null once the shard is closed and read. */
  const iterators = new Map<string, string | null>();
  /** The last sequence number handled per shard (to restart after an expired iterator). */
  const lastSequence = new Map<string, string>();

  async function shards(): Promise<Shard[]> {
    const out: Shard[] = [];
    let start: string | undefined;
    do {
      const r = await client.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      out.push(...(r.StreamDescription?.Shards ?? []));
      start = r.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return out;
  }

  async function iteratorFor(shardId: string): Promise<string | undefined> {
    const after = lastSequence.get(shardId);
    const r = await client.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return r.ShardIterator;
  }

  /** Reads one batch of a shard; true if it had records. */
  async function readShard(shardId: string): Promise<boolean> {
    let iterator = iterators.get(shardId);
    if (iterator === null) return false;
    if (iterator === undefined) iterator = await iteratorFor(shardId);
    if (!iterator) {
      iterators.set(shardId, null);
      return false;
    }
    let r: GetRecordsCommandOutput;
    try {
      r = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
    } catch (e) {
      if (e instanceof ExpiredIteratorException || e instanceof TrimmedDataAccessException) {
        iterators.delete(shardId);
        return false;
      }
      throw e;
    }
    const records = r.Records ?? [];
    if (records.length > 0) {
      const result = await handleStreamRecords(records, deps);
      const firstFailure = result.batchItemFailures[0]?.itemIdentifier;
      if (firstFailure) {
        // As Lambda does with a partial batch response: read again from the first failed record.
        const index = records.findIndex((x) => x.dynamodb?.SequenceNumber === firstFailure);
        const before = records[index - 1]?.dynamodb?.SequenceNumber;
        if (before) lastSequence.set(shardId, before);
        iterators.delete(shardId);
        await pause(retryMs, signal);
        return true;
      }
      const last = records.at(-1)?.dynamodb?.SequenceNumber;
      if (last) lastSequence.set(shardId, last);
    }
    iterators.set(shardId, r.NextShardIterator ?? null);
    return records.length > 0;
  }

  const loop = (async () => {
    let lastDescribe = 0;
    let known: Shard[] = [];
    while (!signal.stopped) {
      try {
        if (Date.now() - lastDescribe > 2_000 || known.length === 0) {
          known = await shards();
          lastDescribe = Date.now();
        }
        let busy = false;
        for (const s of known) {
          if (signal.stopped) break;
          if (s.ShardId && (await readShard(s.ShardId))) busy = true;
        }
        if (!busy) await pause(idleMs, signal);
      } catch (e) {
        if (signal.stopped) break;
        o.onError?.(e);
        await pause(retryMs, signal);
      }
    }
  })();

  return {
    stop: async () => {
      signal.stopped = true;
      await loop;
      client.destroy();
    },
  };
}
