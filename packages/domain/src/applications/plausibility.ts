import { ageOn } from '../eligibility/common.ts';
import { formatDateFr } from '../money/dates.ts';
import type { Application } from './schemas.ts';
import type { FieldError } from './validate.ts';

/** Oldest plausible age of a living person, for birth dates. */
export const MAX_AGE_YEARS = 120;

/**
 * Cross-checks that need the filing date (the schemas alone cannot know « today »): birth dates
 * and assessment dates not after the filing, ages below 120, the income year not after the
 * filing year. Every scheme's fields that exist are checked; French messages, JSON pointers.
 */
export function plausibilityErrors(app: Application, filingDate: string): FieldError[] {
  const day = filingDate.slice(0, 10);
  const errors: FieldError[] = [];
  const birth = (path: string, date: string | undefined, who: string) => {
    if (!date) return;
    if (date > day) {
      errors.push({
        path,
        message: `La date de naissance ${who}(${formatDateFr(date)}) ne peut pas être postérieure à la date de dépôt (${formatDateFr(day)}).`,
      });
    } else if (ageOn(date, day) > MAX_AGE_YEARS) {
      errors.push({
        path,
        message: `Date de naissance improbable (plus de ${MAX_AGE_YEARS} ans) : vérifiez la saisie.`,
      });
    }
  };
  birth('/applicant/birthDate', app.applicant.birthDate, '');
  if ('household' in app && app.household) {
    const year = Number(day.slice(0, 4));
    if (app.household.taxIncomeYear > year) {
      errors.push({
        path: '/household/taxIncomeYear',
        message: `Année des revenus ${app.household.taxIncomeYear} postérieure à l’année du dépôt (${year}) : l’avis d’impôt porte sur une année passée.`,
      });
    }
  }
  if (app.scheme === 'HABITAT' && app.autonomy) {
    birth('/autonomy/beneficiaryBirthDate', app.autonomy.beneficiaryBirthDate, 'de la personne concernée ');
    const on = app.autonomy.girAssessment?.assessedOn;
    if (on && on > day) {
      errors.push({
        path: '/autonomy/girAssessment/assessedOn',
        message: `L’évaluation de la dépendance (${formatDateFr(on)}) ne peut pas être postérieure au dépôt.`,
      });
    }
  }
  return errors;
}
