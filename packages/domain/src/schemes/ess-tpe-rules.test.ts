import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeAmounts } from '../amounts/compute.ts';
import type { Job } from '../applications/common.ts';
import { type EssApplication, essApplicationSchema } from '../applications/schemas.ts';
import { assess } from '../assessment/assess.ts';
import { checkEligibility } from '../eligibility/check.ts';
import { essApplication, testReference, tpeApplication } from '../testing/fixtures.ts';
import { ESS_PAGE, ess2017, ess2024, essCall2022, essCall2024 } from './ess.ts';
import { defaultedFigures } from './figures.ts';
import { builtInRuleSets, ruleSetInForce } from './registry.ts';
import { ruleSetSchema } from './rule-set.ts';
import { tpe2024, tpe2026 } from './tpe.ts';

const ref = testReference();
const job = (contract: Job['contract'], workingTimePct = 100, extra: Partial<Job> = {}): Job => ({
  title: 'Poste',
  contract,
  workingTimePct,
  under26: false,
  disabled: false,
  resident: false,
  ...extra,
});
const reasonOf = (r: ReturnType<typeof checkEligibility>, rule: string) =>
  r.reasons.find((x) => x.rule === rule);

describe('rule sets ESS 2024, AAP and TPE 2026 are data with their sources', () => {
  it('validate against the schema and carry their sources', () => {
    for (const r of [ess2024, essCall2022, essCall2024, tpe2026])
      expect(ruleSetSchema.safeParse(r).success).toBe(true);
    expect(ess2024.amounts.perJobCents.source).toBe(ESS_PAGE);
    expect(ess2024.amounts.bonusResidence).toEqual({ area: 'agglomeration', source: ESS_PAGE });
    expect(essCall2022.amounts.maxGrantCents.source).toMatch(/5 000 à 10 000/);
    // TPE 2026: the advance terms were published nowhere we could read: marked as defaults.
    expect(defaultedFigures(tpe2026).map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'amounts.repayableAdvance.deferralMonths',
        'amounts.repayableAdvance.instalments',
        'amounts.repayableAdvance.periodMonths',
      ]),
    );
  });

  it('picks the set by date and by track (jobs aid or call for projects)', () => {
    expect(ruleSetInForce('ESS', '2023-12-31')?.version).toBe('2017');
    expect(ruleSetInForce('ESS', '2024-01-01')?.version).toBe('2024');
    expect(ruleSetInForce('ESS', '2021-06-01', builtInRuleSets, 'call_for_projects')).toBeUndefined();
    expect(ruleSetInForce('ESS', '2023-06-01', builtInRuleSets, 'call_for_projects')?.version).toBe(
      'AAP-2022',
    );
    expect(ruleSetInForce('ESS', '2026-06-01', builtInRuleSets, 'call_for_projects')?.version).toBe(
      'AAP-2024',
    );
    expect(ruleSetInForce('TPE', '2025-12-31')?.version).toBe('2024');
    expect(ruleSetInForce('TPE', '2026-01-01')?.version).toBe('2026');
  });
});

