import { describe, expect, it } from 'vitest';
import { computeAmounts } from '../amounts/compute.ts';
import type { Application } from '../applications/schemas.ts';
import { POPULATION_IN_WORDS } from '../reference/communes.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import { ess2017 } from '../schemes/ess.ts';
import { fte2017, fte2021 } from '../schemes/fte.ts';
import { habitat2024 } from '../schemes/habitat.ts';
import { ruleSetInForce } from '../schemes/registry.ts';
import { tpe2017, tpe2024 } from '../schemes/tpe.ts';
import {
  essApplication,
  fteApplication,
  habitatApplication,
  testReference,
  tpeApplication,
} from '../testing/fixtures.ts';
import { checkEligibility } from './check.ts';
import { ageOn } from './common.ts';
import type { Outcome } from './types.ts';

const ref = testReference();
const judge = (app: Application, reference: ReferenceData = ref) => {
  const rs = ruleSetInForce(app.scheme, app.filingDate ?? '');
  if (!rs) throw new Error('no rule set');
  return checkEligibility(app, rs, reference);
};
const reasonOf = (app: Application, rule: string, reference?: ReferenceData) =>
  judge(app, reference).reasons.find((r) => r.rule === rule);

describe('FTE eligibility', () => {
  it('a complete intermediate-income file is eligible, each reason named', () => {
    const r = judge(fteApplication());
    expect(r.outcome).toBe('eligible');
    expect(r.reasons.map((x) => x.rule)).toEqual(
      expect.arrayContaining([
        'fte.commune',
        'fte.income_category',
        'fte.advice_appointment',
        'fte.works_not_started',
      ]),
    );
    for (const x of r.reasons) expect(x.message.length).toBeGreaterThan(10);
  });

  it.each([
    // 2024, 2 persons: very modest ≤ 24,875; modest ≤ 31,889; intermediate ≤ 44,907
    [24_875, 'not_eligible', 'HABITAT'],
    [31_889, 'not_eligible', 'HABITAT'], // modest ceiling exactly met
    [31_890, 'eligible', undefined],
    [44_907, 'eligible', undefined], // intermediate ceiling exactly met
    [44_908, 'not_eligible', undefined],
  ] as const)('RFR %i for 2 persons in 2024 → %s (redirect %s)', (income, outcome, redirect) => {
    const app = fteApplication({ household: { size: 2, taxIncomeEuros: income, taxIncomeYear: 2023 } });
    const reason = reasonOf(app, 'fte.income_category');
    expect(reason?.outcome).toBe(outcome);
    expect(reason?.redirectTo).toBe(redirect);
    if (redirect) expect(reason?.message).toMatch(/Habitat/);
  });

  it('a household of 7 uses the per-person increment (2024: 72,400 + 2 × 9,165)', () => {
    const at = (income: number) =>
      reasonOf(
        fteApplication({ household: { size: 7, taxIncomeEuros: income, taxIncomeYear: 2023 } }),
        'fte.income_category',
      )?.outcome;
    expect(at(72_400 + 2 * 9_165)).toBe('eligible');
    expect(at(72_400 + 2 * 9_165 + 1)).toBe('not_eligible');
  });

  it.each([
    ['2024-03-14', 'eligible'],
    ['2024-03-15', 'eligible'], // same day as filing
    ['2024-03-16', 'not_eligible'],
  ] as const)('advice appointment on %s (filed 2024-03-15) → %s', (date, outcome) => {
    expect(
      reasonOf(
        fteApplication({ adviceAppointment: { date, adviser: 'A. Conseil' } }),
        'fte.advice_appointment',
      )?.outcome,
    ).toBe(outcome);
  });

  it.each([
    [undefined, 'eligible'],
    ['2024-03-15', 'eligible'],
    ['2024-03-14', 'not_eligible'],
  ] as const)('works started %s (filed 2024-03-15) → %s', (startDate, outcome) => {
    const app = fteApplication();
    const w = app.works[0];
    if (!w) throw new Error();
    expect(reasonOf({ ...app, works: [{ ...w, startDate }] }, 'fte.works_not_started')?.outcome).toBe(
      outcome,
    );
  });

  it('refuses a home outside the agglomeration (Lens)', () => {
    const r = reasonOf(
      fteApplication({
        address: { line1: 'x', postalCode: '62300', communeInsee: '62498', communeName: 'Lens' },
      }),
      'fte.commune',
    );
    expect(r?.outcome).toBe('not_eligible');
  });

  it('BBC renovation is not funded by the 2017 set but is by 2021', () => {
    const app = fteApplication({
      filingDate: '2020-06-01',
      household: { size: 2, taxIncomeEuros: 38_000, taxIncomeYear: 2019 },
      adviceAppointment: { date: '2020-05-01', adviser: 'A' },
      works: [{ type: 'bbc_renovation', amountHtCents: 1, amountTtcCents: 1, company: { name: 'X' } }],
    });
    expect(
      checkEligibility(app, fte2017, ref).reasons.find((r) => r.rule === 'fte.work_types')?.outcome,
    ).toBe('not_eligible');
    expect(
      checkEligibility({ ...app, filingDate: '2021-06-01' }, fte2021, ref).reasons.find(
        (r) => r.rule === 'fte.work_types',
      )?.outcome,
    ).toBe('eligible');
  });

  it('sends to review when the filing year has no ceilings loaded (2020 falls before any table)', () => {
    const r = checkEligibility(
      fteApplication({
        filingDate: '2020-06-01',
        adviceAppointment: { date: '2020-05-01', adviser: 'A' },
        household: { size: 2, taxIncomeEuros: 38_000, taxIncomeYear: 2019 },
      }),
      fte2017,
      ref,
    );
    expect(r.outcome).toBe('to_review');
    const later = checkEligibility(
      fteApplication({
        filingDate: '2026-02-01',
        household: { size: 2, taxIncomeEuros: 38_000, taxIncomeYear: 2025 },
      }),
      fte2021,
      ref,
    );
    expect(later.outcome).toBe('to_review');
    expect(later.reasons.find((x) => x.rule === 'fte.income.ceilings_year')?.message).toMatch(/barème 2025/);
  });

  it('flags an income year that does not match the filing year', () => {
    expect(
      reasonOf(
        fteApplication({ household: { size: 2, taxIncomeEuros: 38_000, taxIncomeYear: 2019 } }),
        'fte.income.income_year',
      )?.outcome,
    ).toBe('to_review');
  });

  it('without a filing date the result is to review; a scheme mismatch throws', () => {
    expect(checkEligibility(fteApplication({ filingDate: undefined }), fte2021, ref).outcome).toBe(
      'to_review',
    );
    expect(() => checkEligibility(fteApplication(), tpe2024, ref)).toThrow();
  });
});

