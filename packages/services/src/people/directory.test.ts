import { getItem, keys, type Store } from '@aides/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../../../test/support/store.ts';
import type { Caller } from '../caller.ts';
import { createContext, type ServiceContext } from '../context.ts';
import { listInstructors, recordSignIn } from './directory.ts';

let store: Store;
let ctx: ServiceContext;
const person = (sub: string, name: string, roles: Caller['roles']): Caller => ({
  sub,
  name,
  email: `${sub}@agglo.example`,
  roles,
});
const admin = person('admin-1', 'Admin', ['admin']);

beforeAll(async () => {
  store = await createTestStore();
  ctx = createContext(store);
});

describe('staff directory kept from sign-ins', () => {
  it('lists the instructors who signed in, by name in French order, and nobody else', async () => {
    await recordSignIn(ctx, person('i-zoe', 'Zoé Vasseur', ['instructor']));
    await recordSignIn(ctx, person('i-eloise', 'Éloïse Caron', ['instructor']));
    await recordSignIn(ctx, person('i-andre', 'André Lefebvre', ['instructor', 'bureau']));
    await recordSignIn(ctx, person('b-1', 'Bureau seul', ['bureau']));
    await recordSignIn(ctx, person('a-1', 'Demandeur', ['applicant']));

    const names = (await listInstructors(ctx, admin)).map((i) => i.name);
    expect(names).toEqual(['André Lefebvre', 'Éloïse Caron', 'Zoé Vasseur']);
    const [andre] = await listInstructors(ctx, person('i-zoe', 'Zoé Vasseur', ['instructor']));
    expect(andre).toEqual({ sub: 'i-andre', name: 'André Lefebvre', email: 'i-andre@agglo.example' });
  });

  it('follows the groups of the latest sign-in: someone who left the instructors is no longer listed', async () => {
    await recordSignIn(ctx, person('i-move', 'Marie Dubois', ['instructor']));
    expect((await listInstructors(ctx, admin)).map((i) => i.sub)).toContain('i-move');

    await recordSignIn(ctx, person('i-move', 'Marie Dubois-Roux', ['finance']));
    expect((await listInstructors(ctx, admin)).map((i) => i.sub)).not.toContain('i-move');
    const profile = await getItem(store, keys.userProfile('i-move'));
    expect(profile).toMatchObject({ name: 'Marie Dubois-Roux', groups: ['finance'] });
    expect(await getItem(store, keys.directoryEntry('instructor', 'i-move'))).toBeUndefined();
    expect(await getItem(store, keys.directoryEntry('finance', 'i-move'))).toMatchObject({
      name: 'Marie Dubois-Roux',
    });
  });

  it('keeps a profile for an applicant but lists them in no directory', async () => {
    await recordSignIn(ctx, person('a-2', 'Paul Martin', ['applicant']));
    expect(await getItem(store, keys.userProfile('a-2'))).toMatchObject({ groups: ['applicant'] });
    expect(await getItem(store, keys.directoryEntry('applicant', 'a-2'))).toBeUndefined();
  });

  it('two sign-ins of one person at once leave the directory agreeing with the profile', async () => {
    for (let round = 0; round < 10; round++) {
      await Promise.all([
        recordSignIn(ctx, person('i-race', 'Inès Roussel', ['instructor'])),
        recordSignIn(ctx, person('i-race', 'Inès Roussel', ['finance'])),
      ]);
      const groups = (await getItem(store, keys.userProfile('i-race')))?.groups as string[];
      for (const group of ['instructor', 'finance'])
        expect({
          round,
          group,
          listed: Boolean(await getItem(store, keys.directoryEntry(group, 'i-race'))),
        }).toEqual({
          round,
          group,
          listed: groups.includes(group),
        });
    }
  });

  it('a token without a name is listed under its e-mail address', async () => {
    await recordSignIn(ctx, person('i-noname', '', ['instructor']));
    const entry = (await listInstructors(ctx, admin)).find((i) => i.sub === 'i-noname');
    expect(entry?.name).toBe('i-noname@agglo.example');
  });

  it('only instructors and admins may read it', async () => {
    for (const roles of [['applicant'], ['bureau'], ['finance']] as Caller['roles'][])
      await expect(listInstructors(ctx, person('x', 'X', roles))).rejects.toMatchObject({ status: 403 });
  });
});
