import type { Store } from './clients.ts';
import { queryAll, queryList } from './items.ts';
import { keys } from './keys.ts';
import { type LabelledItem, tx } from './transact.ts';

/** Configuration kept in the table: the QPV list and the rule sets an admin published. */

/** The QPV lists as stored, one per generation (none until an admin imports one or the demo seeds). */
export async function getQpvLists(store: Store): Promise<unknown[]> {
  const { pk, prefix } = keys.qpvLists();
  return queryList<unknown>(store, { pk, prefix });
}

/** Puts (or replaces) a generation's list; written with the admin's audit event in one transaction. */
export const putQpvListTx = (
  store: Store,
  list: { generation: string } & Record<string, unknown>,
): LabelledItem => ({
  label: 'liste QPV',
  item: tx.put(store, { ...keys.qpvList(list.generation), type: 'qpv-list', ...list }),
});

/** The published rule sets of a scheme as stored (unparsed), in effective-date order. */
export async function listPublishedRuleSets(store: Store, scheme: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const page of queryAll<{ ruleSet: unknown }>(store, { pk: keys.ruleSetPartition(scheme) }))
    for (const r of page) out.push(r.ruleSet);
  return out;
}
