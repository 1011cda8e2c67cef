import type { AnahCeilingRow } from '@aides/domain';
import type { Store } from './clients.ts';
import { entity, getEntity, getItem, type Item, queryAll, queryList } from './items.ts';
import { keys } from './keys.ts';
import type { LabelledItem } from './transact.ts';
import { tx } from './transact.ts';

/**
 * The administration's storage: published rule sets and ANAH ceilings, staff profiles'
 * deactivation, and the audit log's indexes. Audit events (a dossier's and the administration's)
 * carry three index entries, on the existing indexes under partitions of their own: by event type
 * (byStatus), by person (byAssignee) and by month (byParent), sorted by time. The audit log is read
 * by Query on one of them, never by Scan.
 */

/** Index attributes of an audit event (dossier or administration). */
export function auditIndexAttributes(e: { at: string; id: string; actorSub: string; type: string }) {
  return {
    ...keys.auditByType(e.type, e.at, e.id),
    ...keys.auditByActor(e.actorSub, e.at, e.id),
    ...keys.auditByMonth(e.at, e.id),
  };
}

/** An administration event (rule set, ceilings, staff…), written in the same transaction as the change. */
export interface AdminEventFields {
  readonly id: string;
  readonly at: string;
  readonly actorSub: string;
  readonly type: string;
}

export const putAdminEventTx = <E extends AdminEventFields>(store: Store, e: E): LabelledItem => ({
  label: 'audit',
  item: tx.putNew(store, {
    ...keys.adminEvent(e.at, e.id),
    ...(e as object),
    // `type` tells entities apart in the table: the event's own type is kept as `eventType`.
    type: 'admin-event',
    eventType: e.type,
    ...auditIndexAttributes(e),
  }),
});

/** A rule set published by an admin; refused if that version exists. */
export const putPublishedRuleSetTx = (
  store: Store,
  r: { scheme: string; effectiveFrom: string; version: string },
  meta: { publishedAt: string; publishedBy: string },
): LabelledItem => ({
  label: 'règlement',
  item: tx.putNew(store, {
    ...keys.ruleSet(r.scheme, r.effectiveFrom, r.version),
    type: 'ruleset',
    ruleSet: r,
    ...meta,
  }),
});

/** The published rule sets of a scheme with when and by whom they were published. */
export async function listPublishedRuleSetRecords(
  store: Store,
  scheme: string,
): Promise<{ ruleSet: unknown; publishedAt?: string; publishedBy?: string }[]> {
  return queryList(store, { pk: keys.ruleSetPartition(scheme) });
}

/** One year of ANAH ceilings as published: rows, source and who published it. */
export interface CeilingTableRecord {
  readonly year: number;
  readonly rows: readonly AnahCeilingRow[];
  readonly source: string;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly publishedByName: string;
}

/** Every published year (a few dozen items at most). */
export const listPublishedCeilings = (store: Store): Promise<CeilingTableRecord[]> =>
  queryList<CeilingTableRecord>(store, { pk: keys.ceilingsPartition() });

export const getPublishedCeilings = (store: Store, year: number) =>
  getEntity<CeilingTableRecord>(store, keys.ceilingsYear(year));

/**
 * Publishes a year's table; `previousPublishedAt` is the version read (none: the year must not be
 * published yet), so two admins publishing at once cannot silently overwrite each other.
 */
export const putCeilingsTx = (
  store: Store,
  table: CeilingTableRecord,
  previousPublishedAt: string | undefined,
): LabelledItem => ({
  label: 'plafonds',
  item: previousPublishedAt
    ? tx.put(
        store,
        { ...keys.ceilingsYear(table.year), type: 'anah-ceilings', ...table },
        '#at = :previous',
        { '#at': 'publishedAt' },
        { ':previous': previousPublishedAt },
      )
    : tx.putNew(store, { ...keys.ceilingsYear(table.year), type: 'anah-ceilings', ...table }),
});

/** A staff member as the directory lists them (every group they are in), with their state. */
export interface StaffRecord {
  readonly sub: string;
  readonly name: string;
  readonly email: string;
  readonly groups: readonly string[];
  readonly lastSignInAt?: string;
  readonly deactivatedAt?: string;
  readonly deactivatedByName?: string;
}

export const STAFF_GROUPS = ['instructor', 'bureau', 'finance', 'admin'] as const;

/** Everyone in a staff directory, deactivated included (a few dozen people), from their profiles. */
export async function listStaffProfiles(store: Store): Promise<StaffRecord[]> {
  const subs = new Set<string>();
  for (const group of STAFF_GROUPS)
    for await (const page of queryAll<{ sub: string }>(store, { pk: keys.directoryPartition(group) }))
      for (const e of page) subs.add(e.sub);
  const out: StaffRecord[] = [];
  for (const sub of subs) {
    const p = await getEntity<StaffRecord>(store, keys.userProfile(sub), false);
    if (p) out.push(p);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.sub.localeCompare(b.sub));
}

