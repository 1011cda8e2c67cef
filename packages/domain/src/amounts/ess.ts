import type { EssApplication } from '../applications/schemas.ts';
import { deMinimisHeadroomCents, fitToHeadroom } from '../eligibility/de-minimis.ts';
import { isFullTimePermanent } from '../eligibility/ess.ts';
import { formatFte, fteAmountCents, isCountedCdi, tallyJobs } from '../eligibility/jobs.ts';
import { formatEuros } from '../money/money.ts';
import type { EssCallRuleSet, EssJobsRuleSet, EssRuleSet } from '../schemes/rule-set.ts';
import type { AmountLine } from './types.ts';

export function essLines(app: EssApplication, ruleSet: EssRuleSet, filingDate?: string): AmountLine[] {
  const lines = ruleSet.mode === 'call_for_projects' ? callLines(app, ruleSet) : jobsLines(app, ruleSet);
  const dm = ruleSet.eligibility.deMinimis;
  if (!dm || !filingDate) return lines;
  // De minimis headroom over the rolling window: the bonus is reduced first, then the jobs part.
  const headroom = deMinimisHeadroomCents(
    { ceilingCents: dm.ceilingCents.value, windowYears: dm.windowYears.value },
    app.deMinimisAids,
    filingDate,
  );
  const fitted = fitToHeadroom(
    lines.map((l) => l.amountCents),
    headroom,
  );
  return lines.map((l, i) =>
    fitted[i] === l.amountCents
      ? l
      : {
          ...l,
          amountCents: fitted[i] ?? 0,
          explanation: `${l.explanation} Réduit à ${formatEuros(fitted[i] ?? 0)} : marge de minimis restante ${formatEuros(headroom)}.`,
        },
  );
}

function jobsLines(app: EssApplication, ruleSet: EssJobsRuleSet): AmountLine[] {
  const a = ruleSet.amounts;
  if ((a.jobCounting ?? 'full_time_headcount') === 'full_time_headcount') return legacyLines(app, ruleSet);
  const t = tallyJobs(app.jobs);
  const r = fteAmountCents(t.cdiFteHundredths, a.perJobCents.value, a.maxJobs.value);
  const bonusEligible = app.jobs.filter(
    (j) => isCountedCdi(j) && (j.under26 || j.disabled || j.resident),
  ).length;
  const bonusCounted = Math.min(bonusEligible, a.maxBonusJobs.value);
  const bonus = bonusCounted * a.bonusPerJobCents.value;
  const apart = t.otherLines > 0 ? ` ; ${t.otherLines} emploi(s) sur un autre contrat non compté(s)` : '';
  return [
    {
      label: 'Emplois en CDI créés (équivalent temps plein)',
      funder: 'agglomeration',
      baseCents: r.amountCents,
      amountCents: r.amountCents,
      explanation: `${formatFte(r.countedHundredths)}${t.cdiFteHundredths > r.countedHundredths ? ` retenus sur ${formatFte(t.cdiFteHundredths)} (maximum ${a.maxJobs.value} ETP)` : ''} × ${formatEuros(a.perJobCents.value)} = ${formatEuros(r.amountCents)}${apart}.`,
    },
    {
      label:
        a.bonusResidence?.area === 'qpv'
          ? 'Bonification (moins de 26 ans, handicap ou résident d’un QPV)'
          : a.bonusResidence?.area === 'agglomeration'
            ? 'Bonification (moins de 26 ans, handicap ou résident de l’agglomération)'
            : 'Bonification (moins de 26 ans, handicap ou résident)',
      funder: 'agglomeration',
      baseCents: bonus,
      amountCents: bonus,
      explanation: `${bonusCounted} embauche(s) en CDI${bonusEligible > bonusCounted ? ` retenues sur ${bonusEligible} (maximum ${a.maxBonusJobs.value})` : ''} × ${formatEuros(a.bonusPerJobCents.value)} = ${formatEuros(bonus)}.`,
    },
  ];
}

/** ESS 2017 as filed under it: one job per full-time CDI line. */
function legacyLines(app: EssApplication, ruleSet: EssJobsRuleSet): AmountLine[] {
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

/** The call for projects: the grant asked, within the set's bounds (below the floor: nothing). */
function callLines(app: EssApplication, ruleSet: EssCallRuleSet): AmountLine[] {
  const min = ruleSet.amounts.minGrantCents.value;
  const max = ruleSet.amounts.maxGrantCents.value;
  const asked = app.callForProjects?.requestedCents ?? 0;
  const amount = asked < min ? 0 : Math.min(asked, max);
  return [
    {
      label: 'Bourse de l’appel à projets ESS',
      funder: 'agglomeration',
      baseCents: asked,
      amountCents: amount,
      explanation:
        asked < min
          ? `bourse demandée de ${formatEuros(asked)}, sous le minimum de ${formatEuros(min)} : pas de bourse.`
          : `bourse demandée de ${formatEuros(asked)}${asked > max ? `, plafonnée à ${formatEuros(max)}` : ''} : ${formatEuros(amount)} (bourse de ${formatEuros(min)} à ${formatEuros(max)}).`,
    },
  ];
}
