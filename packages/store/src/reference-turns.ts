import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './clients.ts';
import { getItem } from './items.ts';
import { keys } from './keys.ts';

/**
 * Filings of one scheme and year take turns on their counter item, first come first served:
 * a filing takes a ticket (an atomic ADD, never contended), waits until the tickets before it
 * are served, then writes its dossier with the next number in one transaction that also marks
 * its ticket served. Numbers (`n`) only move with a dossier, so there are no gaps; a turn that
 * ends without a filing (an error, a holder that died) is passed on without touching `n`.
 */
export interface CounterState {
  /** Last reference number given. */
  readonly n: number;
  /** Tickets handed out. */
  readonly tickets: number;
  /** Tickets whose turn is over. */
  readonly served: number;
}

export async function takeTicket(store: Store, scheme: string, year: number): Promise<number> {
  const r = await store.ddb.send(
    new UpdateCommand({
      TableName: store.config.tableName,
      Key: keys.referenceCounter(scheme, year),
      UpdateExpression: 'ADD #tickets :one SET #type = :type',
      ExpressionAttributeNames: { '#tickets': 'tickets', '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':type': 'counter' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(r.Attributes?.tickets);
}

export async function readCounter(store: Store, scheme: string, year: number): Promise<CounterState> {
  const item = await getItem(store, keys.referenceCounter(scheme, year));
  return { n: Number(item?.n ?? 0), tickets: Number(item?.tickets ?? 0), served: Number(item?.served ?? 0) };
}

/** Condition and values that hold only while `ticket` is the one being served. */
export function turnCondition(ticket: number) {
  return ticket === 1
    ? { expression: '(attribute_not_exists(#served) OR #served = :before)', values: { ':before': 0 } }
    : { expression: '#served = :before', values: { ':before': ticket - 1 } };
}

/** Ends turn `ticket` without a filing; false if it was not that turn any more. */
export async function passTurn(store: Store, scheme: string, year: number, ticket: number): Promise<boolean> {
  const turn = turnCondition(ticket);
  try {
    await store.ddb.send(
      new UpdateCommand({
        TableName: store.config.tableName,
        Key: keys.referenceCounter(scheme, year),
        UpdateExpression: 'SET #served = :ticket',
        ConditionExpression: turn.expression,
        ExpressionAttributeNames: { '#served': 'served' },
        ExpressionAttributeValues: { ':ticket': ticket, ...turn.values },
      }),
    );
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
}
