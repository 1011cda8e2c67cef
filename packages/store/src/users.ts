import type { Store } from './clients.ts';
import { getItem, queryAll } from './items.ts';
import { keys } from './keys.ts';
import { transact } from './transact.ts';

export interface UserProfile {
  readonly sub: string;
  readonly name: string;
  readonly email: string;
  readonly groups: readonly string[];
}

/** One person in a group's directory. */
export interface DirectoryEntry {
  readonly sub: string;
  readonly name: string;
  readonly email: string;
}

/**
 * Upserts a person's profile (demo personas locally; Cognito users at each sign-in through the
 * web) together with their entry in the directory of each group in `listedIn` (by default all of
 * theirs), and drops the entries of groups they are no longer listed in: one transaction, so the
 * directory never disagrees with the profile.
 */
export async function putUserProfile(
  store: Store,
  profile: UserProfile,
  { listedIn = profile.groups }: { listedIn?: readonly string[] } = {},
): Promise<void> {
  const TableName = store.config.tableName;
  const groups = [...new Set(profile.groups)];
  const listed = [...new Set(listedIn)].filter((g) => groups.includes(g));
  const previous = await getItem(store, keys.userProfile(profile.sub));
  const left = (Array.isArray(previous?.groups) ? previous.groups.map(String) : []).filter(
    (g) => !listed.includes(g),
  );
  const entry: DirectoryEntry = { sub: profile.sub, name: profile.name, email: profile.email };
  await transact(store, [
    {
      label: 'profil',
      item: {
        Put: { TableName, Item: { ...keys.userProfile(profile.sub), type: 'user', ...profile, groups } },
      },
    },
    ...listed.map((group) => ({
      label: `annuaire ${group}`,
      item: {
        Put: {
          TableName,
          Item: { ...keys.directoryEntry(group, profile.sub), type: 'directory', group, ...entry },
        },
      },
    })),
    ...left.map((group) => ({
      label: `annuaire ${group}`,
      item: { Delete: { TableName, Key: keys.directoryEntry(group, profile.sub) } },
    })),
  ]);
}

/** Everyone in a group, by name in French order (a group holds a few dozen people at most). */
export async function listGroup(store: Store, group: string): Promise<DirectoryEntry[]> {
  const people: DirectoryEntry[] = [];
  for await (const page of queryAll<DirectoryEntry>(store, { pk: keys.directoryPartition(group) }))
    for (const { sub, name, email } of page) people.push({ sub, name, email });
  return people.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.sub.localeCompare(b.sub));
}
