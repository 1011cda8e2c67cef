import { describe, expect, it } from 'vitest';
import { unansweredFilingQuestions } from '../applications/filing-questions.ts';
import { ess2024 } from '../schemes/ess.ts';
import { tpe2026 } from '../schemes/tpe.ts';
import { essApplication, testReference, tpeApplication } from '../testing/fixtures.ts';
import { checkEligibility } from './check.ts';

/**
 * Issue 14: « Les travaux ne sont pas commencés avant le dépôt » is a question asked of the
 * applicant wherever the rule requires it, used by the eligibility, never « passed » unanswered.
 * Worked examples for the TPE (the form did not ask it: an unanswered file showed « Aucune date de
 * début de travaux antérieure au dépôt » as a passed condition).
 */
const ref = testReference();
const tpeReason = (over: Parameters<typeof tpeApplication>[0]) =>
  checkEligibility(tpeApplication({ filingDate: '2026-03-01', ...over }), tpe2026, ref).reasons.find(
    (r) => r.rule === 'tpe.works_not_started',
  );

describe('TPE: « les travaux ou investissements ont-ils commencé ? »', () => {
  it.each([
    ['answered « non »', { worksNotStarted: true }, 'eligible', 'ne sont pas commencés'],
    ['answered « oui »', { worksNotStarted: false }, 'not_eligible', 'ont commencé avant le dépôt'],
    ['not answered', { worksNotStarted: undefined }, 'to_review', 'sans réponse'],
    [
      'answered « non » but a start date before filing',
      { worksNotStarted: true, worksStartDate: '2026-02-10' },
      'not_eligible',
      'Travaux commencés le 10 février 2026, avant le dépôt du 1er mars 2026',
    ],
    ['a start date after filing', { worksNotStarted: true, worksStartDate: '2026-04-01' }, 'eligible', ''],
  ] as const)('%s → %s', (_label, over, outcome, words) => {
    const r = tpeReason(over);
    expect(r?.outcome).toBe(outcome);
    expect(r?.message).toContain(words);
  });

  it('unanswered, the condition is never shown as passed', () => {
    const r = tpeReason({ worksNotStarted: undefined });
    expect(r?.outcome).not.toBe('eligible');
    expect(r?.message).not.toContain('Aucune date de début');
  });
});

describe('filing needs the answer where the rule requires it', () => {
  it.each([
    ['TPE unanswered', 'TPE', { scheme: 'TPE' }, ['/worksNotStarted']],
    ['TPE answered « oui »', 'TPE', { worksNotStarted: false }, []],
    ['FTE unanswered', 'FTE', {}, ['/worksNotStarted']],
    ['Habitat answered', 'HABITAT', { worksNotStarted: true }, []],
    // ESS funds jobs and call-for-projects grants, not works: no such question.
    ['ESS', 'ESS', {}, []],
  ] as const)('%s → %j', (_label, scheme, app, paths) => {
    expect(unansweredFilingQuestions(scheme, app).map((q) => q.path)).toEqual(paths);
  });

  it('ESS has no works-not-started condition in its eligibility', () => {
    const reasons = checkEligibility(essApplication(), ess2024, ref).reasons;
    expect(reasons.some((r) => r.rule.includes('works'))).toBe(false);
  });
});
