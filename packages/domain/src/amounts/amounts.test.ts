import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FteApplication } from '../applications/schemas.ts';
import { FTE_WORK_TYPES, FUNDERS, fteWorkTypeLabels } from '../schemes/enums.ts';
import { ess2017 } from '../schemes/ess.ts';
import { fte2017, fte2021 } from '../schemes/fte.ts';
import { habitat2024 } from '../schemes/habitat.ts';
import { tpe2017, tpe2024 } from '../schemes/tpe.ts';
import { essApplication, fteApplication, habitatApplication, tpeApplication } from '../testing/fixtures.ts';
import { applyAdjustment, computeAmounts } from './compute.ts';

const work = (
  type: (typeof FTE_WORK_TYPES)[number],
  ttc: number,
  surfaceM2?: number,
): FteApplication['works'][number] => ({
  type,
  surfaceM2,
  amountHtCents: Math.floor(ttc / 1.055),
  amountTtcCents: ttc,
  company: { name: 'Entreprise' },
});

describe('FTE amounts', () => {
  it.each([
    // rule set, works, expected total (cents)
    ['2021 attic 80 m² × 10 €', fte2021, [work('attic_insulation', 316_500, 80)], 80_000],
    ['2017 attic 80 m² × 5 €', fte2017, [work('attic_insulation', 316_500, 80)], 40_000],
    ['2021 attic 150 m² capped 1,000 €', fte2021, [work('attic_insulation', 900_000, 150)], 100_000],
    ['2021 VMC flat 400 €', fte2021, [work('vmc', 250_000)], 40_000],
    ['2017 VMC flat 200 €', fte2017, [work('vmc', 250_000)], 20_000],
    ['VMC flat limited to its cost', fte2021, [work('vmc', 30_000)], 30_000],
    ['heating 20 % of 8,000 € capped 1,000 €', fte2021, [work('efficient_heating', 800_000)], 100_000],
    ['heating 20 % of 3,000 €', fte2021, [work('efficient_heating', 300_000)], 60_000],
    ['BBC not funded in 2017', fte2017, [work('bbc_renovation', 3_000_000)], 0],
    ['BBC 15 % capped 4,000 € in 2021', fte2021, [work('bbc_renovation', 3_000_000)], 400_000],
    ['solar 800 € in 2021', fte2021, [work('solar_water_heating', 500_000)], 80_000],
    [
      'two attic lines are one type, capped once',
      fte2021,
      [work('attic_insulation', 400_000, 60), work('attic_insulation', 400_000, 60)],
      100_000,
    ],
    // 2017 bouquet: roof 1,500 + wall 2,000 + heating 1,000 + bonus 1,500 = 6,000 → dossier cap 4,000
    [
      '2017 bouquet of three, dossier cap',
      fte2017,
      [
        work('roof_insulation', 2_000_000, 200),
        work('wall_insulation', 3_000_000, 250),
        work('efficient_heating', 900_000),
      ],
      400_000,
    ],
    // 2017 bouquet below cap: attic 40 m² (200) + VMC (200) + heating 20 % of 2,000 (400) + 1,500
    [
      '2017 bouquet bonus',
      fte2017,
      [work('attic_insulation', 200_000, 40), work('vmc', 100_000), work('efficient_heating', 200_000)],
      230_000,
    ],
    [
      '2021: no bouquet',
      fte2021,
      [work('attic_insulation', 200_000, 40), work('vmc', 100_000), work('efficient_heating', 200_000)],
      40_000 + 40_000 + 40_000,
    ],
  ] as const)('%s', (_label, ruleSet, works, total) => {
    const r = computeAmounts(fteApplication({ works: [...works] }), ruleSet);
    expect(r.totalCents).toBe(total);
    expect(r.totalsByFunder).toEqual({ agglomeration: total, anah: 0, region: 0, etat: 0 });
    expect(r.explanation.at(-1)).toMatch(/Montant total de l'aide/);
  });

  it('a missing surface yields no aid for the line and says so', () => {
    const r = computeAmounts(fteApplication({ works: [work('roof_insulation', 500_000)] }), fte2021);
    expect(r.totalCents).toBe(0);
    expect(r.lines[0]?.explanation).toMatch(/surface non renseignée/);
  });

  it('explains each line in French', () => {
    const r = computeAmounts(fteApplication(), fte2021);
    expect(r.lines[0]?.explanation).toMatch(/^80 m² × 10,00\s€ = 800,00\s€, plafonné à 1\s000,00\s€/);
  });
});

describe('TPE amounts', () => {
  it.each([
    // investment HT, CDI jobs, expected agglomeration + region
    [2_000_000, 1, 600_000 + 100_000],
    [400_000, 0, 120_000], // floor exactly met
    [399_999, 2, 200_000], // under the floor: jobs only
    [2_500_000, 0, 750_000], // 30 % of 25,000 = 7,500 = cap
    [5_000_000, 7, 750_000 + 500_000], // eligible investment capped, jobs capped at 5
  ] as const)('investment %i, %i CDI → %i', (amountHtCents, cdi, total) => {
    const jobs = Array.from({ length: cdi }, () => ({
      title: 'x',
      contract: 'cdi' as const,
      workingTimePct: 100,
      under26: false,
      disabled: false,
      resident: false,
    }));
    const r = computeAmounts(
      tpeApplication({ investments: [{ label: 'Inv.', amountHtCents }], jobs }),
      tpe2024,
    );
    expect(r.totalCents).toBe(total);
    expect(r.totalsByFunder.agglomeration + r.totalsByFunder.region).toBe(total);
    expect(r.totalsByFunder.anah).toBe(0);
    expect(Math.abs(r.totalsByFunder.agglomeration - r.totalsByFunder.region)).toBeLessThanOrEqual(1);
  });

  it('caps the aid at the remaining de minimis headroom', () => {
    const app = tpeApplication({
      deMinimisAids: [{ grantor: 'Région', date: '2023-01-01', amountCents: 29_950_000 }],
    });
    const r = computeAmounts(app, tpe2024);
    expect(r.totalCents).toBe(50_000);
    expect(r.explanation.join(' ')).toMatch(/minimis/);
    expect(computeAmounts(app, tpe2017, undefined, { filingDate: '2017-06-01' }).totalCents).toBe(700_000);
  });
});

describe('ESS amounts (published rule)', () => {
  const j = (
    under26 = false,
    disabled = false,
    resident = false,
    contract: 'cdi' | 'cdd' = 'cdi',
    workingTimePct = 100,
  ) => ({
    title: 'Poste',
    contract,
    workingTimePct,
    under26,
    disabled,
    resident,
  });
  it.each([
    [[j()], 500_000],
    [[j(true)], 600_000],
    [[j(false, true), j(false, false, true)], 1_200_000],
    [[j(true), j(true), j(true), j(true)], 2_200_000], // 4 jobs, bonus capped at 2
    [[j(), j(), j(), j(), j(), j()], 2_000_000], // capped at 4 jobs
    [[j(), j(true, false, false, 'cdd'), j(true, false, false, 'cdi', 50)], 500_000], // CDD and part-time not counted
  ] as const)('jobs %j → %i', (jobs, total) => {
    const r = computeAmounts(essApplication({ jobs: [...jobs] }), ess2017);
    expect(r.totalCents).toBe(total);
    expect(r.totalsByFunder.agglomeration).toBe(total);
  });
});

describe('Habitat amounts', () => {
  it.each([
    // kind, RFR (1 person, 2024), works HT, ANAH, agglomeration
    ['autonomy', 15_000, 1_000_000, 700_000, 50_000],
    ['autonomy', 20_000, 1_000_000, 500_000, 50_000],
    ['autonomy', 15_000, 3_000_000, 1_540_000, 100_000], // works capped at 22,000 € HT; top-up cap 1,000 €
    ['autonomy', 17_009, 2_200_000, 1_540_000, 100_000], // very modest ceiling exactly met
    ['autonomy', 25_000, 1_000_000, 0, 0], // intermediate: no ANAH, no top-up
    ['energy', 15_000, 2_000_000, 1_000_000, 200_000],
    ['energy', 20_000, 4_000_000, 1_050_000, 200_000], // 35 % of 30,000
  ] as const)(
    '%s, RFR %i, works %i → ANAH %i, agglomeration %i',
    (workKind, taxIncomeEuros, amountHtCents, anah, agg) => {
      const app = habitatApplication({
        workKind,
        energyGainPct: workKind === 'energy' ? 40 : undefined,
        household: { size: 1, taxIncomeEuros, taxIncomeYear: 2023 },
        works: [{ label: 'Travaux', amountHtCents, amountTtcCents: amountHtCents, company: { name: 'X' } }],
      });
      const r = computeAmounts(app, habitat2024);
      expect(r.totalsByFunder).toEqual({ anah, agglomeration: agg, region: 0, etat: 0 });
    },
  );

  it('no agglomeration top-up at exactly 35 %: the report says « supérieur à 35 % » (strictly)', () => {
    const at = computeAmounts(habitatApplication({ workKind: 'energy', energyGainPct: 35 }), habitat2024);
    expect(at.totalsByFunder.agglomeration).toBe(0);
    const above = computeAmounts(habitatApplication({ workKind: 'energy', energyGainPct: 36 }), habitat2024);
    expect(above.totalsByFunder.agglomeration).toBeGreaterThan(0);
  });

  it('no agglomeration top-up under 35 % energy gain', () => {
    const r = computeAmounts(habitatApplication({ workKind: 'energy', energyGainPct: 30 }), habitat2024);
    expect(r.totalsByFunder.agglomeration).toBe(0);
    expect(r.lines.find((l) => l.funder === 'agglomeration')?.explanation).toMatch(/35 %/);
  });
});

describe('adjustments', () => {
  const computed = computeAmounts(habitatApplication(), habitat2024);
  it('lowers an amount with a motivation and explains it', () => {
    const r = applyAdjustment(
      computed,
      { amountsCents: { anah: 600_000 }, motivation: 'Devis de douche partiellement inéligible' },
      habitat2024,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.totalsByFunder).toEqual({ anah: 600_000, agglomeration: 50_000, region: 0, etat: 0 });
    expect(r.value.explanation.join('\n')).toMatch(/Devis de douche/);
    expect(r.value.maxByFunder).toEqual(computed.maxByFunder);
  });
  it.each([
    [{ anah: 700_001 }, 'Motivation suffisante', /dépasse le maximum/],
    [{ region: 1 }, 'Motivation suffisante', /dépasse le maximum/],
    [{ anah: 100 }, '', /motivé/],
    [{ anah: 10.5 }, 'Motivation suffisante', /centimes/],
    [{ anah: -1 }, 'Motivation suffisante', /centimes/],
  ] as const)('refuses %j with motivation %j', (amountsCents, motivation, message) => {
    const r = applyAdjustment(computed, { amountsCents, motivation }, habitat2024);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join(' ')).toMatch(message);
  });
  it('refuses a rule set other than the one computed with', () => {
    expect(
      applyAdjustment(computed, { amountsCents: {}, motivation: 'Motivation suffisante' }, fte2021).ok,
    ).toBe(false);
  });
});

