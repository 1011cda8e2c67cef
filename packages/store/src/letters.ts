import type { Store } from './clients.ts';
import { getEntity, queryList } from './items.ts';
import { keys } from './keys.ts';
import type { LabelledItem } from './transact.ts';

// The items below are written as plain literals, not with `tx` (transact.ts): the documents
// function's IAM grants are derived from the builders its bundle holds (infra/test/grants.test.ts),
// and `tx` would bring ConditionCheck and Delete, which it never needs.
const putNew = (store: Store, Item: Record<string, unknown>) => ({
  Put: { TableName: store.config.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
});
const updateSession = (
  store: Store,
  sessionId: string,
  UpdateExpression: string,
  names: Record<string, string>,
  values: Record<string, unknown>,
) => ({
  Update: {
    TableName: store.config.tableName,
    Key: keys.session(sessionId),
    UpdateExpression,
    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#issued)',
    ExpressionAttributeNames: { ...names, '#issued': 'extractIssuedAt' },
    ExpressionAttributeValues: values,
  },
});

/**
 * Official documents as stored: one record per issued document (its object key, its SHA-256,
 * its template version), written once with `attribute_not_exists`, next to the audit event that
 * carries the same checksum. The bytes are in the bucket (objects.ts `putObjectOnce`).
 */

export type LetterOwner = { readonly dossierId: string } | { readonly sessionId: string };

const letterKey = (owner: LetterOwner, letterId: string) =>
  'dossierId' in owner
    ? keys.dossierLetter(owner.dossierId, letterId)
    : keys.sessionLetter(owner.sessionId, letterId);

export async function getLetterRecord<T>(
  store: Store,
  owner: LetterOwner,
  letterId: string,
): Promise<T | undefined> {
  return getEntity<T>(store, letterKey(owner, letterId));
}

/** Every letter issued for a dossier. */
export async function listDossierLetterRecords<T>(store: Store, dossierId: string): Promise<T[]> {
  return queryList<T>(store, { pk: keys.dossierPartition(dossierId), prefix: 'LETTER#' });
}

/** A new letter record; fails with label `letter` if that letter was already issued. */
export const createLetterRecordTx = <L extends { letterId: string }>(
  store: Store,
  owner: LetterOwner,
  record: L,
): LabelledItem => ({
  label: 'letter',
  item: putNew(store, { ...letterKey(owner, record.letterId), type: 'letter', ...record }),
});

/** An audit event of a Bureau session (the extract's issue). */
export const putSessionEventTx = <E extends { id: string; sessionId: string; at: string }>(
  store: Store,
  e: E,
): LabelledItem => ({
  label: 'session-event',
  item: putNew(store, { ...keys.sessionEvent(e.sessionId, e.at, e.id), type: 'session-event', ...e }),
});

/** A dossier's audit event (the same item as records.ts `putEventTx`), for a letter's issue. */
export const putLetterEventTx = <E extends { id: string; dossierId: string; at: string }>(
  store: Store,
  e: E,
): LabelledItem => ({
  label: 'event',
  item: putNew(store, { ...keys.event(e.dossierId, e.at, e.id), type: 'event', ...e }),
});

/**
 * Records what the Bureau secretary states of a session (members present, quorum, signatory,
 * transmission and publication dates), only while the session exists and its extract has not
 * been issued (label `session`).
 */
export const recordSessionMinutesTx = (
  store: Store,
  sessionId: string,
  minutes: Record<string, unknown>,
): LabelledItem => ({
  label: 'session',
  item: updateSession(store, sessionId, 'SET #m = :m', { '#m': 'minutes' }, { ':m': minutes }),
});

/**
 * Closes a session when its extract is issued: no dossier can be scheduled on it any more
 * (`sessionOpenCheckTx`) and its minutes are frozen (label `session`).
 */
export const closeSessionOnExtractTx = (store: Store, sessionId: string, issuedAt: string): LabelledItem => ({
  label: 'session',
  item: updateSession(
    store,
    sessionId,
    'SET #issued = :at, #s = :closed',
    { '#s': 'status' },
    {
      ':at': issuedAt,
      ':closed': 'closed',
    },
  ),
});

/** A dossier's payments (ledger lines), oldest first: each one has its notice. */
export const listDossierPayments = <T>(store: Store, dossierId: string): Promise<T[]> =>
  queryList<T>(store, { pk: keys.dossierPartition(dossierId), prefix: 'PAYMENT#' });
