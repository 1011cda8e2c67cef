import { formatDateFr } from '../money/dates.ts';
import { formatEuros } from '../money/money.ts';
import type { AgglomerationCommune } from '../reference/communes.ts';
import { type IncomeCategory, incomeCategory, incomeCategoryLabels } from '../reference/income-category.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import { fail, pass, type Reason, review } from './types.ts';

export function findCommune(reference: ReferenceData, insee: string): AgglomerationCommune | undefined {
  return reference.communes.find((c) => c.insee === insee);
}

export function communeRule(rule: string, reference: ReferenceData, insee: string): Reason {
  const c = findCommune(reference, insee);
  return c
    ? pass(rule, `${c.name} (${c.insee}) est l'une des communes de l'agglomération.`)
    : fail(rule, `La commune ${insee} n'est pas membre de la Communauté d'agglomération de Béthune-Bruay.`);
}

/** Dates in reasons as everywhere else: « 1er février 2024 ». */
export const formatDate = (iso: string): string => formatDateFr(iso.slice(0, 10));

/**
 * « Les travaux ne sont pas commencés avant le dépôt »: a question the applicant answers
 * (`question.declared`: true = not started), checked against the start dates given. Unanswered,
 * the rule says so (to review), never « passed ». Every form whose rule requires it asks it (FTE,
 * Habitat, TPE: `FILING_QUESTIONS`); without `question`, the former check on dates alone.
 */
export function worksNotStartedRule(
  rule: string,
  filingDate: string,
  starts: readonly (string | undefined)[],
  question?: { declared: boolean | undefined },
): Reason {
  const declared = question ? question.declared : 'not_asked';
  const early = starts.filter((s): s is string => s !== undefined && s < filingDate).sort();
  if (early.length > 0)
    return fail(
      rule,
      `Travaux commencés le ${formatDate(early[0] ?? '')}, avant le dépôt du ${formatDate(filingDate)} : une aide ne peut financer des travaux déjà engagés.`,
    );
  if (declared === false)
    return fail(
      rule,
      'Vous avez indiqué que les travaux ont commencé avant le dépôt : une aide ne peut financer des travaux déjà engagés.',
    );
  if (declared === undefined)
    return review(
      rule,
      'Question « Les travaux ont-ils commencé ? » sans réponse : l’instructeur vérifiera que les travaux ne sont pas commencés avant le dépôt.',
    );
  return pass(
    rule,
    declared === true
      ? 'Vous déclarez que les travaux ne sont pas commencés avant le dépôt de la demande.'
      : 'Aucune date de début de travaux antérieure au dépôt de la demande.',
  );
}

export interface IncomeCheck {
  category?: IncomeCategory;
  reasons: Reason[];
}

/** ANAH category of a household, with the review reasons (ceilings year, income year). */
export function incomeCategoryCheck(
  rule: string,
  filingDate: string,
  household: { size: number; taxIncomeEuros: number; taxIncomeYear: number },
  reference: ReferenceData,
): IncomeCheck {
  const year = Number(filingDate.slice(0, 4));
  const r = incomeCategory(year, household.size, household.taxIncomeEuros, reference.anahCeilings);
  if (!r.ok) return { reasons: [review(rule, `Catégorie de revenus indéterminée : ${r.reason}.`)] };
  const reasons: Reason[] = [];
  if (!r.exactYear) {
    reasons.push(
      review(
        `${rule}.ceilings_year`,
        `Barème Anah ${year} non chargé : le barème ${r.ceilings.year} a été appliqué, à confirmer.`,
      ),
    );
  }
  if (household.taxIncomeYear < year - 2 || household.taxIncomeYear >= year) {
    reasons.push(
      review(
        `${rule}.income_year`,
        `Revenu fiscal de l'année ${household.taxIncomeYear} : l'avis attendu porte sur les revenus ${year - 1} (ou ${year - 2}).`,
      ),
    );
  }
  const c = r.ceilings;
  const ceilingText = `plafonds ${c.year} pour ${c.householdSize} personne${c.householdSize > 1 ? 's' : ''} : très modestes ≤ ${formatEuros(c.veryModestMax * 100)}, modestes ≤ ${formatEuros(c.modestMax * 100)}, intermédiaires ≤ ${formatEuros(c.intermediateMax * 100)}`;
  reasons.push(
    pass(
      `${rule}.ceilings`,
      `Revenu fiscal de référence ${formatEuros(household.taxIncomeEuros * 100)} : ménage aux revenus ${incomeCategoryLabels[r.category]} (${ceilingText}).`,
    ),
  );
  return { category: r.category, reasons };
}

/** Whole years of age on a date. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function subtractYears(isoDay: string, years: number): string {
  const y = Number(isoDay.slice(0, 4)) - years;
  return `${String(y).padStart(4, '0')}${isoDay.slice(4, 10)}`;
}

/**
 * The income line (« Revenu fiscal de référence … : ménage aux revenus … ») takes the outcome of
 * the category condition it feeds: shown as passed beside a refused category, it read as a
 * contradiction (issue 14: « the failing income line was shown in green »).
 */
export function alignIncomeLine(reasons: Reason[], incomeRule: string, category: Reason): void {
  for (const r of reasons) if (r.rule === `${incomeRule}.ceilings`) r.outcome = category.outcome;
}
