import type { Scheme } from '../schemes/enums.ts';

/**
 * Questions the applicant must answer to file (issue 14): « Les travaux ont-ils déjà commencé ? »
 * wherever the scheme's rule requires that works or investments are not started before filing —
 * FTE, Habitat and TPE. ESS funds jobs created and call-for-projects grants, not works: it has no
 * such condition, so the question is not asked. The application schemas keep these fields
 * optional, so dossiers filed before a question existed stay valid; filing a new one needs them.
 */
export const FILING_QUESTIONS: Readonly<Record<Scheme, readonly { path: string; message: string }[]>> = {
  FTE: [
    { path: 'worksNotStarted', message: 'Répondez à la question « Les travaux ont-ils déjà commencé ? »' },
  ],
  HABITAT: [
    { path: 'worksNotStarted', message: 'Répondez à la question « Les travaux ont-ils déjà commencé ? »' },
  ],
  TPE: [
    {
      path: 'worksNotStarted',
      message: 'Répondez à la question « Les travaux ou les investissements ont-ils déjà commencé ? »',
    },
  ],
  ESS: [],
};

/** The filing questions left unanswered, as JSON pointers into the application with a French message. */
export function unansweredFilingQuestions(
  scheme: Scheme,
  application: Record<string, unknown>,
): { path: string; message: string }[] {
  return (FILING_QUESTIONS[scheme] ?? [])
    .filter((q) => typeof application[q.path] !== 'boolean')
    .map((q) => ({ path: `/${q.path}`, message: q.message }));
}
