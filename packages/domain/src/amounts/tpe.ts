import type { TpeApplication } from '../applications/schemas.ts';
import { deMinimisReceivedCents } from '../eligibility/tpe.ts';
import { applyRate, formatEuros, formatRate, sumCents } from '../money/money.ts';
import { funderLabels } from '../schemes/enums.ts';
import type { TpeRuleSet } from '../schemes/rule-set.ts';
import type { AmountLine } from './types.ts';

export function tpeLines(
  app: TpeApplication,
  ruleSet: TpeRuleSet,
  filingDate: string | undefined,
): AmountLine[] {
  const a = ruleSet.amounts;
  const invest = sumCents(app.investments.map((i) => i.amountHtCents));
  const eligible = Math.min(invest, a.maxEligibleInvestmentCents.value);
  let investAid = 0;
  let investText: string;
  if (invest < a.minInvestmentCents.value) {
    investText = `investissement de ${formatEuros(invest)} HT sous le minimum de ${formatEuros(a.minInvestmentCents.value)} HT : pas d'aide.`;
  } else {
    const raw = applyRate(eligible, a.rateBp.value);
    investAid = Math.min(raw, a.investmentAidCapCents.value);
    investText = `${formatRate(a.rateBp.value)} de ${formatEuros(eligible)} HT retenus${eligible < invest ? ` (sur ${formatEuros(invest)}, dépense retenue plafonnée à ${formatEuros(a.maxEligibleInvestmentCents.value)})` : ''} = ${formatEuros(raw)}, plafonné à ${formatEuros(a.investmentAidCapCents.value)} : ${formatEuros(investAid)}`;
  }
  const permanent = app.jobs.filter((j) => j.contract === 'cdi').length;
  const counted = Math.min(permanent, a.maxJobs.value);
  let jobsAid = counted * a.perPermanentJobCents.value;
  let jobsText = `${counted} emploi(s) en CDI retenu(s)${permanent > counted ? ` sur ${permanent} (maximum ${a.maxJobs.value})` : ''} × ${formatEuros(a.perPermanentJobCents.value)} : ${formatEuros(jobsAid)}`;

  // De minimis headroom over the rolling window: the jobs part is reduced first, then investment.
  if (filingDate) {
    const e = ruleSet.eligibility;
    const headroom = Math.max(
      0,
      e.deMinimisCeilingCents.value -
        deMinimisReceivedCents(app.deMinimisAids, filingDate, e.deMinimisWindowYears.value),
    );
    if (investAid + jobsAid > headroom) {
      const over = investAid + jobsAid - headroom;
      const fromJobs = Math.min(over, jobsAid);
      jobsAid -= fromJobs;
      investAid -= over - fromJobs;
      const note = `, réduit à la marge de minimis restante (${formatEuros(headroom)})`;
      jobsText += note;
      investText += note;
    }
  }

  const aggShare = a.funderSharesBp.agglomeration.value;
  const split = (label: string, base: number, total: number, text: string): AmountLine[] => {
    const agg = applyRate(total, aggShare);
    const region = total - agg;
    return [
      {
        label,
        funder: 'agglomeration',
        baseCents: base,
        amountCents: agg,
        explanation: `${text} ; part ${funderLabels.agglomeration} ${formatRate(aggShare)} : ${formatEuros(agg)}.`,
      },
      {
        label,
        funder: 'region',
        baseCents: base,
        amountCents: region,
        explanation: `${text} ; part ${funderLabels.region} : ${formatEuros(region)}.`,
      },
    ];
  };
  return [
    ...split("Aide à l'investissement", invest, investAid, investText),
    ...split('Emplois créés', counted * a.perPermanentJobCents.value, jobsAid, jobsText),
  ];
}
