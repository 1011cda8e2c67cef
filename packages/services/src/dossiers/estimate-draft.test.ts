import { fteApplication } from '@aides/domain/testing/fixtures';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../../../../test/support/store.ts';
import { createContext } from '../context.ts';
import { createDraft, getDossier } from './applications.ts';
import { estimateDraft } from './estimate-draft.ts';

const owner = { sub: 'owner-e', name: 'Camille', email: 'c@example.fr', roles: ['applicant' as const] };
const other = { ...owner, sub: 'other-e' };

describe('estimateDraft: the live estimate writes nothing', () => {
  it('estimates what is typed, in parallel, without moving the version; nobody else may', async () => {
    const ctx = createContext(await createTestStore());
    const d = await createDraft(ctx, owner, { scheme: 'FTE', application: {} });
    const { filingDate: _f, ...typed } = fteApplication();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        estimateDraft(ctx, owner, d.id, { ...typed, household: { ...typed.household, size: 1 + (i % 4) } }),
      ),
    );
    for (const r of results) expect(r.complete).toBe(true);
    const after = await getDossier(ctx, owner, d.id);
    expect(after.version).toBe(d.version);
    expect(after.application).toEqual({ scheme: 'FTE' });
    const partial = await estimateDraft(ctx, owner, d.id, { applicant: { lastName: 'Martin' } });
    expect(partial.complete).toBe(false);
    await expect(estimateDraft(ctx, other, d.id, typed)).rejects.toMatchObject({ status: 404 });
  });
});
