import type { Store } from './clients.ts';
import { getEntity, type Page, queryList, queryPage } from './items.ts';
import { keys } from './keys.ts';
import type { LabelledItem } from './transact.ts';
import { tx } from './transact.ts';

/** Bureau sessions and their agendas as stored. */

export interface SessionFields {
  readonly id: string;
  readonly number: string;
  readonly date: string;
}

/**
 * A new session with the claim of its number, to write together: the claim fails with label
 * `number` if another session has that number, the session with label `session`.
 */
export const createSessionTxs = <S extends SessionFields>(store: Store, s: S): LabelledItem[] => [
  {
    label: 'number',
    item: tx.putNew(store, { ...keys.sessionNumberClaim(s.number), type: 'session-number', sessionId: s.id }),
  },
  {
    label: 'session',
    item: tx.putNew(store, {
      ...keys.session(s.id),
      ...keys.sessionList(s.date, s.id),
      type: 'session',
      ...(s as object),
    }),
  },
];

/** Sessions, latest date first, fifty a page. */
export const listSessions = <T>(store: Store, cursor?: string): Promise<Page<T>> =>
  queryPage<T>(store, { index: 'byStatus', pk: 'SESSIONS', newestFirst: true, limit: 50, cursor });

export async function getSession<T>(store: Store, sessionId: string): Promise<T | undefined> {
  return getEntity<T>(store, keys.session(sessionId));
}

/** Passes only while the session is open (label `session`): scheduling checks it in its transaction. */
export const sessionOpenCheckTx = (store: Store, sessionId: string): LabelledItem => ({
  label: 'session',
  item: tx.check(store, keys.session(sessionId), '#s = :open', { ':open': 'open' }, { '#s': 'status' }),
});

/** Every dossier on a session's agenda, in storage order. */
export async function listAgenda<T>(store: Store, sessionId: string): Promise<T[]> {
  return queryList<T>(store, { pk: keys.session(sessionId).pk, prefix: 'AGENDA#' });
}

/** Puts a dossier on the agenda; fails with label `agenda` if it is already there. */
export const createAgendaItemTx = <A extends { sessionId: string; dossierId: string }>(
  store: Store,
  a: A,
): LabelledItem => ({
  label: 'agenda',
  item: tx.putNew(store, { ...keys.agendaItem(a.sessionId, a.dossierId), type: 'agenda', ...a }),
});

/** Takes a dossier off the agenda; fails with label `agenda` if it is not (or no longer) there. */
export const deleteAgendaItemTx = (store: Store, sessionId: string, dossierId: string): LabelledItem => ({
  label: 'agenda',
  item: tx.delete(store, keys.agendaItem(sessionId, dossierId), 'attribute_exists(pk)'),
});

/** Records the Bureau's decision on an agenda item that exists (label `agenda`). */
export const recordAgendaDecisionTx = (
  store: Store,
  sessionId: string,
  dossierId: string,
  decision: Record<string, unknown>,
): LabelledItem => ({
  label: 'agenda',
  item: tx.setOnExisting(store, keys.agendaItem(sessionId, dossierId), 'decision', decision),
});