describe('TPE eligibility', () => {
  const edgeRef = (population: number): ReferenceData => ({
    ...ref,
    communes: [{ insee: '62770', name: 'Saint-Venant', population }],
  });

  it('Saint-Venant (62770) counts 2,999 inhabitants by communes.json: rural', () => {
    const r = judge(tpeApplication());
    expect(r.outcome).toBe('eligible');
    const message = r.reasons.find((x) => x.rule === 'tpe.location')?.message;
    expect(message).toMatch(/2\s999 habitants \(population municipale INSEE 2023\) : commune rurale/);
    // The business owner reads no package path; the source is in words, in the calculation's explanation.
    expect(message).not.toMatch(/@etalab|communes\.json|champ/);
    const amounts = computeAmounts(tpeApplication(), tpe2024, ref, { filingDate: '2026-03-01' });
    expect(amounts.explanation).toContain(POPULATION_IN_WORDS);
    expect(POPULATION_IN_WORDS).toMatch(/population municipale INSEE/);
  });

  it.each([
    [2_999, 'eligible'],
    [3_000, 'not_eligible'],
    [3_002, 'not_eligible'],
  ] as const)('a commune at %i inhabitants → %s', (population, outcome) => {
    expect(reasonOf(tpeApplication(), 'tpe.location', edgeRef(population))?.outcome).toBe(outcome);
  });

  it.each([
    [undefined, 'not_eligible'],
    ['QN06201M', 'to_review'], // declared QPV of Béthune: the instructor checks the address
    ['QN99999X', 'not_eligible'],
  ] as const)('in Béthune (not rural) with QPV %s → %s', (qpvCode, outcome) => {
    const app = tpeApplication({
      address: { line1: 'x', postalCode: '62400', communeInsee: '62119', communeName: 'Béthune' },
      qpvCode,
    });
    expect(reasonOf(app, 'tpe.location')?.outcome).toBe(outcome);
  });

  it('a QPV of another commune does not count', () => {
    const app = tpeApplication({
      address: { line1: 'x', postalCode: '62190', communeInsee: '62516', communeName: 'Lillers' },
      qpvCode: 'QN06201M',
    });
    expect(reasonOf(app, 'tpe.location')?.outcome).toBe('not_eligible');
  });

  it.each([
    [0, 'eligible'],
    [9, 'eligible'],
    [10, 'not_eligible'],
  ] as const)('%i employees → %s', (employees, outcome) => {
    const app = tpeApplication();
    expect(reasonOf({ ...app, company: { ...app.company, employees } }, 'tpe.employees')?.outcome).toBe(
      outcome,
    );
  });

  it.each([
    ['artisanat', 'eligible'],
    ['commerce', 'eligible'],
    ['services', 'eligible'],
  ] as const)('sector %s → %s', (sector, outcome) => {
    const app = tpeApplication();
    expect(reasonOf({ ...app, company: { ...app.company, sector } }, 'tpe.sector')?.outcome).toBe(outcome);
  });

  it.each([
    // filed 2024-06-10, ceiling 300,000 € (2024 set)
    [[{ grantor: 'État', date: '2023-01-01', amountCents: 29_999_999 }], 'eligible'],
    [[{ grantor: 'État', date: '2023-01-01', amountCents: 30_000_000 }], 'not_eligible'],
    [[{ grantor: 'État', date: '2021-06-10', amountCents: 30_000_000 }], 'eligible'], // outside the rolling 3 years
    [[{ grantor: 'État', date: '2021-06-11', amountCents: 30_000_000 }], 'not_eligible'],
  ] as const)('de minimis %j → %s', (aids, outcome) => {
    expect(reasonOf(tpeApplication({ deMinimisAids: [...aids] }), 'tpe.de_minimis')?.outcome).toBe(outcome);
  });

  it('the 2017 set had the 200,000 € ceiling', () => {
    const app = tpeApplication({
      filingDate: '2023-06-10',
      deMinimisAids: [{ grantor: 'État', date: '2023-01-01', amountCents: 25_000_000 }],
    });
    expect(
      checkEligibility(app, tpe2017, ref).reasons.find((r) => r.rule === 'tpe.de_minimis')?.outcome,
    ).toBe('not_eligible');
    expect(
      checkEligibility({ ...app, filingDate: '2024-06-10' }, tpe2024, ref).reasons.find(
        (r) => r.rule === 'tpe.de_minimis',
      )?.outcome,
    ).toBe('eligible');
  });

  it.each([
    [399_999, 'not_eligible'],
    [400_000, 'eligible'],
  ] as const)('investment %i cents → %s', (amountHtCents, outcome) => {
    expect(
      reasonOf(tpeApplication({ investments: [{ label: 'Caisse', amountHtCents }] }), 'tpe.investment_floor')
        ?.outcome,
    ).toBe(outcome);
  });

  it('works started before filing are refused', () => {
    expect(reasonOf(tpeApplication({ worksStartDate: '2024-06-09' }), 'tpe.works_not_started')?.outcome).toBe(
      'not_eligible',
    );
  });
});

