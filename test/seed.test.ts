import { DOSSIER_STATES, SCHEMES } from '@aides/domain';
import { createContext } from '@aides/services/context';
import { listRepayableAdvances } from '@aides/services/finance/advances';
import { listEnvelopes } from '@aides/services/finance/envelopes';
import { queue, queueCounts } from '@aides/services/instruction/queues';
import { describe, expect, it } from 'vitest';
import { seedDemoData } from '../scripts/local/seed.ts';
import { rulesCases } from '../scripts/local/seed-rules-2024.ts';
import { essTpeCases } from '../scripts/local/seed-rules-ess-tpe.ts';
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
    const cases = [...rulesCases(ctx.now()), ...essTpeCases(ctx.now())];
    for (const scheme of SCHEMES) {
      const counts = await queueCounts(ctx, staff, scheme);
      for (const state of DOSSIER_STATES.filter((s) => s !== 'draft')) {
        // Plus the TPE development granted as a repayable advance and the TPE in a QPV of Béthune,
        // granted (issue 14).
        const extra =
          state === 'submitted'
            ? cases.filter((c) => c.scheme === scheme).length
            : scheme === 'TPE' && state === 'approved'
              ? 2
              : 0;
        expect(counts[state], `${scheme} ${state}`).toBe(1 + extra);
      }
    }
    // Each case of the 2024–2026 rules is filed with the outcome the rules give it.
    for (const scheme of ['HABITAT', 'FTE', 'ESS', 'TPE'] as const) {
      const { items } = await queue(ctx, staff, { scheme, status: 'submitted', limit: 50 });
      const outcomes = items.map((d) => d.eligibility?.outcome);
      for (const c of cases.filter((x) => x.scheme === scheme)) expect(outcomes).toContain(c.outcome);
      if (scheme === 'FTE') expect(items.some((d) => d.ineligibleAcknowledged === true)).toBe(true);
    }
    // The repayable advance is open, one instalment repaid, the next ones late.
    const [advance] = await listRepayableAdvances(ctx, staff);
    expect(advance?.repayments).toHaveLength(1);
    expect(advance?.lateInstalments).toBeGreaterThan(0);
    const envelopes = await listEnvelopes(ctx, staff);
    expect(envelopes).toHaveLength(7); // État (aides à la pierre) for Habitat is the seventh
    expect(envelopes.some((e) => e.funder === 'etat')).toBe(true);
    for (const e of envelopes) expect(e.committedCents + e.availableCents).toBe(e.amountCents);
    // A second run changes nothing.
    const before = (await queueCounts(ctx, staff, 'FTE')).submitted;
    await seedDemoData(ctx);
    expect((await queueCounts(ctx, staff, 'FTE')).submitted).toBe(before);
  }, 180_000);
});
