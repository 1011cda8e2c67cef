import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HabitatApplication } from '../applications/schemas.ts';
import { paymentLimitsOf } from '../lifecycle/payments.ts';
import { applyRate, formatEuros } from '../money/money.ts';
import { anahCeilings } from '../reference/anah-ceilings.ts';
import { classesGained, DPE_CLASSES, type DpeClass } from '../reference/dpe.ts';
import { incomeCategory } from '../reference/income-category.ts';
import { habitat2024, habitatMpr2024, habitatMpr2025, habitatMpr2025Reopening } from '../schemes/habitat.ts';
import type { HabitatRuleSet } from '../schemes/rule-set.ts';
import { habitatApplication } from '../testing/fixtures.ts';
import { computeAmounts } from './compute.ts';
import { stepFor } from './habitat.ts';

const energy = (
  filingDate: string,
  taxIncomeEuros: number,
  before: DpeClass,
  after: DpeClass,
  htCents: number,
  ttcCents: number,
  energyGainPct?: number,
): HabitatApplication =>
  habitatApplication({
    filingDate,
    workKind: 'energy',
    autonomy: undefined,
    dpe: { before, after, assessmentReference: '2462E0123456X' },
    energyGainPct,
    household: { size: 1, taxIncomeEuros, taxIncomeYear: Number(filingDate.slice(0, 4)) - 1 },
    works: [
      { label: 'Rénovation', amountHtCents: htCents, amountTtcCents: ttcCents, company: { name: 'X' } },
    ],
  });

