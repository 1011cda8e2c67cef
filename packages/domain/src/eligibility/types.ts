import type { Scheme } from '../schemes/enums.ts';

export const OUTCOMES = ['eligible', 'not_eligible', 'to_review'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const outcomeLabels: Record<Outcome, string> = {
  eligible: 'Éligible',
  not_eligible: 'Non éligible',
  to_review: 'À examiner par l’instructeur',
};

export interface Reason {
  /** Stable rule identifier, e.g. `fte.income_category`. */
  rule: string;
  outcome: Outcome;
  /** French, shown to instructors and applicants. */
  message: string;
  /** Where the applicant should turn instead (modest households → Habitat). */
  redirectTo?: Scheme;
}

export interface EligibilityResult {
  outcome: Outcome;
  reasons: Reason[];
}

/** Any refusal refuses; otherwise anything to review makes the whole to review. */
export function combine(reasons: Reason[]): EligibilityResult {
  const outcome: Outcome = reasons.some((r) => r.outcome === 'not_eligible')
    ? 'not_eligible'
    : reasons.some((r) => r.outcome === 'to_review')
      ? 'to_review'
      : 'eligible';
  return { outcome, reasons };
}

export const pass = (rule: string, message: string): Reason => ({ rule, outcome: 'eligible', message });
export const fail = (rule: string, message: string, redirectTo?: Scheme): Reason =>
  redirectTo
    ? { rule, outcome: 'not_eligible', message, redirectTo }
    : { rule, outcome: 'not_eligible', message };
export const review = (rule: string, message: string): Reason => ({ rule, outcome: 'to_review', message });
