import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { auditIndexAttributes } from './admin.ts';
import type { Store } from './clients.ts';
import { decodeCursor, encodeCursor } from './keys.ts';
import { type DossierIndexFields, retentionIndex } from './records.ts';

/**
 * Index entries for items written before their index existed (a table that ran wave 1): dossiers
 * had no byRetention entry (issue 20), so the retention job, which only Queries that index, would
 * never see them; dossier events had no audit-log entries (issue 15), so the audit log found them
 * by dossier only. This one-off migration reads the table page by page (a Scan: it visits every
 * item once, as a migration must) and adds the missing attributes with a conditional update that
 * never overwrites an entry written since, nor a dossier changed since it was read. Idempotent:
 * a second run finds nothing to add.
 */

export interface BackfillPage {
  readonly scanned: number;
  readonly dossiers: number;
  readonly events: number;
  /** Items changed between the read and the update: left as they are (the change wrote its own entries). */
  readonly skipped: number;
  readonly cursor?: string | undefined;
}

type Item = Record<string, unknown>;

function missingAttributes(item: Item): Record<string, string> | undefined {
  if (item.type === 'dossier' && item.gsi5pk === undefined) {
    const index = retentionIndex(item as unknown as DossierIndexFields);
    return Object.keys(index).length ? index : undefined;
  }
  if (item.type === 'event' && item.gsi1pk === undefined) {
    const { actorSub, action, at, id } = item;
    if ([actorSub, action, at, id].every((v) => typeof v === 'string'))
      return auditIndexAttributes({
        at: at as string,
        id: id as string,
        actorSub: actorSub as string,
        type: action as string,
      });
  }
  return undefined;
}

/** One page of the migration: reads up to `limit` items from `cursor`, adds what they lack. */
export async function backfillIndexPage(
  store: Store,
  o: { cursor?: string | undefined; limit?: number } = {},
): Promise<BackfillPage> {
  const r = await store.ddb.send(
    new ScanCommand({
      TableName: store.config.tableName,
      Limit: o.limit ?? 500,
      ExclusiveStartKey: decodeCursor(o.cursor),
    }),
  );
  let dossiers = 0;
  let events = 0;
  let skipped = 0;
  for (const item of r.Items ?? []) {
    const add = missingAttributes(item);
    if (!add) continue;
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = Object.entries(add).map(([k, v], i) => {
      names[`#a${i}`] = k;
      values[`:a${i}`] = v;
      return `#a${i} = :a${i}`;
    });
    // Unchanged since read: same version for a dossier, still no entry for an event.
    let condition = `attribute_exists(pk) AND attribute_not_exists(#a0)`;
    if (item.type === 'dossier') {
      names['#version'] = 'version';
      values[':version'] = item.version;
      condition += ' AND #version = :version';
    }
    try {
      await store.ddb.send(
        new UpdateCommand({
          TableName: store.config.tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      if (item.type === 'dossier') dossiers++;
      else events++;
    } catch (e) {
      if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
      skipped++;
    }
  }
  return {
    scanned: r.Items?.length ?? 0,
    dossiers,
    events,
    skipped,
    cursor: encodeCursor(r.LastEvaluatedKey),
  };
}
