import type { HabitatApplication } from '../applications/schemas.ts';
import { incomeCategoryLabels } from '../reference/income-category.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import type { HabitatLegacyRuleSet } from '../schemes/rule-set.ts';
import { ageOn, communeRule, incomeCategoryCheck, worksNotStartedRule } from './common.ts';
import { fail, pass, type Reason, review } from './types.ts';

/** The former Habiter Mieux rules, for dossiers filed under the set first shipped as `2024`. */
export function habitatLegacyReasons(
  app: HabitatApplication,
  ruleSet: HabitatLegacyRuleSet,
  reference: ReferenceData,
  filingDate: string,
): Reason[] {
  const e = ruleSet.eligibility;
  const reasons: Reason[] = [communeRule('habitat.commune', reference, app.address.communeInsee)];

  if (app.ownerStatus !== 'occupant') {
    reasons.push(
      review(
        'habitat.owner_status',
        "Propriétaire bailleur : aide de l'Anah avec conventionnement du logement, instruite au cas par cas.",
      ),
    );
  } else if (!app.household) {
    reasons.push(review('habitat.income_category', 'Foyer et revenu fiscal de référence non renseignés.'));
  } else {
    const income = incomeCategoryCheck('habitat.income', filingDate, app.household, reference);
    reasons.push(...income.reasons);
    const cat = income.category;
    if (cat !== undefined) {
      if (e.ownerOccupierCategories.includes(cat)) {
        reasons.push(
          pass(
            'habitat.income_category',
            `Propriétaire occupant aux revenus ${incomeCategoryLabels[cat]} : éligible aux aides de l'Anah.`,
          ),
        );
      } else if (cat === 'intermediate' && app.workKind === 'energy') {
        reasons.push(
          fail(
            'habitat.income_category',
            "Revenus intermédiaires : hors des plafonds Anah de ce dispositif ; le Fonds de Transition Énergétique de l'agglomération peut vous aider.",
            'FTE',
          ),
        );
      } else {
        reasons.push(
          fail(
            'habitat.income_category',
            `Revenus ${incomeCategoryLabels[cat]} : au-delà des plafonds Anah (très modestes et modestes).`,
          ),
        );
      }
    }
  }

  if (app.workKind === 'energy') {
    const min = e.energyGainMinPct.value;
    const gain = app.energyGainPct;
    reasons.push(
      gain === undefined
        ? review('habitat.energy_gain', 'Gain énergétique non renseigné (évaluation énergétique attendue).')
        : gain >= min
          ? pass('habitat.energy_gain', `Gain énergétique de ${gain} %, au moins ${min} %.`)
          : fail('habitat.energy_gain', `Gain énergétique de ${gain} %, inférieur aux ${min} % exigés.`),
    );
  } else {
    const a = app.autonomy;
    if (!a) {
      reasons.push(review('habitat.autonomy', "Situation d'autonomie non renseignée."));
    } else {
      const age = ageOn(a.beneficiaryBirthDate, filingDate);
      const disability = a.disabilityRatePct ?? 0;
      const rule = 'habitat.autonomy';
      if (age >= e.autonomyAgeMin.value) {
        reasons.push(pass(rule, `Bénéficiaire âgé de ${age} ans (${e.autonomyAgeMin.value} ans ou plus).`));
      } else if (age >= e.autonomyAgeWithGirMin.value && a.girAssessment) {
        reasons.push(
          pass(
            rule,
            `Bénéficiaire âgé de ${age} ans avec une évaluation de la perte d'autonomie (GIR ${a.girAssessment.gir}).`,
          ),
        );
      } else if (disability >= e.disabilityRateMinPct.value) {
        reasons.push(
          pass(rule, `Taux d'incapacité de ${disability} % (au moins ${e.disabilityRateMinPct.value} %).`),
        );
      } else {
        reasons.push(
          fail(
            rule,
            `Conditions d'autonomie non remplies : ${age} ans${age >= e.autonomyAgeWithGirMin.value ? ' sans évaluation GIR' : ''}, taux d'incapacité ${disability} % (il faut ${e.autonomyAgeMin.value} ans, ou ${e.autonomyAgeWithGirMin.value} ans avec une évaluation GIR, ou un taux d'au moins ${e.disabilityRateMinPct.value} %).`,
          ),
        );
      }
    }
  }
  reasons.push(
    worksNotStartedRule(
      'habitat.works_not_started',
      filingDate,
      app.works.map((w) => w.startDate),
      { declared: app.worksNotStarted },
    ),
  );
  return reasons;
}
