import type { HabitatApplication } from '../applications/schemas.ts';
import { applyRate, formatEuros, formatRate, sumCents } from '../money/money.ts';
import type { AnahCeilingRow } from '../reference/anah-ceilings.ts';
import { classesGained, dpeRank } from '../reference/dpe.ts';
import { type IncomeCategory, incomeCategory, incomeCategoryLabels } from '../reference/income-category.ts';
import { amoOfferLabels } from '../schemes/enums.ts';
import type { AnyHabitatRuleSet, Figure, HabitatRuleSet } from '../schemes/rule-set.ts';
import { habitatLegacyLines } from './habitat-legacy.ts';
import type { AmountLine } from './types.ts';

export function habitatLines(
  app: HabitatApplication,
  ruleSet: AnyHabitatRuleSet,
  ceilings: readonly AnahCeilingRow[],
  filingDate: string | undefined,
): AmountLine[] {
  if (ruleSet.regime === 'habiter_mieux') return habitatLegacyLines(app, ruleSet, ceilings, filingDate);
  const year = Number((filingDate ?? ruleSet.effectiveFrom).slice(0, 4));
  const r =
    app.ownerStatus !== 'landlord' && app.household
      ? incomeCategory(year, app.household.size, app.household.taxIncomeEuros, ceilings)
      : undefined;
  const category = r?.ok ? r.category : undefined;
  return app.workKind === 'energy'
    ? energyLines(app, ruleSet, category)
    : autonomyLines(app, ruleSet, category);
}

/** The value of the last step whose `fromClassesGained` is at most `gained` (steps in any order). */
export function stepFor(
  steps: readonly { fromClassesGained: number; value: Figure }[] | undefined,
  gained: number,
): Figure | undefined {
  let best: { fromClassesGained: number; value: Figure } | undefined;
  for (const s of steps ?? [])
    if (s.fromClassesGained <= gained && (!best || s.fromClassesGained > best.fromClassesGained)) best = s;
  return best?.value;
}

/** Why no ANAH amount is computed, or undefined when one is. */
function noAnahReason(app: HabitatApplication, category: IncomeCategory | undefined): string | undefined {
  if (app.ownerStatus === 'landlord')
    return "propriétaire bailleur : montant de l'Anah fixé par l'instructeur (conventionnement), pas de calcul automatique.";
  if (app.ownerStatus === 'tenant' && app.workKind === 'energy')
    return "locataire : MaPrimeRénov' Parcours accompagné est réservé aux propriétaires.";
  if (category === undefined) return 'catégorie de revenus indéterminée : pas de montant Anah calculé.';
  return undefined;
}

function energyLines(
  app: HabitatApplication,
  ruleSet: HabitatRuleSet,
  category: IncomeCategory | undefined,
): AmountLine[] {
  const p = ruleSet.amounts.energy;
  const e = ruleSet.eligibility.energy;
  const works = sumCents(app.works.map((w) => w.amountHtCents));
  const worksTtc = sumCents(app.works.map((w) => w.amountTtcCents));
  const gained = app.dpe ? classesGained(app.dpe.before, app.dpe.after) : 0;
  const cap = stepFor(p.worksCapHtCents, gained)?.value ?? 0;
  const base = Math.min(works, cap);
  const lines: AmountLine[] = [];

  let anah = 0;
  let text = noAnahReason(app, category);
  if (text === undefined && category !== undefined) {
    const open = [...e.incomeCategories, ...e.incomeCategoriesOnOpening].includes(category);
    const rate = stepFor(p.anahRateBp[category], gained)?.value ?? 0;
    if (!app.dpe) text = 'classes DPE non renseignées : pas de montant Anah calculé.';
    else if (!open)
      text = `revenus ${incomeCategoryLabels[category]} : catégorie non ouverte par ce règlement.`;
    else if (!e.dpeBeforeAllowed.includes(app.dpe.before) || gained < e.minClassesGained.value || rate === 0)
      text = `DPE ${app.dpe.before} → ${app.dpe.after} : conditions du parcours accompagné non remplies, pas d'aide.`;
    else {
      const b = p.passoireBonus;
      const bonus =
        b?.fromClasses.includes(app.dpe.before) && dpeRank(app.dpe.after) <= dpeRank(b.toAtWorst)
          ? b.rateBp.value
          : 0;
      anah = applyRate(base, rate + bonus);
      text = `ménage aux revenus ${incomeCategoryLabels[category]}, gain de ${gained} classes (${app.dpe.before} → ${app.dpe.after}) : ${formatRate(rate)}${bonus ? ` + ${formatRate(bonus)} (sortie de passoire)` : ''} de ${formatEuros(base)} HT retenus${base < works ? ` sur ${formatEuros(works)} (plafond ${formatEuros(cap)} HT pour ${gained} classes)` : ''} = ${formatEuros(anah)}.`;
    }
  }
  lines.push({
    label: "MaPrimeRénov' Parcours accompagné (Anah)",
    funder: 'anah',
    baseCents: base,
    amountCents: anah,
    explanation: text ?? '',
  });

  let agg = 0;
  let aggText: string;
  const above = ruleSet.eligibility.topUpEnergyGainAbovePct.value;
  if (anah === 0) aggText = "pas d'abondement sans aide de l'Anah.";
  else if (app.energyGainPct === undefined)
    aggText = `gain énergétique de l'audit non renseigné : l'abondement demande un gain supérieur à ${above} %.`;
  else if (app.energyGainPct <= above)
    aggText = `gain énergétique de ${app.energyGainPct} %, non supérieur à ${above} % : pas d'abondement.`;
  else {
    const raw = applyRate(base, p.agglomerationRateBp.value);
    agg = Math.min(raw, p.agglomerationCapCents.value);
    aggText = `gain énergétique de ${app.energyGainPct} % (plus de ${above} %) : ${formatRate(p.agglomerationRateBp.value)} de ${formatEuros(base)} HT = ${formatEuros(raw)}, plafonné à ${formatEuros(p.agglomerationCapCents.value)} : ${formatEuros(agg)}.`;
  }
  lines.push({
    label: "Abondement de l'agglomération",
    funder: 'agglomeration',
    baseCents: base,
    amountCents: agg,
    explanation: aggText,
  });

  // Écrêtement: all public aid within a share of the TTC works; MaPrimeRénov' is reduced first.
  const maxBp = category !== undefined ? p.publicAidTtcMaxBp[category]?.value : undefined;
  if (maxBp !== undefined && anah > 0) {
    const max = applyRate(worksTtc, maxBp);
    const over = anah + agg - max;
    if (over > 0) {
      const cut = Math.min(over, anah);
      lines.push({
        label: 'Écrêtement des aides publiques',
        funder: 'anah',
        baseCents: anah + agg,
        amountCents: -cut,
        explanation: `aides publiques limitées à ${formatRate(maxBp)} des travaux TTC (${formatEuros(worksTtc)}), soit ${formatEuros(max)} : MaPrimeRénov' réduite de ${formatEuros(cut)}.`,
      });
    }
  }
  return lines;
}

