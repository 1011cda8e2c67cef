import type { Store } from './clients.ts';
import { getEntity, getItem, queryAll } from './items.ts';
import { keys } from './keys.ts';
import { ConditionFailedError, TransactionConflictError, transact, tx } from './transact.ts';

export interface UserProfile {
  readonly sub: string;
  readonly name: string;
  readonly email: string;
  readonly groups: readonly string[];
  /** Set by an admin (packages/store/src/admin.ts): no longer offered for assignment. */
  readonly deactivatedAt?: string;
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
 * directory never disagrees with the profile. The profile is written only if its groups are still
 * those read; two sign-ins of one person at once take turns instead of leaving a stale entry.
 */
export async function putUserProfile(
  store: Store,
  profile: UserProfile,
  {
    listedIn = profile.groups,
    signedInAt,
  }: {
    listedIn?: readonly string[] /** A sign-in's time, shown in the staff directory. */;
    signedInAt?: string;
  } = {},
): Promise<void> {
  const groups = [...new Set(profile.groups)];
  const listed = [...new Set(listedIn)].filter((g) => groups.includes(g));
  const entry: DirectoryEntry = { sub: profile.sub, name: profile.name, email: profile.email };
  for (let attempt = 1; ; attempt++) {
    const previous = await getItem(store, keys.userProfile(profile.sub));
    const previousGroups = Array.isArray(previous?.groups) ? previous.groups.map(String) : undefined;
    // A deactivation by an admin survives the sign-ins (and the local personas' seeding at each start).
    const deactivatedAt = typeof previous?.deactivatedAt === 'string' ? previous.deactivatedAt : undefined;
    const lastSignInAt =
      signedInAt ?? (typeof previous?.lastSignInAt === 'string' ? previous.lastSignInAt : undefined);
    const item = {
      ...keys.userProfile(profile.sub),
      type: 'user',
      ...profile,
      groups,
      ...(lastSignInAt ? { lastSignInAt } : {}),
      ...(deactivatedAt ? { deactivatedAt, deactivatedByName: previous?.deactivatedByName } : {}),
    };
    // Written only if nobody changed the groups (or the deactivation) since they were read.
    const putProfile = !previous
      ? tx.putNew(store, item)
      : tx.put(
          store,
          item,
          `${previousGroups ? '#groups = :previous' : 'attribute_not_exists(#groups)'} AND ${
            deactivatedAt ? '#deactivated = :deactivated' : 'attribute_not_exists(#deactivated)'
          }`,
          { '#groups': 'groups', '#deactivated': 'deactivatedAt' },
          {
            ...(previousGroups ? { ':previous': previous?.groups } : {}),
            ...(deactivatedAt ? { ':deactivated': deactivatedAt } : {}),
          },
        );
    try {
      await transact(store, [
        { label: 'profil', item: putProfile },
        ...listed.map((group) => ({
          label: `annuaire ${group}`,
          item: tx.put(store, {
            ...keys.directoryEntry(group, profile.sub),
            type: 'directory',
            group,
            ...entry,
            ...(deactivatedAt ? { deactivatedAt } : {}),
          }),
        })),
        ...(previousGroups ?? [])
          .filter((g) => !listed.includes(g))
          .map((group) => ({
            label: `annuaire ${group}`,
            item: tx.delete(store, keys.directoryEntry(group, profile.sub)),
          })),
      ]);
      return;
    } catch (e) {
      const raced =
        (e instanceof ConditionFailedError && e.label === 'profil') || e instanceof TransactionConflictError;
      if (!raced || attempt >= 5) throw e;
    }
  }
}

/** A person's profile as last recorded at sign-in, if any. */
export async function getUserProfile(store: Store, sub: string): Promise<UserProfile | undefined> {
  return getEntity<UserProfile>(store, keys.userProfile(sub));
}

/**
 * Everyone active in a group, by name in French order (a group holds a few dozen people at most):
 * a profile an admin deactivated is no longer offered (for assignment, for instance).
 */
export async function listGroup(store: Store, group: string): Promise<DirectoryEntry[]> {
  const people: DirectoryEntry[] = [];
  for await (const page of queryAll<DirectoryEntry & { deactivatedAt?: string }>(store, {
    pk: keys.directoryPartition(group),
  }))
    for (const { sub, name, email, deactivatedAt } of page)
      if (!deactivatedAt) people.push({ sub, name, email });
  return people.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.sub.localeCompare(b.sub));
}
