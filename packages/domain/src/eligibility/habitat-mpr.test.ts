import { describe, expect, it } from 'vitest';
import type { HabitatApplication } from '../applications/schemas.ts';
import { assess } from '../assessment/assess.ts';
import type { DpeClass } from '../reference/dpe.ts';
import { habitat2024, habitatMpr2024, habitatMpr2025, habitatMpr2025Reopening } from '../schemes/habitat.ts';
import { builtInRuleSets, ruleSetInForce } from '../schemes/registry.ts';
import { habitatApplication, testReference } from '../testing/fixtures.ts';
import { checkEligibility } from './check.ts';

const ref = testReference();
const judge = (app: HabitatApplication) => {
  const rs = ruleSetInForce('HABITAT', app.filingDate ?? '');
  if (!rs) throw new Error('no rule set');
  return checkEligibility(app, rs, ref);
};
const reason = (app: HabitatApplication, rule: string) => judge(app).reasons.find((r) => r.rule === rule);

const energy = (
  date: string,
  rfr: number,
  before: DpeClass,
  after: DpeClass,
  over: Partial<HabitatApplication> = {},
) =>
  habitatApplication({
    filingDate: date,
    workKind: 'energy',
    autonomy: undefined,
    dpe: { before, after, assessmentReference: '2462E0123456X' },
    energyGainPct: 40,
    household: { size: 1, taxIncomeEuros: rfr, taxIncomeYear: Number(date.slice(0, 4)) - 1 },
    ...over,
  });

describe("MaPrimeRénov' Parcours accompagné: who may file, by regime", () => {
  it.each([
    // date, RFR (1 person), outcome of the income category, redirect
    ['2024-05-02', 15_000, 'eligible', undefined], // very modest
    ['2024-05-02', 25_000, 'eligible', undefined], // intermediate: open to every category since 2024
    ['2024-05-02', 60_000, 'eligible', undefined], // higher
    ['2025-10-15', 15_000, 'eligible', undefined], // reopening: very modest first
    ['2025-10-15', 20_000, 'to_review', undefined], // modest: as the national window allows
    ['2025-10-15', 25_000, 'not_eligible', 'FTE'], // intermediate: pointed to the FTE
    ['2025-10-15', 60_000, 'not_eligible', undefined],
  ] as const)('filed %s, RFR %i → %s', (date, rfr, outcome, redirect) => {
    const r = reason(energy(date, rfr, 'F', 'C'), 'habitat.income_category');
    expect(r?.outcome).toBe(outcome);
    expect(r?.redirectTo).toBe(redirect);
  });

  it.each([
    // date, before, after, rule, outcome
    ['2024-05-02', 'D', 'B', 'habitat.dpe.before', 'eligible'], // C to G before in 2024
    ['2024-05-02', 'E', 'D', 'habitat.dpe.classes_gained', 'not_eligible'], // one class only
    ['2024-05-02', 'E', 'C', 'habitat.dpe.classes_gained', 'eligible'],
    ['2025-10-15', 'D', 'B', 'habitat.dpe.before', 'not_eligible'], // reopening: E, F or G only
    ['2025-10-15', 'E', 'C', 'habitat.dpe.before', 'eligible'],
    ['2025-10-15', 'C', 'F', 'habitat.dpe.classes_gained', 'not_eligible'], // worse after
  ] as const)('filed %s, DPE %s → %s: %s %s', (date, before, after, rule, outcome) => {
    expect(reason(energy(date, 15_000, before, after), rule)?.outcome).toBe(outcome);
  });

  it('says each failing condition in words', () => {
    const r = judge(energy('2025-10-15', 25_000, 'D', 'C'));
    expect(r.outcome).toBe('not_eligible');
    // The income line (ceilings) follows the category it feeds: it fails too, with its figures.
    expect(r.reasons.find((x) => x.rule === 'habitat.income.ceilings')?.outcome).toBe('not_eligible');
    const failing = r.reasons
      .filter((x) => x.outcome === 'not_eligible' && x.rule !== 'habitat.income.ceilings')
      .map((x) => x.message);
    expect(failing).toEqual([
      "Revenus intermédiaires : depuis le 30 septembre 2025, MaPrimeRénov' Parcours accompagné est réservé aux ménages aux revenus très modestes ou modestes.",
      'Logement classé D avant travaux : le parcours accompagné est réservé aux logements classés E, F ou G.',
      'Gain de 1 classe au DPE (D → C) : il en faut au moins 2.',
    ]);
  });

  it('a legacy application (gain only, no DPE) is to review under the new sets, and still judged by the legacy set', () => {
    const app = habitatApplication({ workKind: 'energy', autonomy: undefined, energyGainPct: 40 });
    expect(reason(app, 'habitat.dpe')?.outcome).toBe('to_review');
    expect(checkEligibility(app, habitat2024, ref).outcome).toBe('eligible');
  });

  it('a tenant cannot file for energy works', () => {
    expect(
      reason(energy('2024-05-02', 15_000, 'F', 'C', { ownerStatus: 'tenant' }), 'habitat.owner_status')
        ?.outcome,
    ).toBe('not_eligible');
  });

  it('a landlord: the eligibility says plainly that the instructor sets the amount', () => {
    const r = reason(
      energy('2024-05-02', 15_000, 'F', 'C', { ownerStatus: 'landlord', household: undefined }),
      'habitat.owner_status',
    );
    expect(r?.outcome).toBe('to_review');
    expect(r?.message).toMatch(
      /l'instructeur en fixe le montant, aucun montant n'est calculé automatiquement/,
    );
  });
});

