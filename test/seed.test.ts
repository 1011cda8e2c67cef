import { DOSSIER_STATES, SCHEMES } from '@aides/domain';
import { createContext } from '@aides/services/context';
import { listEnvelopes } from '@aides/services/finance/envelopes';
import { queue, queueCounts } from '@aides/services/instruction/queues';
import { describe, expect, it } from 'vitest';
import { seedDemoData } from '../scripts/local/seed.ts';
import { rulesCases } from '../scripts/local/seed-rules-2024.ts';
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
    const cases = rulesCases(ctx.now());
    for (const scheme of SCHEMES) {
      const counts = await queueCounts(ctx, staff, scheme);
      for (const state of DOSSIER_STATES.filter((s) => s !== 'draft')) {
        const extra = state === 'submitted' ? cases.filter((c) => c.scheme === scheme).length : 0;
        expect(counts[state], `${scheme} ${state}`).toBe(1 + extra);
      }
    }
    // Each case of the 2024–2026 rules is filed with the outcome the rules give it.
    for (const scheme of ['HABITAT', 'FTE'] as const) {
      const { items } = await queue(ctx, staff, { scheme, status: 'submitted', limit: 50 });
      const outcomes = items.map((d) => d.eligibility?.outcome);
      for (const c of cases.filter((x) => x.scheme === scheme)) expect(outcomes).toContain(c.outcome);
      if (scheme === 'FTE') expect(items.some((d) => d.ineligibleAcknowledged === true)).toBe(true);
    }
    const envelopes = await listEnvelopes(ctx, staff);
    expect(envelopes).toHaveLength(7); // État (aides à la pierre) for Habitat is the seventh
    expect(envelopes.some((e) => e.funder === 'etat')).toBe(true);
    for (const e of envelopes) expect(e.committedCents + e.availableCents).toBe(e.amountCents);
    // A second run changes nothing.
    await seedDemoData(ctx);
    expect((await queueCounts(ctx, staff, 'FTE')).submitted).toBe(
      1 + cases.filter((c) => c.scheme === 'FTE').length,
    );
  }, 180_000);
});
