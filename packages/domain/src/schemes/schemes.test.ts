import { describe, expect, it } from 'vitest';
import { DEFAULT_SOURCE } from './enums.ts';
import { fte2017, fte2021 } from './fte.ts';
import { builtInRuleSets, ruleSetInForce } from './registry.ts';
import { ruleSetSchema } from './rule-set.ts';

describe('rule sets', () => {
  it('all built-in rule sets validate', () => {
    for (const r of builtInRuleSets) expect(ruleSetSchema.safeParse(r).success).toBe(true);
  });
  it.each([
    ['FTE', '2019-06-01', '2017'],
    ['FTE', '2020-12-31', '2017'],
    ['FTE', '2021-01-01', '2021'],
    ['FTE', '2026-03-01T10:00:00Z', '2021'],
    ['TPE', '2023-12-31', '2017'],
    ['TPE', '2024-01-01', '2024'],
    ['ESS', '2022-05-05', '2017'],
    ['FTE', '2017-12-01', '2017'], // the report: the fund starts in December 2017
    ['HABITAT', '2024-01-01', 'mpr-2024'], // never the legacy `2024` set for a new filing
    ['HABITAT', '2024-12-31', 'mpr-2024'],
    ['HABITAT', '2025-01-01', 'mpr-2025'],
    ['HABITAT', '2025-05-05', 'mpr-2025'],
    ['HABITAT', '2025-09-29', 'mpr-2025'],
    ['HABITAT', '2025-09-30', 'mpr-2025-09'],
    ['HABITAT', '2026-03-01', 'mpr-2025-09'],
  ] as const)('%s filed on %s → version %s', (scheme, date, version) => {
    expect(ruleSetInForce(scheme, date)?.version).toBe(version);
  });
  it('nothing in force before the first set', () => {
    expect(ruleSetInForce('HABITAT', '2023-12-31')).toBeUndefined();
    expect(ruleSetInForce('FTE', '2017-11-30')).toBeUndefined();
  });
  it('FTE 2021 raises attic insulation and VMC, removes the bouquet, adds BBC and solar', () => {
    expect(fte2017.amounts.bouquet).toBeDefined();
    expect(fte2021.amounts.bouquet).toBeUndefined();
    expect(fte2017.amounts.works.bbc_renovation).toBeUndefined();
    expect(fte2021.amounts.works.bbc_renovation).toBeDefined();
    expect(fte2021.amounts.works.solar_water_heating).toBeDefined();
    const vmc = (r: typeof fte2017) =>
      r.amounts.works.vmc?.kind === 'flat' ? r.amounts.works.vmc.amountCents.value : 0;
    expect(vmc(fte2021)).toBeGreaterThan(vmc(fte2017));
  });
  it('unpublished FTE amounts are marked as defaults', () => {
    expect(fte2021.amounts.dossierCapCents.source).toBe(DEFAULT_SOURCE);
  });
  it('rejects a rule set with a float figure or missing source', () => {
    const bad = structuredClone(fte2021) as unknown as { amounts: { dossierCapCents: unknown } };
    bad.amounts.dossierCapCents = { value: 12.5, source: 'x' };
    expect(ruleSetSchema.safeParse(bad).success).toBe(false);
    bad.amounts.dossierCapCents = { value: 12 };
    expect(ruleSetSchema.safeParse(bad).success).toBe(false);
  });
});

describe('defaulted figures', () => {
  it('lists what awaits a deliberation, and nothing for the published ESS rule', async () => {
    const { defaultedFigures } = await import('./figures.ts');
    const { ess2017 } = await import('./ess.ts');
    const { habitat2024 } = await import('./habitat.ts');
    expect(defaultedFigures(fte2021).map((f) => f.path)).toContain('amounts.works.vmc.amountCents');
    expect(
      defaultedFigures(ess2017)
        .map((f) => f.path)
        .filter((p) => p.startsWith('amounts')),
    ).toEqual([]);
    expect(defaultedFigures(habitat2024).map((f) => f.path)).toEqual([
      'amounts.energy.agglomerationRateBp',
      'amounts.energy.agglomerationCapCents',
      'amounts.autonomy.agglomerationRateBp',
      'amounts.autonomy.agglomerationCapCents',
    ]);
  });
});
