import type { Store } from './clients.ts';
import { getItem, queryAll } from './items.ts';
import { keys } from './keys.ts';

/** Configuration kept in the table: the QPV list and the rule sets an admin published. */

/** The QPV list as stored (empty when none was loaded); read eventually consistent, it rarely changes. */
export async function getQpvList(store: Store): Promise<unknown[]> {
  const item = await getItem(store, keys.qpvList(), false);
  return (item?.qpv as unknown[] | undefined) ?? [];
}

/** The published rule sets of a scheme as stored (unparsed), in effective-date order. */
export async function listPublishedRuleSets(store: Store, scheme: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const page of queryAll<{ ruleSet: unknown }>(store, { pk: keys.ruleSetPartition(scheme) }))
    for (const r of page) out.push(r.ruleSet);
  return out;
}
