import { describe, expect, it } from 'vitest';
import { dgfipQueriesOf } from '../identifiers/dgfip.ts';
import { fte2017, fte2021 } from '../schemes/fte.ts';
import { fteApplication, testReference, validNumeroFiscal } from '../testing/fixtures.ts';
import { checkEligibility } from './check.ts';

const ref = testReference();
const reason = (app: ReturnType<typeof fteApplication>, rule: string) =>
  checkEligibility(app, fte2021, ref).reasons.find((r) => r.rule === rule);

describe('FTE: identity of income and the works question', () => {
  it.each([
    [[{ numeroFiscal: validNumeroFiscal(), referenceAvis: '2377A12345678' }], 'eligible'],
    [undefined, 'to_review'], // the instructor cannot check the income without them
  ] as const)('notices %j → %s', (notices, outcome) => {
    const app = fteApplication({
      household: { size: 2, taxIncomeEuros: 38_000, taxIncomeYear: 2023, notices: notices && [...notices] },
    });
    expect(reason(app, 'fte.fiscal_notice')?.outcome).toBe(outcome);
  });

  it('the notices give the queries of a later DGFiP income API call', () => {
    expect(
      dgfipQueriesOf({ notices: [{ numeroFiscal: '12345 67890 066', referenceAvis: '2377a12345678' }] }),
    ).toEqual([{ numeroFiscal: '1234567890066', referenceAvis: '2377A12345678' }]);
  });

  it.each([
    [true, 'eligible'],
    [false, 'not_eligible'],
    [undefined, 'to_review'],
  ] as const)('« travaux commencés ? » answered %s → %s', (worksNotStarted, outcome) => {
    expect(reason(fteApplication({ worksNotStarted }), 'fte.works_not_started')?.outcome).toBe(outcome);
  });

  it('the 2017 set starts in December 2017 and says the « revenus intermédiaires » definition is to be confirmed', () => {
    expect(fte2017.effectiveFrom).toBe('2017-12-01');
    expect(fte2017.eligibility.source).toMatch(/revenus intermédiaires.*à confirmer/);
  });

  it('the income line of a refused category is not shown as passed (issue 14: it was green)', () => {
    const app = fteApplication({ household: { size: 1, taxIncomeEuros: 12_000, taxIncomeYear: 2023 } });
    const r = checkEligibility(app, fte2021, ref).reasons;
    expect(r.find((x) => x.rule === 'fte.income_category')?.outcome).toBe('not_eligible');
    expect(r.find((x) => x.rule === 'fte.income.ceilings')?.outcome).toBe('not_eligible');
  });
});
