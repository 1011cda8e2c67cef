import { describe, expect, it } from 'vitest';
import { computeAmounts } from '../amounts/compute.ts';
import { checkEligibility } from '../eligibility/check.ts';
import { fte2017, fte2021 } from '../schemes/fte.ts';
import { builtInRuleSets } from '../schemes/registry.ts';
import * as fixtures from '../testing/fixtures.ts';
import { assess } from './assess.ts';

const ref = fixtures.testReference();

describe('assess', () => {
  it('parses the application, takes the rule set in force on the date, judges it and computes its amounts', () => {
    const a = assess(fixtures.fteApplication(), builtInRuleSets, ref, '2024-03-15');
    if (!a.ok) throw new Error(`expected an assessment, got ${a.reason}`);
    expect(a.ruleSet).toBe(fte2021);
    expect(a.application.scheme).toBe('FTE');
    const filingDate = '2024-03-15';
    expect(a.eligibility).toEqual(checkEligibility(a.application, fte2021, ref, { filingDate }));
    expect(a.eligibility.outcome).toBe('eligible');
    expect(a.amounts).toEqual(computeAmounts(a.application, fte2021, ref, { filingDate }));
    expect(a.amounts.totalCents).toBeGreaterThan(0);
  });

  it('stamps the date (an instant is cut to its day) on the application as its filing date', () => {
    const a = assess(
      fixtures.fteApplication({ filingDate: '2020-01-01' }),
      builtInRuleSets,
      ref,
      '2024-03-15T10:20:00.000Z',
    );
    expect(a.ok && a.application.filingDate).toBe('2024-03-15');
  });

  it('judges by the rule set in force on the date, not the latest', () => {
    const household = { size: 2, taxIncomeEuros: 38_000, taxIncomeYear: 2018 };
    const a = assess(
      fixtures.fteApplication({ filingDate: undefined, household }),
      builtInRuleSets,
      ref,
      '2019-06-01',
    );
    expect(a.ok && a.ruleSet).toBe(fte2017);
  });

  it.each([
    ['FTE', fixtures.fteApplication()],
    ['TPE', fixtures.tpeApplication()],
    ['ESS', fixtures.essApplication()],
    ['HABITAT', fixtures.habitatApplication()],
  ] as const)('assesses a complete %s application', (scheme, application) => {
    const a = assess(application, builtInRuleSets, ref, application.filingDate ?? '2024-03-15');
    expect(a.ok && a.ruleSet.scheme).toBe(scheme);
  });

  it('gives the fields that are missing or wrong, as JSON pointers in French, for an incomplete application', () => {
    const { applicant: _missing, ...draft } = fixtures.fteApplication();
    const a = assess({ ...draft, household: { size: 0 } }, builtInRuleSets, ref, '2024-03-15');
    expect(a.ok).toBe(false);
    if (a.ok || a.reason !== 'invalid') throw new Error('expected invalid');
    const paths = a.errors.map((e) => e.path);
    expect(paths).toContain('/applicant');
    expect(paths.some((p) => p.startsWith('/household'))).toBe(true);
    for (const e of a.errors) expect(e.message).toMatch(/[a-zé]/);
  });

  it('says so in French when no rule set of the scheme is in force on the date', () => {
    expect(assess(fixtures.fteApplication(), builtInRuleSets, ref, '2016-12-31')).toEqual({
      ok: false,
      reason: 'no_rule_set',
      message: 'Aucun règlement FTE en vigueur au 2016-12-31.',
    });
    expect(assess(fixtures.fteApplication(), [], ref, '2024-03-15')).toMatchObject({ reason: 'no_rule_set' });
  });

  it('judges a filed application by the version it was filed under, even when a later one is in force', () => {
    const a = assess(fixtures.fteApplication(), builtInRuleSets, ref, '2024-03-15', {
      ruleSetVersion: '2017',
    });
    expect(a.ok && a.ruleSet).toBe(fte2017);
    expect(
      assess(fixtures.fteApplication(), builtInRuleSets, ref, '2024-03-15', { ruleSetVersion: '1999' }),
    ).toEqual({
      ok: false,
      reason: 'no_rule_set',
      message: 'Règlement FTE 1999 introuvable.',
    });
  });

  it('still assesses an ineligible application: its eligibility says why', () => {
    const rich = fixtures.fteApplication({
      household: { size: 2, taxIncomeEuros: 90_000, taxIncomeYear: 2023 },
    });
    const a = assess(rich, builtInRuleSets, ref, '2024-03-15');
    if (!a.ok) throw new Error(`expected an assessment, got ${a.reason}`);
    expect(a.eligibility.outcome).toBe('not_eligible');
    expect(a.eligibility.reasons.find((r) => r.rule === 'fte.income_category')?.outcome).toBe('not_eligible');
  });
});
