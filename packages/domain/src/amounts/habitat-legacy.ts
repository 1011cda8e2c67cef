import type { HabitatApplication } from '../applications/schemas.ts';
import { applyRate, formatEuros, formatRate, sumCents } from '../money/money.ts';
import type { AnahCeilingRow } from '../reference/anah-ceilings.ts';
import { incomeCategory, incomeCategoryLabels } from '../reference/income-category.ts';
import type { HabitatLegacyRuleSet } from '../schemes/rule-set.ts';
import type { AmountLine } from './types.ts';

/** The former Habiter Mieux amounts, for dossiers filed under the set first shipped as `2024`. */
export function habitatLegacyLines(
  app: HabitatApplication,
  ruleSet: HabitatLegacyRuleSet,
  ceilings: readonly AnahCeilingRow[],
  filingDate: string | undefined,
): AmountLine[] {
  const p = ruleSet.amounts[app.workKind];
  const works = sumCents(app.works.map((w) => w.amountHtCents));
  const base = Math.min(works, p.worksCapHtCents.value);
  const baseText = `${formatEuros(base)} HT retenus${base < works ? ` sur ${formatEuros(works)} (plafond ${formatEuros(p.worksCapHtCents.value)} HT)` : ''}`;
  const lines: AmountLine[] = [];

  let anah = 0;
  let anahText: string;
  const year = Number((filingDate ?? ruleSet.effectiveFrom).slice(0, 4));
  const cat =
    app.ownerStatus === 'occupant' && app.household
      ? incomeCategory(year, app.household.size, app.household.taxIncomeEuros, ceilings)
      : undefined;
  if (app.ownerStatus !== 'occupant') {
    anahText = "propriétaire bailleur : montant Anah fixé par l'instructeur selon le conventionnement.";
  } else if (!cat?.ok) {
    anahText = 'catégorie de revenus indéterminée : pas de montant Anah calculé.';
  } else if (cat.category === 'very_modest' || cat.category === 'modest') {
    const rate = p.anahRateBp[cat.category].value;
    anah = applyRate(base, rate);
    anahText = `ménage aux revenus ${incomeCategoryLabels[cat.category]} : ${formatRate(rate)} de ${baseText} = ${formatEuros(anah)}.`;
  } else {
    anahText = `revenus ${incomeCategoryLabels[cat.category]} : pas d'aide de l'Anah.`;
  }
  lines.push({
    label:
      app.workKind === 'energy'
        ? 'Aide Anah — rénovation énergétique'
        : "Aide Anah — adaptation à la perte d'autonomie",
    funder: 'anah',
    baseCents: base,
    amountCents: anah,
    explanation: anahText,
  });

  let agg = 0;
  let aggText: string;
  const gainMin = ruleSet.eligibility.energyGainMinPct.value;
  if (app.ownerStatus !== 'occupant') {
    aggText = "propriétaire bailleur : abondement fixé par l'instructeur, hors calcul automatique.";
  } else if (anah === 0) {
    aggText = "pas d'abondement sans aide de l'Anah.";
  } else if (app.workKind === 'energy' && (app.energyGainPct ?? 0) <= gainMin) {
    // The report: a gain « supérieur à 35 % », strictly (issue 14).
    aggText = `gain énergétique de ${app.energyGainPct ?? 0} %, non supérieur aux ${gainMin} % exigés : pas d'abondement.`;
  } else {
    const raw = applyRate(base, p.agglomerationRateBp.value);
    agg = Math.min(raw, p.agglomerationCapCents.value);
    aggText = `${formatRate(p.agglomerationRateBp.value)} de ${formatEuros(base)} HT = ${formatEuros(raw)}, plafonné à ${formatEuros(p.agglomerationCapCents.value)} : ${formatEuros(agg)}.`;
  }
  lines.push({
    label: "Abondement de l'agglomération",
    funder: 'agglomeration',
    baseCents: base,
    amountCents: agg,
    explanation: aggText,
  });
  return lines;
}
