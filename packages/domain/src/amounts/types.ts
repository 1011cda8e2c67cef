import { formatEuros, sumCents } from '../money/money.ts';
import { FUNDERS, type Funder, funderLabels, type Scheme } from '../schemes/enums.ts';

export interface AmountLine {
  label: string;
  funder: Funder;
  /** What the line is computed on (works, investment, jobs × amount…), cents. */
  baseCents: number;
  /** Aid of the line, cents; negative only for a capping line. */
  amountCents: number;
  /** French, shown to the applicant. */
  explanation: string;
  /** Absent: a grant. A repayable advance (TPE development) is repaid and counted apart. */
  nature?: 'repayable_advance';
}

export interface ComputedAmounts {
  scheme: Scheme;
  ruleSetVersion: string;
  lines: AmountLine[];
  totalsByFunder: Record<Funder, number>;
  totalCents: number;
  /** The most the rule set allows per funder for this application (adjustments stay below). */
  maxByFunder: Record<Funder, number>;
  explanation: string[];
  adjustment?: { motivation: string; fromByFunder: Record<Funder, number> };
  /** Set when the aid is a repayable advance: its repayment terms from the rule set. */
  repayableAdvance?: { deferralMonths: number; instalments: number; periodMonths: number };
}

export const zeroByFunder = (): Record<Funder, number> =>
  Object.fromEntries(FUNDERS.map((f) => [f, 0])) as Record<Funder, number>;

export function finalize(
  scheme: Scheme,
  ruleSetVersion: string,
  lines: AmountLine[],
  intro: string[],
): ComputedAmounts {
  const totalsByFunder = zeroByFunder();
  for (const l of lines) totalsByFunder[l.funder] += l.amountCents;
  const totalCents = sumCents(Object.values(totalsByFunder));
  const explanation = [
    ...intro,
    ...lines.map((l) => `${l.label} (${funderLabels[l.funder]}) : ${l.explanation}`),
    ...FUNDERS.filter((f) => totalsByFunder[f] > 0).map(
      (f) => `Total ${funderLabels[f]} : ${formatEuros(totalsByFunder[f])}.`,
    ),
    `Montant total de l'aide : ${formatEuros(totalCents)}.`,
  ];
  return {
    scheme,
    ruleSetVersion,
    lines,
    totalsByFunder,
    totalCents,
    maxByFunder: { ...totalsByFunder },
    explanation,
  };
}