describe("MaPrimeAdapt'", () => {
  it.each([
    // filed 2024-05-02
    [{ beneficiaryBirthDate: '1954-05-02' }, 'eligible'], // 70 on the filing day
    [{ beneficiaryBirthDate: '1954-05-03' }, 'not_eligible'], // 69, no GIR
    [{ beneficiaryBirthDate: '1960-01-01', girAssessment: { gir: 6, assessedOn: '2024-01-10' } }, 'eligible'],
    [{ beneficiaryBirthDate: '1990-01-01', disabilityRatePct: 50 }, 'eligible'],
    [{ beneficiaryBirthDate: '1990-01-01', disabilityRatePct: 49 }, 'not_eligible'],
    [{ beneficiaryBirthDate: '1990-01-01', pch: true }, 'eligible'], // the PCH qualifies on its own
    [{ beneficiaryBirthDate: '1990-01-01', pch: false }, 'not_eligible'],
  ] as const)('autonomy %j → %s', (autonomy, outcome) => {
    expect(reason(habitatApplication({ autonomy: { ...autonomy } }), 'habitat.autonomy')?.outcome).toBe(
      outcome,
    );
  });

  it('a private tenant is eligible', () => {
    const r = judge(habitatApplication({ ownerStatus: 'tenant' }));
    expect(r.outcome).toBe('eligible');
    expect(r.reasons.find((x) => x.rule === 'habitat.owner_status')?.message).toMatch(
      /Locataire du parc privé/,
    );
  });

  it.each([
    [habitatMpr2024, 20_000, 'eligible'], // modest
    [habitatMpr2025, 25_000, 'not_eligible'], // intermediate
    [habitatMpr2025Reopening, 15_000, 'eligible'],
  ] as const)('%#: income category under each set', (set, rfr, outcome) => {
    const year = Number(set.effectiveFrom.slice(0, 4));
    const app = habitatApplication({
      filingDate: set.effectiveFrom,
      household: { size: 1, taxIncomeEuros: rfr, taxIncomeYear: year - 1 },
    });
    expect(
      checkEligibility(app, set, ref).reasons.find((x) => x.rule === 'habitat.income_category')?.outcome,
    ).toBe(outcome);
  });
});

describe('« Les travaux ne sont pas commencés » is a question', () => {
  it.each([
    [true, 'eligible'],
    [false, 'not_eligible'],
    [undefined, 'to_review'], // nobody asked: never shown as passed
  ] as const)('answer %s → %s', (worksNotStarted, outcome) => {
    expect(reason(habitatApplication({ worksNotStarted }), 'habitat.works_not_started')?.outcome).toBe(
      outcome,
    );
  });

  it('a start date before the filing refuses whatever the answer', () => {
    const app = habitatApplication({
      worksNotStarted: true,
      works: [
        {
          label: 'Douche',
          amountHtCents: 100,
          amountTtcCents: 100,
          company: { name: 'X' },
          startDate: '2024-04-01',
        },
      ],
    });
    expect(reason(app, 'habitat.works_not_started')?.outcome).toBe('not_eligible');
  });
});

describe('old dossiers keep the set they were filed under', () => {
  it('a Habitat dossier filed under the legacy `2024` set (gain only, no DPE) is judged by it, not by mpr-2024', () => {
    const legacy = habitatApplication({ workKind: 'energy', autonomy: undefined, energyGainPct: 40 });
    const a = assess(legacy, builtInRuleSets, ref, '2024-05-02', { ruleSetVersion: '2024' });
    expect(a.ok && a.ruleSet).toBe(habitat2024);
    expect(a.ok && a.eligibility.outcome).toBe('eligible');
    // 50 % of 10,000 € HT (Habiter Mieux very modest), top-up 10 % = 1,000 €
    expect(a.ok && a.amounts.totalsByFunder).toEqual({
      anah: 500_000,
      agglomeration: 100_000,
      region: 0,
      etat: 0,
    });
    // The same application filed today is judged by the set in force, which asks for the DPE.
    const today = assess(legacy, builtInRuleSets, ref, '2024-05-02');
    expect(today.ok && today.ruleSet.version).toBe('mpr-2024');
    expect(today.ok && today.eligibility.outcome).toBe('to_review');
  });
});
