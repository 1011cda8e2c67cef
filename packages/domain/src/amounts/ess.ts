import type { EssApplication } from '../applications/schemas.ts';
import { isFullTimePermanent } from '../eligibility/ess.ts';
import { formatEuros } from '../money/money.ts';
import type { EssRuleSet } from '../schemes/rule-set.ts';
import type { AmountLine } from './types.ts';

export function essLines(app: EssApplication, ruleSet: EssRuleSet): AmountLine[] {
  const a = ruleSet.amounts;
  const full = app.jobs.filter(isFullTimePermanent);
  const counted = Math.min(full.length, a.maxJobs.value);
  const bonusEligible = full.filter((j) => j.under26 || j.disabled || j.resident).length;
  const bonusCounted = Math.min(bonusEligible, a.maxBonusJobs.value, counted);
  const jobs = counted * a.perJobCents.value;
  const bonus = bonusCounted * a.bonusPerJobCents.value;
  return [
    {
      label: 'Emplois en CDI à temps plein créés',
      funder: 'agglomeration',
      baseCents: jobs,
      amountCents: jobs,
      explanation: `${counted} emploi(s)${full.length > counted ? ` retenus sur ${full.length} (maximum ${a.maxJobs.value})` : ''} × ${formatEuros(a.perJobCents.value)} = ${formatEuros(jobs)}.`,
    },
    {
      label: 'Bonification (moins de 26 ans, handicap ou résident)',
      funder: 'agglomeration',
      baseCents: bonus,
      amountCents: bonus,
      explanation: `${bonusCounted} embauche(s)${bonusEligible > bonusCounted ? ` retenues sur ${bonusEligible} (maximum ${a.maxBonusJobs.value})` : ''} × ${formatEuros(a.bonusPerJobCents.value)} = ${formatEuros(bonus)}.`,
    },
  ];
}