describe('ESS eligibility', () => {
  it.each([
    ['association', 'eligible'],
    ['scop', 'eligible'],
    ['scic', 'eligible'],
    ['esus_company', 'eligible'],
    ['sarl', 'not_eligible'],
    ['sas', 'not_eligible'],
  ] as const)('legal form %s → %s', (legalForm, outcome) => {
    const app = essApplication();
    expect(
      checkEligibility({ ...app, structure: { ...app.structure, legalForm } }, ess2017, ref).reasons.find(
        (r) => r.rule === 'ess.legal_form',
      )?.outcome,
    ).toBe(outcome);
  });

  const job = (contract: 'cdi' | 'cdd', workingTimePct: number) => ({
    title: 'Poste',
    contract,
    workingTimePct,
    under26: false,
    disabled: false,
    resident: false,
  });
  it.each([
    [[job('cdi', 100)], 'eligible'],
    [[job('cdi', 80)], 'to_review'],
    [[job('cdd', 100)], 'not_eligible'],
  ] as const)('jobs %j → %s', (jobs, outcome) => {
    expect(checkEligibility(essApplication({ jobs: [...jobs] }), ess2017, ref).outcome).toBe(outcome);
  });
});

describe('Habitat eligibility', () => {
  it('a very modest owner-occupier aged 74 adapting the home is eligible', () => {
    expect(judge(habitatApplication()).outcome).toBe('eligible');
  });

  it.each([
    // filed 2024-05-02
    [{ beneficiaryBirthDate: '1954-05-02' }, 'eligible'], // 70 on the filing day
    [{ beneficiaryBirthDate: '1954-05-03' }, 'not_eligible'], // 69, no GIR
    [{ beneficiaryBirthDate: '1960-01-01', girAssessment: { gir: 5, assessedOn: '2024-01-10' } }, 'eligible'], // 64 + GIR
    [
      { beneficiaryBirthDate: '1964-05-03', girAssessment: { gir: 4, assessedOn: '2024-01-10' } },
      'not_eligible',
    ], // 59 + GIR
    [{ beneficiaryBirthDate: '1990-01-01', disabilityRatePct: 50 }, 'eligible'],
    [{ beneficiaryBirthDate: '1990-01-01', disabilityRatePct: 49 }, 'not_eligible'],
  ] as const)('autonomy %j → %s', (autonomy, outcome) => {
    expect(reasonOf(habitatApplication({ autonomy: { ...autonomy } }), 'habitat.autonomy')?.outcome).toBe(
      outcome,
    );
  });

  it.each([
    [34, 'not_eligible'],
    [35, 'eligible'],
    [60, 'eligible'],
  ] as const)('legacy set (Habiter Mieux): energy gain %i %% → %s', (energyGainPct, outcome) => {
    const app = habitatApplication({ workKind: 'energy', energyGainPct, autonomy: undefined });
    const r = checkEligibility(app, habitat2024, ref).reasons.find((x) => x.rule === 'habitat.energy_gain');
    expect(r?.outcome).toBe(outcome);
  });

  it.each([
    // 2024, 1 person: very modest ≤ 17,009; modest ≤ 21,805
    [17_009, 'eligible', undefined],
    [21_805, 'eligible', undefined],
    [21_806, 'not_eligible', 'FTE'],
    [40_000, 'not_eligible', undefined],
  ] as const)(
    'legacy set: owner-occupier RFR %i (energy works) → %s',
    (taxIncomeEuros, outcome, redirect) => {
      const app = habitatApplication({
        workKind: 'energy',
        energyGainPct: 40,
        household: { size: 1, taxIncomeEuros, taxIncomeYear: 2023 },
      });
      const r = checkEligibility(app, habitat2024, ref).reasons.find(
        (x) => x.rule === 'habitat.income_category',
      );
      expect(r?.outcome).toBe(outcome);
      expect(r?.redirectTo).toBe(redirect);
    },
  );

  it('a landlord is to be reviewed', () => {
    expect(judge(habitatApplication({ ownerStatus: 'landlord', household: undefined })).outcome).toBe(
      'to_review',
    );
  });

  it('checks the rule set against habitat2024 directly', () => {
    expect(checkEligibility(habitatApplication(), habitat2024, ref).outcome).toBe('eligible');
  });
});

describe('helpers', () => {
  it.each([
    ['1954-05-02', '2024-05-02', 70],
    ['1954-05-03', '2024-05-02', 69],
    ['2000-02-29', '2024-02-28', 23],
  ] as const)('ageOn(%s, %s) = %i', (b, d, age) => expect(ageOn(b, d)).toBe(age));

  it('combines outcomes: any refusal refuses, then review', () => {
    const outcomes: Outcome[] = judge(fteApplication()).reasons.map((r) => r.outcome);
    expect(outcomes.every((o) => o === 'eligible')).toBe(true);
  });
});
