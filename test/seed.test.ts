import { DOSSIER_STATES, SCHEMES } from '@aides/domain';
import { createContext } from '@aides/services/context';
import { listEnvelopes } from '@aides/services/finance/envelopes';
import { queueCounts } from '@aides/services/instruction/queues';
import { describe, expect, it } from 'vitest';
import { seedDemoData } from '../scripts/local/seed.ts';
import { createTestStore } from './support/store.ts';

const staff = {
  sub: 'demo-admin',
  name: 'Admin',
  email: 'a@example.fr',
  roles: ['admin' as const, 'finance' as const],
};

describe('demo data', () => {
  it('builds dossiers of every scheme in every filed state through the real use cases, once', async () => {
    const ctx = createContext(await createTestStore());
    await seedDemoData(ctx);
    for (const scheme of SCHEMES) {
      const counts = await queueCounts(ctx, staff, scheme);
      for (const state of DOSSIER_STATES.filter((s) => s !== 'draft')) {
        expect(counts[state], `${scheme} ${state}`).toBe(1);
      }
    }
    const envelopes = await listEnvelopes(ctx, staff);
    expect(envelopes).toHaveLength(6);
    for (const e of envelopes) expect(e.committedCents + e.availableCents).toBe(e.amountCents);
    // A second run changes nothing.
    await seedDemoData(ctx);
    expect((await queueCounts(ctx, staff, 'FTE')).submitted).toBe(1);
  }, 180_000);
});
