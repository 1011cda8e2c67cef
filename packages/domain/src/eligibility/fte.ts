import type { FteApplication } from '../applications/schemas.ts';
import { incomeCategoryLabels } from '../reference/income-category.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import { fteWorkTypeLabels } from '../schemes/enums.ts';
import type { FteRuleSet } from '../schemes/rule-set.ts';
import {
  alignIncomeLine,
  communeRule,
  formatDate,
  incomeCategoryCheck,
  worksNotStartedRule,
} from './common.ts';
import { fail, pass, type Reason, review } from './types.ts';

export function fteReasons(
  app: FteApplication,
  ruleSet: FteRuleSet,
  reference: ReferenceData,
  filingDate: string,
): Reason[] {
  const reasons: Reason[] = [communeRule('fte.commune', reference, app.address.communeInsee)];

  if (app.ownerStatus !== 'occupant') {
    reasons.push(
      review(
        'fte.owner_status',
        'Le FTE vise les ménages occupant leur logement : statut de bailleur à examiner.',
      ),
    );
  }

  const income = incomeCategoryCheck('fte.income', filingDate, app.household, reference);
  reasons.push(...income.reasons);
  const cat = income.category;
  if (cat !== undefined) {
    const rule = 'fte.income_category';
    if (ruleSet.eligibility.incomeCategories.includes(cat)) {
      reasons.push(pass(rule, `Le FTE est ouvert aux ménages aux revenus ${incomeCategoryLabels[cat]}.`));
    } else if (ruleSet.eligibility.redirectToHabitat.includes(cat)) {
      reasons.push(
        fail(
          rule,
          `Ménage aux revenus ${incomeCategoryLabels[cat]} : les aides de l'Anah (dispositif Habitat) sont plus favorables et servies en priorité. Nous vous orientons vers une demande Habitat.`,
          'HABITAT',
        ),
      );
    } else {
      reasons.push(
        fail(
          rule,
          `Le FTE est réservé aux ménages aux revenus intermédiaires ; revenus ${incomeCategoryLabels[cat]} au-delà des plafonds.`,
        ),
      );
    }
    const categoryReason = reasons.at(-1);
    if (categoryReason) alignIncomeLine(reasons, 'fte.income', categoryReason);
  }

  const notices = app.household.notices ?? [];
  reasons.push(
    notices.length === 0
      ? review(
          'fte.fiscal_notice',
          "Numéro fiscal et référence de l'avis d'impôt non renseignés : l'instructeur ne peut pas vérifier le revenu fiscal de référence.",
        )
      : pass(
          'fte.fiscal_notice',
          `Avis d'impôt identifié (${notices.length > 1 ? `${notices.length} déclarants` : 'numéro fiscal et référence de l’avis'}) : l'instructeur vérifie le revenu déclaré.`,
        ),
  );

  if (ruleSet.eligibility.adviceAppointmentRequired) {
    const rule = 'fte.advice_appointment';
    const appt = app.adviceAppointment;
    reasons.push(
      appt.date <= filingDate
        ? pass(
            rule,
            `Rendez-vous à l'Espace Conseil France Rénov' le ${formatDate(appt.date)} avec ${appt.adviser}, avant le dépôt.`,
          )
        : fail(
            rule,
            `Le rendez-vous à l'Espace Conseil France Rénov' (${formatDate(appt.date)}) doit précéder le dépôt du dossier (${formatDate(filingDate)}).`,
          ),
    );
  }

  reasons.push(
    worksNotStartedRule(
      'fte.works_not_started',
      filingDate,
      app.works.map((w) => w.startDate),
      { declared: app.worksNotStarted },
    ),
  );

  const rule = 'fte.work_types';
  const funded = app.works.filter((w) => ruleSet.amounts.works[w.type] !== undefined);
  const unfunded = app.works.filter((w) => ruleSet.amounts.works[w.type] === undefined);
  if (funded.length === 0) {
    reasons.push(
      fail(rule, `Aucun des travaux déclarés n'est financé par le règlement FTE ${ruleSet.version}.`),
    );
  } else if (unfunded.length > 0) {
    const names = [...new Set(unfunded.map((w) => fteWorkTypeLabels[w.type]))].join(', ');
    reasons.push(
      pass(rule, `Travaux non financés par le règlement ${ruleSet.version}, exclus du calcul : ${names}.`),
    );
  } else {
    reasons.push(
      pass(rule, `Tous les travaux déclarés sont financés par le règlement FTE ${ruleSet.version}.`),
    );
  }
  return reasons;
}