describe("MaPrimeRénov' Parcours accompagné: worked examples (1 person, RFR in euros, amounts in cents)", () => {
  it.each([
    // name, set, filing, RFR, DPE before → after, works HT, TTC, gain %, ANAH, agglomeration
    // 2024, very modest (≤ 17,009 €), F → C = 3 classes: cap 55,000 € HT, 80 % + 10 % (leaves F for D or better) = 49,500 €;
    // top-up 10 % of 55,000 = 5,500 capped 2,000 €; public aid 51,500 ≤ 100 % of 63,300 TTC.
    [
      '2024 very modest F→C',
      habitatMpr2024,
      '2024-05-02',
      15_000,
      'F',
      'C',
      6_000_000,
      6_330_000,
      40,
      4_950_000,
      200_000,
    ],
    // 2024, modest (≤ 21,805 €), E → C = 2 classes: 60 % of 30,000 = 18,000 €; gain exactly 35 %: no top-up (strictly above).
    [
      '2024 modest E→C, gain 35 %',
      habitatMpr2024,
      '2024-05-02',
      20_000,
      'E',
      'C',
      3_000_000,
      3_165_000,
      35,
      1_800_000,
      0,
    ],
    [
      '2024 modest E→C, gain 36 %',
      habitatMpr2024,
      '2024-05-02',
      20_000,
      'E',
      'C',
      3_000_000,
      3_165_000,
      36,
      1_800_000,
      200_000,
    ],
    // 2024, intermediate (≤ 30,549 €), G → D = 3 classes: 50 % + 10 % of 55,000 = 33,000 + top-up 2,000 = 35,000 €,
    // above 60 % of 58,025 TTC = 34,815 €: MaPrimeRénov' cut by 185 € → 32,815 €.
    [
      '2024 intermediate G→D, écrêtement',
      habitatMpr2024,
      '2024-05-02',
      25_000,
      'G',
      'D',
      5_500_000,
      5_802_500,
      50,
      3_281_500,
      200_000,
    ],
    // 2024, higher (> 30,549 €), D → B = 2 classes: 30 % of 20,000 = 6,000 €; top-up 2,000 €; 8,000 ≤ 40 % of 21,100.
    [
      '2024 higher D→B',
      habitatMpr2024,
      '2024-05-02',
      40_000,
      'D',
      'B',
      2_000_000,
      2_110_000,
      50,
      600_000,
      200_000,
    ],
    // 2025, higher (> 30,844 €), G → C = 4 classes: 20 % + 10 % of 70,000 = 21,000 €; gain 30 %: no top-up.
    [
      '2025 higher G→C',
      habitatMpr2025,
      '2025-03-03',
      50_000,
      'G',
      'C',
      8_000_000,
      8_440_000,
      30,
      2_100_000,
      0,
    ],
    // 2025-09-30, very modest (≤ 17,173 €), F → D = 2 classes: cap 30,000 € HT, 80 %, no bonus any more = 24,000 €.
    [
      '2025-09 very modest F→D',
      habitatMpr2025Reopening,
      '2025-10-15',
      15_000,
      'F',
      'D',
      5_000_000,
      5_275_000,
      40,
      2_400_000,
      200_000,
    ],
    // 2025-09-30, very modest, G → D = 3 classes: cap 40,000 € HT → 32,000 €.
    [
      '2025-09 very modest G→D',
      habitatMpr2025Reopening,
      '2025-10-15',
      15_000,
      'G',
      'D',
      5_000_000,
      5_275_000,
      40,
      3_200_000,
      200_000,
    ],
    // Only one class gained: no aid, hence no top-up.
    ['2024 one class', habitatMpr2024, '2024-05-02', 15_000, 'E', 'D', 3_000_000, 3_165_000, 40, 0, 0],
  ] as const)('%s', (_n, set, date, rfr, before, after, ht, ttc, gain, anah, agg) => {
    const r = computeAmounts(energy(date, rfr, before, after, ht, ttc, gain), set);
    expect(r.totalsByFunder).toEqual({ anah, agglomeration: agg, region: 0, etat: 0 });
    expect(r.explanation.join('\n')).toMatch(/Montant total de l'aide/);
  });

  it('names the écrêtement in words', () => {
    const r = computeAmounts(
      energy('2024-05-02', 25_000, 'G', 'D', 5_500_000, 5_802_500, 50),
      habitatMpr2024,
    );
    expect(r.lines.find((l) => l.label.startsWith('Écrêtement'))?.explanation).toBe(
      `aides publiques limitées à 60 % des travaux TTC (${formatEuros(5_802_500)}), soit ${formatEuros(3_481_500)} : MaPrimeRénov' réduite de ${formatEuros(18_500)}.`,
    );
  });

  it('a landlord gets no computed amount, and the explanation says the instructor sets it', () => {
    const app = {
      ...energy('2024-05-02', 15_000, 'F', 'C', 6_000_000, 6_330_000, 40),
      ownerStatus: 'landlord' as const,
    };
    const r = computeAmounts(app, habitatMpr2024);
    expect(r.totalCents).toBe(0);
    expect(r.lines[0]?.explanation).toMatch(/fixé par l'instructeur/);
  });
});

describe("MaPrimeAdapt': worked examples", () => {
  it.each([
    // set, RFR, works HT, AMO offer, ANAH (works + AMO), agglomeration (5 % capped 1,000 €)
    [habitatMpr2024, 15_000, 1_000_000, undefined, 700_000, 50_000], // very modest 70 %
    [habitatMpr2024, 20_000, 1_000_000, 'socle', 500_000 + 35_000, 50_000], // modest 50 % + AMO 350 €
    [habitatMpr2025Reopening, 15_000, 3_000_000, 'complet', 1_540_000 + 60_000, 100_000], // capped at 22,000 € HT
    [habitatMpr2025, 15_000, 1_000_000, 'complet_ergo', 700_000 + 80_000, 50_000],
    [habitatMpr2024, 25_000, 1_000_000, 'complet', 0, 0], // intermediate: no MaPrimeAdapt', no AMO, no top-up
  ] as const)(
    '%#: RFR %i, works %i, AMO %s → ANAH %i, agglomeration %i',
    (set, rfr, ht, amoOffer, anah, agg) => {
      const year = Number(set.effectiveFrom.slice(0, 4));
      const app = habitatApplication({
        filingDate: set.effectiveFrom,
        household: { size: 1, taxIncomeEuros: rfr, taxIncomeYear: year - 1 },
        autonomy: { beneficiaryBirthDate: '1950-01-01', amoOffer },
        works: [{ label: 'Douche', amountHtCents: ht, amountTtcCents: ht, company: { name: 'X' } }],
      });
      expect(computeAmounts(app, set).totalsByFunder).toEqual({
        anah,
        agglomeration: agg,
        region: 0,
        etat: 0,
      });
    },
  );
});

describe('advance: belongs to the rule set, the year, the work kind and the category', () => {
  it.each([
    [habitatMpr2024, 'energy', 15_000, 7000], // 2024 Parcours accompagné: 70 %
    [habitatMpr2024, 'energy', 25_000, 0], // intermediate: no advance
    [habitatMpr2025, 'energy', 15_000, 3000], // 2025: 30 %
    [habitatMpr2025Reopening, 'energy', 20_000, 3000],
    [habitatMpr2024, 'autonomy', 15_000, 3000], // MaPrimeAdapt': 30 %
    [habitat2024, 'autonomy', 15_000, 7000], // the legacy set keeps its single 70 %
  ] as const)('example %#', (set, workKind, rfr, bp) => {
    const date = set.effectiveFrom;
    const app =
      workKind === 'energy'
        ? energy(date, rfr, 'F', 'C', 1_000_000, 1_055_000, 40)
        : habitatApplication({
            filingDate: date,
            household: { size: 1, taxIncomeEuros: rfr, taxIncomeYear: Number(date.slice(0, 4)) - 1 },
          });
    expect(paymentLimitsOf(set, app).advanceMaxBp.value).toBe(bp);
  });
});

const SETS: readonly HabitatRuleSet[] = [habitatMpr2024, habitatMpr2025, habitatMpr2025Reopening];
const dpe = fc.constantFrom(...DPE_CLASSES);

describe('properties', () => {
  it('energy: integer amounts; ANAH within (rate + bonus) × ceiling of the classes gained; public aid within the écrêtement', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SETS),
        fc.integer({ min: 0, max: 80_000 }),
        dpe,
        dpe,
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: 100 }),
        (set, rfr, before, after, ht, vatBp, gain) => {
          const ttc = ht + applyRate(ht, vatBp);
          const date = set.effectiveFrom;
          const r = computeAmounts(energy(date, rfr, before, after, ht, ttc, gain), set);
          for (const l of r.lines) expect(Number.isSafeInteger(l.amountCents)).toBe(true);
          const gained = classesGained(before, after);
          const cat = incomeCategory(Number(date.slice(0, 4)), 1, rfr, anahCeilings);
          if (!cat.ok) throw new Error(cat.reason);
          const e = set.amounts.energy;
          const rate = stepFor(e.anahRateBp[cat.category], gained)?.value ?? 0;
          const cap = stepFor(e.worksCapHtCents, gained)?.value ?? 0;
          const anah = r.totalsByFunder.anah;
          expect(anah).toBeGreaterThanOrEqual(0);
          expect(anah).toBeLessThanOrEqual(applyRate(cap, rate + (e.passoireBonus?.rateBp.value ?? 0)));
          if (gained < set.eligibility.energy.minClassesGained.value) expect(anah).toBe(0);
          expect(r.totalsByFunder.agglomeration).toBeLessThanOrEqual(e.agglomerationCapCents.value);
          if (gain <= set.eligibility.topUpEnergyGainAbovePct.value)
            expect(r.totalsByFunder.agglomeration).toBe(0);
          const max = e.publicAidTtcMaxBp[cat.category]?.value;
          if (anah > 0 && max !== undefined) expect(r.totalCents).toBeLessThanOrEqual(applyRate(ttc, max));
        },
      ),
    );
  });

  it('autonomy: ANAH within 70 % of 22,000 € HT plus the largest AMO lump sum; nothing above the modest band', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SETS),
        fc.integer({ min: 0, max: 80_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom(undefined, 'socle', 'complet', 'complet_ergo'),
        (set, rfr, ht, amoOffer) => {
          const year = Number(set.effectiveFrom.slice(0, 4));
          const app = habitatApplication({
            filingDate: set.effectiveFrom,
            household: { size: 1, taxIncomeEuros: rfr, taxIncomeYear: year - 1 },
            autonomy: { beneficiaryBirthDate: '1950-01-01', amoOffer },
            works: [{ label: 'Travaux', amountHtCents: ht, amountTtcCents: ht, company: { name: 'X' } }],
          });
          const r = computeAmounts(app, set);
          expect(r.totalsByFunder.anah).toBeLessThanOrEqual(applyRate(2_200_000, 7000) + 80_000);
          const cat = incomeCategory(year, 1, rfr, anahCeilings);
          if (cat.ok && (cat.category === 'intermediate' || cat.category === 'high'))
            expect(r.totalCents).toBe(0);
        },
      ),
    );
  });
});
