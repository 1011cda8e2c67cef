import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeAmounts } from '../amounts/compute.ts';
import { checkEligibility } from '../eligibility/check.ts';
import { fteApplication, testReference } from '../testing/fixtures.ts';
import { FTE_WORK_TYPES } from './enums.ts';
import { fig } from './figures.ts';
import { builtInRuleSets, ruleSetInForce } from './registry.ts';
import type { FteRuleSet, RuleSet } from './rule-set.ts';

const ref = testReference();

describe('publishing a new rule set', () => {
  it('property: a later rule set never changes the result for a dossier filed earlier', () => {
    const day = fc
      .integer({ min: Date.UTC(2017, 0, 1), max: Date.UTC(2030, 11, 31) })
      .map((t) => new Date(t).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        day,
        day,
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom(...FTE_WORK_TYPES),
        fc.integer({ min: 1, max: 500 }),
        (filingDate, publishedFrom, income, type, surface) => {
          fc.pre(publishedFrom > filingDate);
          const app = fteApplication({
            filingDate,
            adviceAppointment: { date: filingDate, adviser: 'A' },
            household: { size: 3, taxIncomeEuros: income, taxIncomeYear: Number(filingDate.slice(0, 4)) - 1 },
            works: [
              {
                type,
                surfaceM2: surface,
                amountHtCents: 1_000_000,
                amountTtcCents: 1_055_000,
                company: { name: 'X' },
              },
            ],
          });
          const before = ruleSetInForce('FTE', filingDate);
          if (!before) return;
          const generous: FteRuleSet = {
            ...(before as FteRuleSet),
            version: `${publishedFrom}-nouveau`,
            effectiveFrom: publishedFrom,
            amounts: {
              works: { [type]: { kind: 'flat', amountCents: fig(999_900, 'test') } },
              dossierCapCents: fig(9_999_900, 'test'),
            },
            eligibility: {
              ...before.eligibility,
              incomeCategories: ['very_modest', 'modest', 'intermediate', 'high'],
              redirectToHabitat: [],
            },
          };
          const sets: RuleSet[] = [...builtInRuleSets, generous];
          const after = ruleSetInForce('FTE', filingDate, sets);
          expect(after).toBe(before);
          if (!after) return;
          expect(checkEligibility(app, after, ref)).toEqual(checkEligibility(app, before, ref));
          expect(computeAmounts(app, after, ref)).toEqual(computeAmounts(app, before, ref));
          // and a dossier filed once it is in force does get the new set
          expect(ruleSetInForce('FTE', publishedFrom, sets)?.version).toBe(generous.version);
        },
      ),
      { numRuns: 200 },
    );
  });
});
