import { formatEuros } from '../money/money.ts';
import { deMinimisReceivedCents } from './tpe.ts';
import { fail, pass, type Reason, review } from './types.ts';

export interface DeMinimisRule {
  ceilingCents: number;
  windowYears: number;
  declarationRequired: boolean;
}

/** The EU de minimis check, as for TPE: aid received over the rolling window, and its declaration. */
export function deMinimisReasons(
  prefix: string,
  rule: DeMinimisRule,
  app: {
    deMinimisAids: readonly { date: string; amountCents: number }[];
    deMinimisDeclared?: boolean | undefined;
  },
  filingDate: string,
): Reason[] {
  const received = deMinimisReceivedCents(app.deMinimisAids, filingDate, rule.windowYears);
  const reasons: Reason[] = [
    received < rule.ceilingCents
      ? pass(
          `${prefix}.de_minimis`,
          `Aides de minimis reçues sur ${rule.windowYears} ans : ${formatEuros(received)}, sous le plafond de ${formatEuros(rule.ceilingCents)}.`,
        )
      : fail(
          `${prefix}.de_minimis`,
          `Aides de minimis reçues sur ${rule.windowYears} ans : ${formatEuros(received)}, plafond de ${formatEuros(rule.ceilingCents)} atteint.`,
        ),
  ];
  if (rule.declarationRequired && app.deMinimisDeclared !== true) {
    reasons.push(
      review(
        `${prefix}.de_minimis_declaration`,
        'Déclaration sur l’honneur des aides de minimis reçues sur trois ans non faite : à obtenir avant la décision.',
      ),
    );
  }
  return reasons;
}

/** What is left under the ceiling on the filing date, cents (never negative). */
export function deMinimisHeadroomCents(
  rule: Pick<DeMinimisRule, 'ceilingCents' | 'windowYears'>,
  aids: readonly { date: string; amountCents: number }[],
  filingDate: string,
): number {
  return Math.max(0, rule.ceilingCents - deMinimisReceivedCents(aids, filingDate, rule.windowYears));
}

/** Reduces amounts to fit the headroom, the last ones first; the result sums to at most `headroom`. */
export function fitToHeadroom(amounts: readonly number[], headroom: number): number[] {
  const out = [...amounts];
  let over = out.reduce((a, b) => a + b, 0) - headroom;
  for (let i = out.length - 1; i >= 0 && over > 0; i -= 1) {
    const cut = Math.min(over, out[i] ?? 0);
    out[i] = (out[i] ?? 0) - cut;
    over -= cut;
  }
  return out;
}
