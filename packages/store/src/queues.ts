import type { Store } from './clients.ts';
import { type Page, type QueryOptions, queryAll, queryCount, queryPage } from './items.ts';
import { keys } from './keys.ts';

/**
 * The instructors' queues and the reports' reads of filed dossiers: Queries on the byStatus and
 * byAssignee indexes (drafts are in neither), never a Scan. Sort keys are `<filing date>#<id>`.
 */

export interface QueueOptions {
  readonly limit?: number;
  readonly cursor?: string | undefined;
  /** Sort-key range (inclusive): filing dates as `<iso date>` bounds. */
  readonly between?: readonly [string, string] | undefined;
  /** Only dossiers of this commune (INSEE code). */
  readonly commune?: string | undefined;
  /** Words typed in the queue's search: part of the reference or of the beneficiary's name, or a SIRET. */
  readonly search?: string | undefined;
}

type Filter = NonNullable<QueryOptions['filter']>;

const communeFilter = (commune: string): Filter => ({
  expression: '#commune = :commune',
  names: { '#commune': 'communeInsee' },
  values: { ':commune': commune },
});

/**
 * The queue's search, a filter on the same Query (never a Scan): the reference or the
 * beneficiary's name containing the words typed, or the company's or structure's SIRET.
 */
const searchFilter = (search: string): Filter => ({
  expression:
    '(contains(#ref, :ref) OR contains(#ben, :text) OR #app.#company.#siret = :siret OR #app.#structure.#siret = :siret)',
  names: {
    '#ref': 'reference',
    '#ben': 'beneficiary',
    '#app': 'application',
    '#company': 'company',
    '#structure': 'structure',
    '#siret': 'siret',
  },
  values: { ':ref': search.toUpperCase(), ':text': search, ':siret': search.replace(/\s/g, '') },
});

/** Every filter asked for, joined by AND. */
function allOf(filters: Filter[]): Filter | undefined {
  if (filters.length === 0) return undefined;
  return {
    expression: filters.map((f) => f.expression).join(' AND '),
    names: Object.assign({}, ...filters.map((f) => f.names)),
    values: Object.assign({}, ...filters.map((f) => f.values)),
  };
}

function queueQuery(o: QueueOptions): Omit<QueryOptions, 'pk'> {
  const filter = allOf([
    ...(o.commune ? [communeFilter(o.commune)] : []),
    ...(o.search ? [searchFilter(o.search)] : []),
  ]);
  return {
    ...(o.limit ? { limit: o.limit } : {}),
    cursor: o.cursor,
    ...(o.between ? { between: o.between } : {}),
    ...(filter ? { filter } : {}),
  };
}

/** One page of a scheme's dossiers in one status, oldest filing first. */
export const queueByStatus = <T>(
  store: Store,
  scheme: string,
  status: string,
  o: QueueOptions,
): Promise<Page<T>> =>
  queryPage<T>(store, { index: 'byStatus', pk: keys.statusPartition(scheme, status), ...queueQuery(o) });

/** One page of the dossiers assigned to someone, every scheme and status, oldest filing first. */
export const queueByAssignee = <T>(store: Store, assigneeSub: string, o: QueueOptions): Promise<Page<T>> =>
  queryPage<T>(store, { index: 'byAssignee', pk: keys.assigneePartition(assigneeSub), ...queueQuery(o) });

/** How many dossiers of a scheme are in one status (counted, not read). */
export const countByStatus = (store: Store, scheme: string, status: string): Promise<number> =>
  queryCount(store, { index: 'byStatus', pk: keys.statusPartition(scheme, status) });

/** Dossiers of a scheme in one status whose decision was favourable within `[from, to)`, page by page. */
export const favourablyDecided = <T>(
  store: Store,
  scheme: string,
  status: string,
  from: string,
  to: string,
): AsyncGenerator<T[]> =>
  queryAll<T>(store, {
    index: 'byStatus',
    pk: keys.statusPartition(scheme, status),
    filter: {
      expression: '#d.#o = :fav AND #d.#at >= :from AND #d.#at < :to',
      names: { '#d': 'decision', '#o': 'outcome', '#at': 'at' },
      values: { ':fav': 'favourable', ':from': from, ':to': to },
    },
  });

/** Dossiers of a scheme in one status filed (submitted) within `[from, to)`, page by page (yearly report). */
export const filedBetween = <T>(
  store: Store,
  scheme: string,
  status: string,
  from: string,
  to: string,
): AsyncGenerator<T[]> =>
  queryAll<T>(store, {
    index: 'byStatus',
    pk: keys.statusPartition(scheme, status),
    filter: {
      expression: '#f >= :from AND #f < :to',
      names: { '#f': 'filedAt' },
      values: { ':from': from, ':to': to },
    },
  });