describe('properties', () => {
  const fteWork = fc.record({
    type: fc.constantFrom(...FTE_WORK_TYPES),
    surfaceM2: fc.option(fc.integer({ min: 1, max: 2_000 }), { nil: undefined }),
    amountTtcCents: fc.integer({ min: 0, max: 20_000_000 }),
  });
  const fteApp = fc.array(fteWork, { minLength: 1, maxLength: 8 }).map((ws) =>
    fteApplication({
      works: ws.map((w) => ({ ...w, amountHtCents: w.amountTtcCents, company: { name: 'X' } })),
    }),
  );

  it('FTE: integer amounts, each line within its cap, total within the dossier cap', () => {
    fc.assert(
      fc.property(fteApp, fc.constantFrom(fte2017, fte2021), (app, rs) => {
        const r = computeAmounts(app, rs);
        for (const l of r.lines) expect(Number.isSafeInteger(l.amountCents)).toBe(true);
        for (const l of r.lines.filter((x) => x.amountCents > 0)) {
          const type = FTE_WORK_TYPES.find((t) => fteWorkTypeLabels[t] === l.label);
          if (!type) continue; // bouquet bonus
          const rule = rs.amounts.works[type];
          expect(rule).toBeDefined();
          if (rule && rule.kind !== 'flat') expect(l.amountCents).toBeLessThanOrEqual(rule.capCents.value);
          if (rule?.kind === 'flat') expect(l.amountCents).toBeLessThanOrEqual(rule.amountCents.value);
          expect(l.amountCents).toBeLessThanOrEqual(l.baseCents);
        }
        expect(r.totalCents).toBeGreaterThanOrEqual(0);
        expect(r.totalCents).toBeLessThanOrEqual(rs.amounts.dossierCapCents.value);
        expect(r.totalCents).toBe(r.totalsByFunder.agglomeration);
      }),
    );
  });

  it('TPE: integer, funders add up, never above the caps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 40_000_000 }),
        (invs, cdi, received) => {
          const app = tpeApplication({
            investments: invs.map((amountHtCents) => ({ label: 'i', amountHtCents })),
            jobs: Array.from({ length: cdi }, () => ({
              title: 'x',
              contract: 'cdi' as const,
              workingTimePct: 100,
              under26: false,
              disabled: false,
              resident: false,
            })),
            deMinimisAids: [{ grantor: 'x', date: '2024-01-01', amountCents: received }],
          });
          const r = computeAmounts(app, tpe2024);
          const a = tpe2024.amounts;
          for (const f of FUNDERS) expect(Number.isSafeInteger(r.totalsByFunder[f])).toBe(true);
          expect(r.totalCents).toBeLessThanOrEqual(
            a.investmentAidCapCents.value + a.maxJobs.value * a.perPermanentJobCents.value,
          );
          expect(r.totalCents).toBeLessThanOrEqual(
            Math.max(0, tpe2024.eligibility.deMinimisCeilingCents.value - received),
          );
          expect(r.totalsByFunder.anah).toBe(0);
        },
      ),
    );
  });

  it('Habitat: ANAH never above 70 % of 22,000 € HT for autonomy; top-up within its cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (income, ht) => {
          const app = habitatApplication({
            household: { size: 1, taxIncomeEuros: income, taxIncomeYear: 2023 },
            works: [{ label: 't', amountHtCents: ht, amountTtcCents: ht, company: { name: 'x' } }],
          });
          const r = computeAmounts(app, habitat2024);
          expect(Number.isSafeInteger(r.totalsByFunder.anah)).toBe(true);
          expect(r.totalsByFunder.anah).toBeLessThanOrEqual(1_540_000);
          expect(r.totalsByFunder.anah).toBeLessThanOrEqual(ht);
          expect(r.totalsByFunder.agglomeration).toBeLessThanOrEqual(100_000);
        },
      ),
    );
  });

  it('an adjustment never exceeds what the rule set allows', () => {
    const computed = computeAmounts(habitatApplication(), habitat2024);
    fc.assert(
      fc.property(
        fc.record(
          {
            anah: fc.integer({ min: -10, max: 3_000_000 }),
            agglomeration: fc.integer({ min: -10, max: 3_000_000 }),
            region: fc.integer({ min: 0, max: 10 }),
          },
          { requiredKeys: [] },
        ),
        fc.string({ maxLength: 30 }),
        (amountsCents, motivation) => {
          const r = applyAdjustment(computed, { amountsCents, motivation }, habitat2024);
          if (!r.ok) return;
          expect(motivation.trim().length).toBeGreaterThanOrEqual(10);
          for (const f of FUNDERS) {
            expect(r.value.totalsByFunder[f]).toBeLessThanOrEqual(computed.maxByFunder[f]);
            expect(r.value.totalsByFunder[f]).toBeGreaterThanOrEqual(0);
          }
          // re-adjusting starts from the computed amounts again
          const again = applyAdjustment(
            r.value,
            { amountsCents: {}, motivation: 'Retour au calcul initial' },
            habitat2024,
          );
          expect(again.ok && again.value.totalCents).toBe(computed.totalCents);
        },
      ),
    );
  });
});