function autonomyLines(
  app: HabitatApplication,
  ruleSet: HabitatRuleSet,
  category: IncomeCategory | undefined,
): AmountLine[] {
  const p = ruleSet.amounts.autonomy;
  const works = sumCents(app.works.map((w) => w.amountHtCents));
  const base = Math.min(works, p.worksCapHtCents.value);
  const lines: AmountLine[] = [];
  let anah = 0;
  let text = noAnahReason(app, category);
  const rate = category !== undefined ? p.anahRateBp[category]?.value : undefined;
  if (text === undefined && category !== undefined) {
    if (rate === undefined) text = `revenus ${incomeCategoryLabels[category]} : pas d'aide MaPrimeAdapt'.`;
    else {
      anah = applyRate(base, rate);
      text = `ménage aux revenus ${incomeCategoryLabels[category]} : ${formatRate(rate)} de ${formatEuros(base)} HT retenus${base < works ? ` sur ${formatEuros(works)} (plafond ${formatEuros(p.worksCapHtCents.value)} HT)` : ''} = ${formatEuros(anah)}.`;
    }
  }
  lines.push({
    label: "MaPrimeAdapt' (Anah)",
    funder: 'anah',
    baseCents: base,
    amountCents: anah,
    explanation: text ?? '',
  });
  const offer = app.autonomy?.amoOffer;
  if (offer && anah > 0) {
    const lump = p.amoLumpSumCents[offer].value;
    lines.push({
      label: "Accompagnement MaPrimeAdapt' (AMO)",
      funder: 'anah',
      baseCents: 0,
      amountCents: lump,
      explanation: `forfait d'assistance à maîtrise d'ouvrage, offre « ${amoOfferLabels[offer]} » : ${formatEuros(lump)}, compris dans l'aide.`,
    });
  }
  let agg = 0;
  let aggText: string;
  if (anah === 0) aggText = "pas d'abondement sans aide de l'Anah.";
  else {
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

/** The advance rate for a Habitat application under its set: by work kind and income category. */
export function habitatAdvanceBp(
  app: HabitatApplication,
  ruleSet: AnyHabitatRuleSet,
  ceilings: readonly AnahCeilingRow[],
  filingDate: string | undefined,
): { rateBp: number; source: string } {
  if (ruleSet.regime === 'habiter_mieux')
    return { rateBp: ruleSet.payment.advanceMaxBp.value, source: ruleSet.payment.advanceMaxBp.source };
  if (app.ownerStatus === 'landlord')
    return { rateBp: ruleSet.payment.advanceMaxBp.value, source: ruleSet.payment.advanceMaxBp.source };
  const adv = ruleSet.amounts[app.workKind].advance;
  const year = Number((filingDate ?? ruleSet.effectiveFrom).slice(0, 4));
  const r = app.household
    ? incomeCategory(year, app.household.size, app.household.taxIncomeEuros, ceilings)
    : undefined;
  const ok = r?.ok && adv.categories.includes(r.category);
  return { rateBp: ok ? adv.rateBp.value : 0, source: adv.rateBp.source };
}
