import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './clients.ts';
import { getItem } from './items.ts';
import { keys } from './keys.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

/**
 * Server-side web sessions: the browser's cookie holds a random id, the table holds what the id
 * stands for, under the id's hash. Signing out deletes the record, so the cookie is worthless at
 * once; the table's TTL removes records nobody signed out of.
 */
export interface WebSessionRecord {
  /** SHA-256 (hex) of the cookie's id. */
  readonly idHash: string;
  readonly sub: string;
  /** The verified ID token's claims, from which each request's caller is built. */
  readonly claims: Record<string, unknown>;
  /** The ID token itself, for the few calls the web makes to the API on the visitor's behalf. */
  readonly idToken: string;
  /** Cognito's refresh token (AWS only), revoked at sign-out. */
  readonly refreshToken?: string;
  readonly createdAt: string;
  /** Epoch seconds: the ID token's expiry, also the table's TTL. */
  readonly expiresAt: number;
}

export async function putWebSession(store: Store, record: WebSessionRecord): Promise<void> {
  await store.ddb.send(
    new PutCommand({
      TableName: store.config.tableName,
      Item: {
        ...keys.webSession(record.idHash),
        type: 'webSession',
        ...record,
        [TTL_ATTRIBUTE]: record.expiresAt,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getWebSession(store: Store, idHash: string): Promise<WebSessionRecord | undefined> {
  const item = await getItem(store, keys.webSession(idHash));
  return item as WebSessionRecord | undefined;
}

/** Deletes the record; returns what it held (its refresh token is revoked next). */
export async function deleteWebSession(store: Store, idHash: string): Promise<WebSessionRecord | undefined> {
  const r = await store.ddb.send(
    new DeleteCommand({
      TableName: store.config.tableName,
      Key: keys.webSession(idHash),
      ReturnValues: 'ALL_OLD',
    }),
  );
  return r.Attributes as WebSessionRecord | undefined;
}
