import type { TpeApplication } from '../applications/schemas.ts';
import { formatFte, fteAmountCents, tallyJobs } from '../eligibility/jobs.ts';
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
  let jobsBase: number;
  let jobsAid: number;
  let jobsText: string;
  if (a.jobCounting === 'cdi_fte') {
    // CDI in full-time equivalents, the founder not counted (TPE 2026).
    const t = tallyJobs(app.jobs);
    const r = fteAmountCents(t.cdiFteHundredths, a.perPermanentJobCents.value, a.maxJobs.value);
    jobsBase = r.amountCents;
    jobsAid = r.amountCents;
    const apart = [
      t.otherLines > 0 ? `${t.otherLines} autre(s) contrat(s) non compté(s)` : '',
      t.founderLines > 0 ? 'créateur non compté' : '',
    ].filter(Boolean);
    jobsText = `${formatFte(r.countedHundredths)} en CDI retenu(s)${t.cdiFteHundredths > r.countedHundredths ? ` sur ${formatFte(t.cdiFteHundredths)} (maximum ${a.maxJobs.value} ETP)` : ''}${apart.length ? ` (${apart.join(', ')})` : ''} × ${formatEuros(a.perPermanentJobCents.value)} : ${formatEuros(jobsAid)}`;
  } else {
    const permanent = app.jobs.filter((j) => j.contract === 'cdi').length;
    const counted = Math.min(permanent, a.maxJobs.value);
    jobsBase = counted * a.perPermanentJobCents.value;
    jobsAid = jobsBase;
    jobsText = `${counted} emploi(s) en CDI retenu(s)${permanent > counted ? ` sur ${permanent} (maximum ${a.maxJobs.value})` : ''} × ${formatEuros(a.perPermanentJobCents.value)} : ${formatEuros(jobsAid)}`;
  }

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
  // A developing business gets a repayable advance, not a grant (TPE 2026): lines say so.
  const advance = a.repayableAdvance?.projects.includes(app.project) === true;
  const prefix = advance ? 'Avance remboursable — ' : '';
  const nature = advance ? ({ nature: 'repayable_advance' } as const) : {};
  const split = (label: string, base: number, total: number, text: string): AmountLine[] => {
    const agg = applyRate(total, aggShare);
    const region = total - agg;
    return [
      {
        label: `${prefix}${label}`,
        funder: 'agglomeration',
        baseCents: base,
        amountCents: agg,
        explanation: `${text} ; part ${funderLabels.agglomeration} ${formatRate(aggShare)} : ${formatEuros(agg)}.`,
        ...nature,
      },
      {
        label: `${prefix}${label}`,
        funder: 'region',
        baseCents: base,
        amountCents: region,
        explanation: `${text} ; part ${funderLabels.region} : ${formatEuros(region)}.`,
        ...nature,
      },
    ];
  };
  return [
    ...split("Aide à l'investissement", invest, investAid, investText),
    ...split('Emplois créés', jobsBase, jobsAid, jobsText),
  ];
}
