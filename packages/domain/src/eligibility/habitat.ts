import type { HabitatApplication } from '../applications/schemas.ts';
import { classesGained } from '../reference/dpe.ts';
import { type IncomeCategory, incomeCategoryLabels } from '../reference/income-category.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import { oneOfFr } from '../schemes/enums.ts';
import type { AnyHabitatRuleSet, HabitatRuleSet } from '../schemes/rule-set.ts';
import {
  ageOn,
  alignIncomeLine,
  communeRule,
  formatDate,
  incomeCategoryCheck,
  worksNotStartedRule,
} from './common.ts';
import { habitatLegacyReasons } from './habitat-legacy.ts';
import { fail, pass, type Reason, review } from './types.ts';

const categoriesText = (cats: readonly IncomeCategory[]) => oneOfFr(cats.map((c) => incomeCategoryLabels[c]));

export function habitatReasons(
  app: HabitatApplication,
  ruleSet: AnyHabitatRuleSet,
  reference: ReferenceData,
  filingDate: string,
): Reason[] {
  if (ruleSet.regime === 'habiter_mieux') return habitatLegacyReasons(app, ruleSet, reference, filingDate);
  return mprReasons(app, ruleSet, reference, filingDate);
}

/** MaPrimeRénov' Parcours accompagné (energy) and MaPrimeAdapt' (autonomy). */
function mprReasons(
  app: HabitatApplication,
  ruleSet: HabitatRuleSet,
  reference: ReferenceData,
  filingDate: string,
): Reason[] {
  const e = ruleSet.eligibility;
  const energy = app.workKind === 'energy';
  const reasons: Reason[] = [communeRule('habitat.commune', reference, app.address.communeInsee)];

  if (app.ownerStatus === 'landlord') {
    reasons.push(review('habitat.owner_status', e.landlord.message));
  } else if (app.ownerStatus === 'tenant') {
    reasons.push(
      energy
        ? fail(
            'habitat.owner_status',
            "Locataire : MaPrimeRénov' Parcours accompagné est réservé aux propriétaires. Pour adapter le logement à la perte d'autonomie, un locataire du parc privé peut demander MaPrimeAdapt'.",
          )
        : e.autonomy.privateTenantsEligible
          ? pass(
              'habitat.owner_status',
              "Locataire du parc privé : MaPrimeAdapt' vous est ouverte (informez votre bailleur des travaux).",
            )
          : fail(
              'habitat.owner_status',
              "Locataire : MaPrimeAdapt' n'est pas ouverte aux locataires dans ce règlement.",
            ),
    );
  }

  if (app.ownerStatus !== 'landlord') {
    if (!app.household) {
      reasons.push(review('habitat.income_category', 'Foyer et revenu fiscal de référence non renseignés.'));
    } else {
      const income = incomeCategoryCheck('habitat.income', filingDate, app.household, reference);
      reasons.push(...income.reasons);
      const cat = income.category;
      if (cat !== undefined) {
        const category = categoryReason(app, ruleSet, cat);
        reasons.push(category);
        alignIncomeLine(reasons, 'habitat.income', category);
      }
    }
  }

  if (energy) reasons.push(...dpeReasons(app, ruleSet));
  else reasons.push(autonomyReason(app, ruleSet, filingDate));

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

function categoryReason(app: HabitatApplication, ruleSet: HabitatRuleSet, cat: IncomeCategory): Reason {
  const rule = 'habitat.income_category';
  const label = incomeCategoryLabels[cat];
  if (app.workKind === 'autonomy') {
    const cats = ruleSet.eligibility.autonomy.incomeCategories;
    return cats.includes(cat)
      ? pass(rule, `Ménage aux revenus ${label} : MaPrimeAdapt' vous est ouverte.`)
      : fail(
          rule,
          `Revenus ${label} : MaPrimeAdapt' est réservée aux ménages aux revenus ${categoriesText(cats)}.`,
        );
  }
  const e = ruleSet.eligibility.energy;
  if (e.incomeCategories.includes(cat))
    return pass(rule, `Ménage aux revenus ${label} : MaPrimeRénov' Parcours accompagné vous est ouvert.`);
  if (e.incomeCategoriesOnOpening.includes(cat))
    return review(
      rule,
      `Ménage aux revenus ${label} : depuis le ${formatDate(ruleSet.effectiveFrom)}, le guichet national ne s'ouvre à cette catégorie qu'en fonction des dépôts ; l'instructeur vérifie qu'il l'était à la date de votre dépôt.`,
    );
  return fail(
    rule,
    `Revenus ${label} : depuis le ${formatDate(ruleSet.effectiveFrom)}, MaPrimeRénov' Parcours accompagné est réservé aux ménages aux revenus ${categoriesText([...e.incomeCategories, ...e.incomeCategoriesOnOpening])}.`,
    cat === 'intermediate' ? 'FTE' : undefined,
  );
}

function dpeReasons(app: HabitatApplication, ruleSet: HabitatRuleSet): Reason[] {
  const e = ruleSet.eligibility.energy;
  const rule = 'habitat.dpe';
  if (!app.dpe)
    return [
      review(
        rule,
        'Classes DPE avant et après travaux non renseignées : le diagnostic ou l’audit énergétique est attendu.',
      ),
    ];
  const { before, after, assessmentReference } = app.dpe;
  const reasons: Reason[] = [];
  reasons.push(
    e.dpeBeforeAllowed.includes(before)
      ? pass(
          `${rule}.before`,
          `Logement classé ${before} avant travaux (DPE ou audit n° ${assessmentReference}) : classes admises ${e.dpeBeforeAllowed.join(', ')}.`,
        )
      : fail(
          `${rule}.before`,
          `Logement classé ${before} avant travaux : le parcours accompagné est réservé aux logements classés ${oneOfFr(e.dpeBeforeAllowed)}.`,
        ),
  );
  const gained = classesGained(before, after);
  const min = e.minClassesGained.value;
  reasons.push(
    gained >= min
      ? pass(
          `${rule}.classes_gained`,
          `Gain de ${gained} classes au DPE (${before} → ${after}), au moins ${min}.`,
        )
      : fail(
          `${rule}.classes_gained`,
          `Gain de ${Math.max(gained, 0)} classe${Math.abs(gained) > 1 ? 's' : ''} au DPE (${before} → ${after}) : il en faut au moins ${min}.`,
        ),
  );
  return reasons;
}

function autonomyReason(app: HabitatApplication, ruleSet: HabitatRuleSet, filingDate: string): Reason {
  const e = ruleSet.eligibility.autonomy;
  const rule = 'habitat.autonomy';
  const a = app.autonomy;
  if (!a) return review(rule, "Situation d'autonomie non renseignée.");
  const age = ageOn(a.beneficiaryBirthDate, filingDate);
  const disability = a.disabilityRatePct ?? 0;
  if (age >= e.ageMin.value)
    return pass(rule, `Personne concernée âgée de ${age} ans (${e.ageMin.value} ans ou plus).`);
  if (age >= e.ageWithGirMin.value && a.girAssessment)
    return pass(
      rule,
      `Personne concernée âgée de ${age} ans avec une évaluation de la perte d'autonomie (GIR ${a.girAssessment.gir}).`,
    );
  if (disability >= e.disabilityRateMinPct.value)
    return pass(rule, `Taux d'incapacité de ${disability} % (au moins ${e.disabilityRateMinPct.value} %).`);
  if (e.pchQualifies && a.pch === true)
    return pass(rule, 'Personne bénéficiaire de la prestation de compensation du handicap (PCH).');
  return fail(
    rule,
    `Conditions d'autonomie non remplies : ${age} ans${age >= e.ageWithGirMin.value ? ' sans évaluation GIR' : ''}, taux d'incapacité ${disability} %${e.pchQualifies ? ', sans PCH' : ''} (il faut ${e.ageMin.value} ans, ou ${e.ageWithGirMin.value} ans avec une évaluation GIR, ou un taux d'incapacité d'au moins ${e.disabilityRateMinPct.value} %${e.pchQualifies ? ', ou bénéficier de la PCH' : ''}).`,
  );
}