export async function getStaffProfile(store: Store, sub: string): Promise<StaffRecord | undefined> {
  return getEntity<StaffRecord>(store, keys.userProfile(sub));
}

/**
 * Deactivates (or reactivates) a profile and marks each of its directory entries, guarded by the
 * state read: deactivating twice, or a concurrent change, fails the condition (label `profil`).
 */
export function setStaffActiveTx(
  store: Store,
  profile: StaffRecord,
  o: { active: boolean; at: string; byName: string },
): LabelledItem[] {
  const profileItem = o.active
    ? tx.update(store, keys.userProfile(profile.sub), 'REMOVE #d, #by', {
        condition: 'attribute_exists(#d)',
        names: { '#d': 'deactivatedAt', '#by': 'deactivatedByName' },
      })
    : tx.update(store, keys.userProfile(profile.sub), 'SET #d = :at, #by = :by', {
        condition: 'attribute_exists(pk) AND attribute_not_exists(#d)',
        names: { '#d': 'deactivatedAt', '#by': 'deactivatedByName' },
        values: { ':at': o.at, ':by': o.byName },
      });
  return [
    { label: 'profil', item: profileItem },
    ...profile.groups
      .filter((g) => (STAFF_GROUPS as readonly string[]).includes(g))
      .map((group) => ({
        label: `annuaire ${group}`,
        item: o.active
          ? tx.update(store, keys.directoryEntry(group, profile.sub), 'REMOVE #d', {
              names: { '#d': 'deactivatedAt' },
            })
          : tx.update(store, keys.directoryEntry(group, profile.sub), 'SET #d = :at', {
              names: { '#d': 'deactivatedAt' },
              values: { ':at': o.at },
            }),
      })),
  ];
}

/** The dossier a reference was given to, if any. */
export async function dossierIdOfReference(store: Store, reference: string): Promise<string | undefined> {
  const item = await getItem(store, keys.referenceClaim(reference), false);
  return item && item.type === 'reference' && typeof item.dossierId === 'string' ? item.dossierId : undefined;
}

export interface AuditQuery {
  readonly from: string;
  /** Inclusive upper bound, an ISO instant or day (`2026-12-31` covers the whole day). */
  readonly to: string;
  readonly actorSub?: string | undefined;
  readonly type?: string | undefined;
  readonly dossierId?: string | undefined;
  /** At most this many events (newest first). */
  readonly limit: number;
}

const upper = (to: string) => `${to}\uffff`;

/**
 * Audit events matching a query, newest first: one dossier's partition when a dossier is given,
 * else the person's index, else the event type's, else month by month over the period. Other
 * criteria are filters on the same Query.
 */
export async function queryAudit(
  store: Store,
  q: AuditQuery,
): Promise<{ items: Item[]; truncated: boolean }> {
  const items: Item[] = [];
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (q.type && (q.dossierId || q.actorSub)) {
    filters.push('(#et = :type OR #action = :type)');
    names['#et'] = 'eventType';
    names['#action'] = 'action';
    values[':type'] = q.type;
  }
  if (q.actorSub && q.dossierId) {
    filters.push('#actor = :actor');
    names['#actor'] = 'actorSub';
    values[':actor'] = q.actorSub;
  }
  const filter = filters.length ? { expression: filters.join(' AND '), names, values } : undefined;
  const run = async (o: Parameters<typeof queryAll>[1]) => {
    for await (const page of queryAll<Item>(store, {
      ...o,
      newestFirst: true,
      ...(filter ? { filter } : {}),
    })) {
      for (const it of page) {
        if (items.length >= q.limit) return true;
        items.push(it);
      }
    }
    return false;
  };
  let truncated: boolean;
  if (q.dossierId) {
    truncated = await run({
      pk: keys.dossierPartition(q.dossierId),
      between: [`EVENT#${q.from}`, `EVENT#${upper(q.to)}`],
    });
  } else if (q.actorSub) {
    truncated = await run({
      index: 'byAssignee',
      pk: keys.auditActorPartition(q.actorSub),
      between: [q.from, upper(q.to)],
    });
  } else if (q.type) {
    truncated = await run({
      index: 'byStatus',
      pk: keys.auditTypePartition(q.type),
      between: [q.from, upper(q.to)],
    });
  } else {
    truncated = false;
    const months: string[] = [];
    for (let m = q.to.slice(0, 7); m >= q.from.slice(0, 7); ) {
      months.push(m);
      const [y, mo] = m.split('-').map(Number) as [number, number];
      m = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
      if (months.length > 120) break;
    }
    for (const month of months) {
      truncated = await run({
        index: 'byParent',
        pk: keys.auditMonthPartition(month),
        between: [q.from, upper(q.to)],
      });
      if (truncated) break;
    }
  }
  return { items: items.map((i) => entity<Item>(i)), truncated };
}
