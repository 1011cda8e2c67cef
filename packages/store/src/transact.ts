import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Store } from './clients.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A conditional write inside a transaction failed; `label` names which one. */
export class ConditionFailedError extends Error {
  constructor(
    readonly label: string,
    readonly item?: Record<string, unknown>,
  ) {
    super(`Condition non remplie : ${label}`);
    this.name = 'ConditionFailedError';
  }
}

/** Concurrent transactions touched the same items; the caller may retry. */
export class TransactionConflictError extends Error {
  constructor() {
    super('Transaction en conflit');
    this.name = 'TransactionConflictError';
  }
}

export interface LabelledItem {
  readonly label: string;
  readonly item: TransactItem;
}

/**
 * All-or-nothing write of labelled items. A failed condition says which item failed (and its
 * current value, for the caller's message); nothing is written.
 */
export async function transact(store: Store, items: readonly LabelledItem[], token?: string): Promise<void> {
  if (items.length === 0) return;
  const TransactItems = items.map(({ item }) => {
    const op = (item.ConditionCheck ?? item.Put ?? item.Update ?? item.Delete) as {
      ReturnValuesOnConditionCheckFailure?: string;
    };
    op.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
    return item;
  });
  try {
    await store.ddb.send(
      new TransactWriteCommand({ TransactItems, ...(token ? { ClientRequestToken: token } : {}) }),
    );
  } catch (e) {
    if (e instanceof TransactionCanceledException) {
      const reasons = e.CancellationReasons ?? [];
      const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (failed >= 0) {
        // The low-level exception carries the item as attribute values: hand back plain data.
        const old = reasons[failed]?.Item;
        throw new ConditionFailedError(items[failed]?.label ?? 'inconnu', old ? unmarshall(old) : undefined);
      }
      if (reasons.some((r) => r.Code === 'TransactionConflict')) throw new TransactionConflictError();
    }
    throw e;
  }
}

/** Builders for the common shapes, with the table name filled in. */
export const tx = {
  put: (
    store: Store,
    Item: Record<string, unknown>,
    ConditionExpression?: string,
    names?: Record<string, string>,
    values?: Record<string, unknown>,
  ): TransactItem => ({
    Put: {
      TableName: store.config.tableName,
      Item,
      ...(ConditionExpression ? { ConditionExpression } : {}),
      ...(names ? { ExpressionAttributeNames: names } : {}),
      ...(values ? { ExpressionAttributeValues: values } : {}),
    },
  }),
  putNew: (store: Store, Item: Record<string, unknown>): TransactItem => ({
    Put: { TableName: store.config.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
  }),
  update: (
    store: Store,
    Key: Record<string, unknown>,
    UpdateExpression: string,
    opts: { condition?: string; names?: Record<string, string>; values?: Record<string, unknown> } = {},
  ): TransactItem => ({
    Update: {
      TableName: store.config.tableName,
      Key,
      UpdateExpression,
      ...(opts.condition ? { ConditionExpression: opts.condition } : {}),
      ...(opts.names ? { ExpressionAttributeNames: opts.names } : {}),
      ...(opts.values ? { ExpressionAttributeValues: opts.values } : {}),
    },
  }),
  /** Sets one attribute of an item that must exist. */
  setOnExisting: (
    store: Store,
    Key: Record<string, unknown>,
    attribute: string,
    value: unknown,
  ): TransactItem => ({
    Update: {
      TableName: store.config.tableName,
      Key,
      UpdateExpression: 'SET #a = :v',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#a': attribute },
      ExpressionAttributeValues: { ':v': value },
    },
  }),
  check: (
    store: Store,
    Key: Record<string, unknown>,
    ConditionExpression: string,
    values?: Record<string, unknown>,
    names?: Record<string, string>,
  ): TransactItem => ({
    ConditionCheck: {
      TableName: store.config.tableName,
      Key,
      ConditionExpression,
      ...(values ? { ExpressionAttributeValues: values } : {}),
      ...(names ? { ExpressionAttributeNames: names } : {}),
    },
  }),
  delete: (store: Store, Key: Record<string, unknown>, ConditionExpression?: string): TransactItem => ({
    Delete: {
      TableName: store.config.tableName,
      Key,
      ...(ConditionExpression ? { ConditionExpression } : {}),
    },
  }),
};