describe('ESS 2024: CDI jobs in full-time equivalents', () => {
  it.each([
    // label, jobs, jobs part (cents), bonus (cents)
    ['one full-time CDI', [job('cdi')], 500_000, 0],
    ['a half-time CDI earns 2,500 €', [job('cdi', 50)], 250_000, 0],
    ['80 % CDI + a CDD: the CDD is not counted', [job('cdi', 80), job('cdd')], 400_000, 0],
    [
      '4 full-time + 1 half-time: capped at 4 FTE',
      [...Array(4)].map(() => job('cdi')).concat(job('cdi', 50)),
      2_000_000,
      0,
    ],
    [
      'three bonus hires: 2 bonuses at most',
      [
        job('cdi', 100, { under26: true }),
        job('cdi', 100, { disabled: true }),
        job('cdi', 50, { resident: true }),
      ],
      1_250_000,
      200_000,
    ],
    ['a resident on a CDD earns no bonus', [job('cdi'), job('cdd', 100, { resident: true })], 500_000, 0],
  ] as const)('%s', (_l, jobs, jobsCents, bonusCents) => {
    const r = computeAmounts(essApplication({ filingDate: '2024-09-01', jobs: [...jobs] }), ess2024);
    expect(r.lines.map((l) => l.amountCents)).toEqual([jobsCents, bonusCents]);
    expect(r.totalCents).toBe(jobsCents + bonusCents);
  });

  it('a half-time CDI is eligible under 2024, only « to review » and unpaid under 2017 (old dossiers keep 2017)', () => {
    const app = essApplication({ jobs: [job('cdi', 50)] });
    const before = assess({ ...app }, builtInRuleSets, ref, '2023-06-01');
    const after = assess({ ...app }, builtInRuleSets, ref, '2024-06-01');
    expect(before.ok && after.ok).toBe(true);
    if (!before.ok || !after.ok) return;
    expect(before.ruleSet.version).toBe('2017');
    expect(before.amounts.totalCents).toBe(0);
    expect(reasonOf(before.eligibility, 'ess.jobs')?.outcome).toBe('to_review');
    expect(after.ruleSet.version).toBe('2024');
    expect(after.amounts.totalCents).toBe(250_000);
    expect(reasonOf(after.eligibility, 'ess.jobs')?.message).toMatch(/0,5 ETP en CDI/);
    // A dossier filed under 2017 and re-assessed later (the proposal) keeps 2017.
    const kept = assess({ ...app }, builtInRuleSets, ref, '2024-06-01', { ruleSetVersion: '2017' });
    expect(kept.ok && kept.amounts.totalCents).toBe(0);
  });

  it('no CDI at all: not eligible, nothing paid', () => {
    const app = essApplication({ filingDate: '2024-09-01', jobs: [job('cdd'), job('apprenticeship')] });
    expect(reasonOf(checkEligibility(app, ess2024, ref), 'ess.jobs')?.outcome).toBe('not_eligible');
    expect(computeAmounts(app, ess2024).totalCents).toBe(0);
  });

  it('de minimis as for TPE: 300,000 € over three rolling years, bonus reduced first, declaration asked', () => {
    const app = essApplication({
      filingDate: '2024-09-01',
      jobs: [job('cdi', 100, { under26: true })],
      deMinimisDeclared: false,
      deMinimisAids: [
        { grantor: 'Région', date: '2022-10-01', amountCents: 29_800_000 },
        { grantor: 'Ancienne aide', date: '2021-08-31', amountCents: 5_000_000 },
      ],
    });
    const r = computeAmounts(app, ess2024);
    // 298,000 € within the window (the 2021 aid is outside): 2,000 € left; 5,000 + 1,000 asked.
    expect(r.lines.map((l) => l.amountCents)).toEqual([200_000, 0]);
    const e = checkEligibility(app, ess2024, ref);
    expect(reasonOf(e, 'ess.de_minimis')?.outcome).toBe('eligible');
    expect(reasonOf(e, 'ess.de_minimis_declaration')?.outcome).toBe('to_review');
    const declared = checkEligibility({ ...app, deMinimisDeclared: true }, ess2024, ref);
    expect(reasonOf(declared, 'ess.de_minimis_declaration')).toBeUndefined();
    const over = checkEligibility(
      { ...app, deMinimisAids: [{ grantor: 'État', date: '2024-01-01', amountCents: 30_000_000 }] },
      ess2024,
      ref,
    );
    expect(reasonOf(over, 'ess.de_minimis')?.outcome).toBe('not_eligible');
    // 2017 has no de minimis check.
    expect(reasonOf(checkEligibility(app, ess2017, ref), 'ess.de_minimis')).toBeUndefined();
  });

  it('property: integer, 5,000 € × min(FTE, 4) + 1,000 € × min(bonus hires, 2), within 22,000 €', () => {
    const arbJob = fc.record({
      title: fc.constant('Poste'),
      contract: fc.constantFrom('cdi', 'cdd', 'apprenticeship', 'other'),
      workingTimePct: fc.integer({ min: 1, max: 100 }),
      under26: fc.boolean(),
      disabled: fc.boolean(),
      resident: fc.boolean(),
    }) as fc.Arbitrary<Job>;
    fc.assert(
      fc.property(fc.array(arbJob, { minLength: 1, maxLength: 12 }), (jobs) => {
        const r = computeAmounts(essApplication({ filingDate: '2024-09-01', jobs }), ess2024);
        const cdi = jobs.filter((j) => j.contract === 'cdi');
        const pct = cdi.reduce((s, j) => s + j.workingTimePct, 0);
        const bonus = cdi.filter((j) => j.under26 || j.disabled || j.resident).length;
        expect(Number.isInteger(r.totalCents)).toBe(true);
        expect(r.totalCents).toBe(5_000 * Math.min(pct, 400) + 100_000 * Math.min(bonus, 2));
        expect(r.totalCents).toBeLessThanOrEqual(2_200_000);
      }),
    );
  });
});

