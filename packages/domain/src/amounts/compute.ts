import type { Application } from '../applications/schemas.ts';
import { formatEuros } from '../money/money.ts';
import { anahCeilings } from '../reference/anah-ceilings.ts';
import { POPULATION_IN_WORDS } from '../reference/communes.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import { FUNDERS, type Funder, funderLabels } from '../schemes/enums.ts';
import type { RuleSet, RuleSetOf } from '../schemes/rule-set.ts';
import { essLines } from './ess.ts';
import { fteLines } from './fte.ts';
import { habitatLines } from './habitat.ts';
import { tpeLines } from './tpe.ts';
import { type AmountLine, type ComputedAmounts, finalize } from './types.ts';

export interface AmountOptions {
  /** Defaults to `application.filingDate` (used for the ceilings year and the de minimis window). */
  filingDate?: string;
}

/** The aid the rule set allows for an application, line by line, funders kept apart. */
export function computeAmounts(
  application: Application,
  ruleSet: RuleSet,
  reference?: Partial<ReferenceData>,
  options: AmountOptions = {},
): ComputedAmounts {
  if (application.scheme !== ruleSet.scheme) {
    throw new Error(`Règlement ${ruleSet.scheme} appliqué à une demande ${application.scheme}`);
  }
  const filingDate = (options.filingDate ?? application.filingDate)?.slice(0, 10);
  let lines: AmountLine[];
  switch (application.scheme) {
    case 'FTE':
      lines = fteLines(application, ruleSet as RuleSetOf<'FTE'>);
      break;
    case 'TPE':
      lines = tpeLines(application, ruleSet as RuleSetOf<'TPE'>, filingDate);
      break;
    case 'ESS':
      lines = essLines(application, ruleSet as RuleSetOf<'ESS'>, filingDate);
      break;
    case 'HABITAT':
      lines = habitatLines(
        application,
        ruleSet as RuleSetOf<'HABITAT'>,
        reference?.anahCeilings ?? anahCeilings,
        filingDate,
      );
      break;
  }
  const computed = finalize(application.scheme, ruleSet.version, lines, [
    `Calcul selon le règlement « ${ruleSet.label} » (version ${ruleSet.version}).`,
    // The TPE's rural test counts inhabitants: say where the figure comes from, in words.
    ...(application.scheme === 'TPE' ? [POPULATION_IN_WORDS] : []),
  ]);
  const advance = ruleSet.scheme === 'TPE' ? ruleSet.amounts.repayableAdvance : undefined;
  if (advance && lines.some((l) => l.nature === 'repayable_advance')) {
    computed.repayableAdvance = {
      deferralMonths: advance.deferralMonths.value,
      instalments: advance.instalments.value,
      periodMonths: advance.periodMonths.value,
    };
    computed.explanation.push(
      `Avance remboursable à taux zéro : premier remboursement ${advance.deferralMonths.value} mois après le versement, puis ${advance.instalments.value} échéances tous les ${advance.periodMonths.value} mois.`,
    );
  }
  return computed;
}

export interface Adjustment {
  /** New amount per funder; a funder left out keeps its computed amount. */
  amountsCents: Partial<Record<Funder, number>>;
  motivation: string;
}

export type AdjustmentResult = { ok: true; value: ComputedAmounts } | { ok: false; errors: string[] };

export const MIN_MOTIVATION_LENGTH = 10;

/**
 * An instructor's adjustment: needs a motivation and never exceeds, funder by funder, what the
 * rule set allows for the application (`maxByFunder` of the computation).
 */
export function applyAdjustment(
  computed: ComputedAmounts,
  adjustment: Adjustment,
  ruleSet: RuleSet,
): AdjustmentResult {
  const errors: string[] = [];
  if (computed.scheme !== ruleSet.scheme || computed.ruleSetVersion !== ruleSet.version) {
    errors.push(
      `Le calcul (règlement ${computed.scheme} ${computed.ruleSetVersion}) ne correspond pas au règlement ${ruleSet.scheme} ${ruleSet.version}.`,
    );
  }
  const motivation = adjustment.motivation?.trim() ?? '';
  if (motivation.length < MIN_MOTIVATION_LENGTH)
    errors.push('Un ajustement doit être motivé (au moins quelques mots).');
  const before = computed.adjustment?.fromByFunder ?? computed.totalsByFunder;
  const lines: AmountLine[] = computed.lines.filter((l) => !l.label.startsWith('Ajustement'));
  for (const funder of FUNDERS) {
    const wanted = adjustment.amountsCents[funder];
    if (wanted === undefined) continue;
    if (!Number.isSafeInteger(wanted) || wanted < 0) {
      errors.push(`${funderLabels[funder]} : montant en centimes entiers positifs attendu.`);
      continue;
    }
    const max = computed.maxByFunder[funder];
    if (wanted > max) {
      errors.push(
        `${funderLabels[funder]} : ${formatEuros(wanted)} dépasse le maximum permis par le règlement (${formatEuros(max)}).`,
      );
      continue;
    }
    const current = before[funder];
    if (wanted !== current) {
      lines.push({
        label: "Ajustement de l'instructeur",
        funder,
        baseCents: current,
        amountCents: wanted - current,
        explanation: `montant porté de ${formatEuros(current)} à ${formatEuros(wanted)} : ${motivation}`,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const result = finalize(
    computed.scheme,
    computed.ruleSetVersion,
    lines,
    computed.explanation.filter((x) => x.startsWith('Calcul selon') || x === POPULATION_IN_WORDS),
  );
  return {
    ok: true,
    value: {
      ...result,
      maxByFunder: computed.maxByFunder,
      adjustment: { motivation, fromByFunder: before },
      ...(computed.repayableAdvance ? { repayableAdvance: computed.repayableAdvance } : {}),
    },
  };
}