describe('ESS call for projects (appel à projets)', () => {
  const callApp = (requestedCents: number): EssApplication =>
    essApplication({
      filingDate: '2024-03-01',
      mode: 'call_for_projects',
      jobs: [],
      callForProjects: { projectTitle: 'Tiers-lieu culturel', requestedCents },
    });
  it.each([
    ['below 5,000 €: no grant, not eligible', 400_000, 0, 'not_eligible'],
    ['5,000 €', 500_000, 500_000, 'eligible'],
    ['7,500 €', 750_000, 750_000, 'eligible'],
    ['12,000 € capped at 10,000 €', 1_200_000, 1_000_000, 'eligible'],
  ] as const)('%s', (_l, asked, granted, outcome) => {
    const a = assess({ ...callApp(asked) }, builtInRuleSets, ref, '2024-03-01');
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.ruleSet.version).toBe('AAP-2024');
    expect(a.amounts.totalCents).toBe(granted);
    expect(reasonOf(a.eligibility, 'ess.call.amount')?.outcome).toBe(outcome);
    // The jury names the laureates: never eligible without the instructor.
    expect(a.eligibility.outcome).not.toBe('eligible');
  });

  it('the form needs the project in call mode and a job in jobs mode (French errors with paths)', () => {
    const base = essApplication();
    const noCall = essApplicationSchema.safeParse({
      ...base,
      mode: 'call_for_projects',
      jobs: [],
      callForProjects: undefined,
    });
    expect(noCall.success).toBe(false);
    expect(noCall.error?.issues.map((i) => [i.path.join('/'), i.message])).toEqual([
      ['callForProjects', 'Projet présenté à l’appel à projets : intitulé et bourse demandée obligatoires'],
    ]);
    const noJob = essApplicationSchema.safeParse({ ...base, jobs: [] });
    expect(noJob.error?.issues.map((i) => [i.path.join('/'), i.message])).toEqual([
      ['jobs', 'Au moins un emploi à créer'],
    ]);
  });

  it('property: the grant is 0 or between the bounds, never above the asked amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (asked) => {
        const t = computeAmounts(callApp(asked), essCall2024).totalCents;
        expect(t === 0 || (t >= 500_000 && t <= 1_000_000)).toBe(true);
        expect(t).toBeLessThanOrEqual(asked);
      }),
    );
  });
});

describe('TPE 2026: creation, takeover, development as a repayable advance; FTE without the founder', () => {
  it.each([
    // label, project, jobs, total (cents), repayable
    ['creation: grant', 'creation', [job('cdi')], 700_000, false],
    ['takeover: grant', 'takeover', [job('cdi')], 700_000, false],
    ['development: repayable advance', 'development', [job('cdi')], 700_000, true],
    ['the founder is not a job created', 'creation', [job('cdi', 100, { founder: true })], 600_000, false],
    ['a half-time CDI counts 0.5', 'creation', [job('cdi', 50), job('apprenticeship')], 650_000, false],
  ] as const)('%s', (_l, project, jobs, total, repayable) => {
    const app = tpeApplication({ filingDate: '2026-02-01', project, jobs: [...jobs] });
    const r = computeAmounts(app, tpe2026);
    expect(r.totalCents).toBe(total);
    expect(r.lines.every((l) => (l.nature === 'repayable_advance') === repayable)).toBe(true);
    expect(r.repayableAdvance !== undefined).toBe(repayable);
    const e = checkEligibility(app, tpe2026, ref);
    expect(reasonOf(e, 'tpe.project')?.outcome).toBe('eligible');
    expect(reasonOf(e, 'tpe.project')?.message).toMatch(repayable ? /avance remboursable/ : /subvention/);
  });

  it('a takeover is not a project of the 2024 set; development stays a grant there (old dossiers)', () => {
    const e = checkEligibility(tpeApplication({ project: 'takeover' }), tpe2024, ref);
    expect(reasonOf(e, 'tpe.project')?.outcome).toBe('not_eligible');
    const dev = computeAmounts(tpeApplication({ project: 'development' }), tpe2024);
    expect(dev.repayableAdvance).toBeUndefined();
    // Under 2024 the founder's line was counted like any CDI: kept as filed.
    expect(
      computeAmounts(tpeApplication({ jobs: [job('cdi', 100, { founder: true })] }), tpe2024).totalCents,
    ).toBe(700_000);
  });

  it('the advance terms travel with the computation and survive an adjustment', () => {
    const r = computeAmounts(tpeApplication({ filingDate: '2026-02-01', project: 'development' }), tpe2026);
    expect(r.repayableAdvance).toEqual({ deferralMonths: 12, instalments: 12, periodMonths: 3 });
    expect(r.explanation.join('\n')).toMatch(/Avance remboursable à taux zéro/);
  });

  it('property: TPE 2026 jobs part = 1,000 € × min(CDI FTE without founder, 5), integer', () => {
    const arbJob = fc.record({
      title: fc.constant('Poste'),
      contract: fc.constantFrom('cdi', 'cdd', 'apprenticeship'),
      workingTimePct: fc.integer({ min: 1, max: 100 }),
      under26: fc.constant(false),
      disabled: fc.constant(false),
      resident: fc.constant(false),
      founder: fc.boolean(),
    }) as fc.Arbitrary<Job>;
    fc.assert(
      fc.property(
        fc.array(arbJob, { maxLength: 10 }),
        fc.constantFrom('creation', 'takeover', 'development'),
        (jobs, project) => {
          const r = computeAmounts(tpeApplication({ filingDate: '2026-02-01', project, jobs }), tpe2026);
          const pct = jobs
            .filter((j) => j.contract === 'cdi' && !j.founder)
            .reduce((s, j) => s + j.workingTimePct, 0);
          const jobsPart = r.lines
            .filter((l) => l.label.endsWith('Emplois créés'))
            .reduce((s, l) => s + l.amountCents, 0);
          expect(jobsPart).toBe(1_000 * Math.min(pct, 500));
          expect(Number.isInteger(r.totalCents)).toBe(true);
        },
      ),
    );
  });
});
