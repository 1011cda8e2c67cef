import type { Job } from '../applications/common.ts';
import type { EssApplication } from '../applications/schemas.ts';
import { formatEuros } from '../money/money.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import { legalFormLabels } from '../schemes/enums.ts';
import {
  type EssCallRuleSet,
  type EssJobsRuleSet,
  type EssRuleSet,
  essResidenceQuestion,
} from '../schemes/rule-set.ts';
import { communeRule } from './common.ts';
import { deMinimisReasons } from './de-minimis.ts';
import { formatFte, tallyJobs } from './jobs.ts';
import { fail, pass, type Reason, review } from './types.ts';

export const isFullTimePermanent = (j: Job): boolean => j.contract === 'cdi' && j.workingTimePct >= 100;

export function essReasons(
  app: EssApplication,
  ruleSet: EssRuleSet,
  reference: ReferenceData,
  filingDate?: string,
): Reason[] {
  const reasons: Reason[] = [communeRule('ess.commune', reference, app.address.communeInsee)];
  const form = app.structure.legalForm;
  reasons.push(
    ruleSet.eligibility.legalForms.includes(form)
      ? pass(
          'ess.legal_form',
          `${legalFormLabels[form]} : forme relevant de l'économie sociale et solidaire.`,
        )
      : fail(
          'ess.legal_form',
          `${legalFormLabels[form]} : forme juridique hors de l'ESS (une société commerciale doit être agréée ESUS).`,
        ),
  );
  const mode = app.mode ?? 'jobs';
  if (ruleSet.mode === 'call_for_projects') {
    if (mode !== 'call_for_projects')
      reasons.push(
        fail(
          'ess.mode',
          'Ce règlement est celui de l’appel à projets ESS : la demande porte sur l’aide à l’emploi.',
        ),
      );
    reasons.push(...callReasons(app, ruleSet));
  } else {
    if (mode !== 'jobs')
      reasons.push(
        fail(
          'ess.mode',
          'Ce règlement est celui de l’aide à l’emploi : la demande porte sur l’appel à projets.',
        ),
      );
    reasons.push(...jobsReasons(app, ruleSet));
  }
  const dm = ruleSet.eligibility.deMinimis;
  if (dm && filingDate) {
    reasons.push(
      ...deMinimisReasons(
        'ess',
        {
          ceilingCents: dm.ceilingCents.value,
          windowYears: dm.windowYears.value,
          declarationRequired: dm.declarationRequired,
        },
        app,
        filingDate,
      ),
    );
  }
  return reasons;
}

function jobsReasons(app: EssApplication, ruleSet: EssJobsRuleSet): Reason[] {
  const counting = ruleSet.amounts.jobCounting ?? 'full_time_headcount';
  if (counting !== 'full_time_headcount') {
    const t = tallyJobs(app.jobs);
    const apart = [
      t.otherLines > 0
        ? `${t.otherLines} emploi(s) sur un autre contrat (CDD, apprentissage…) non comptés`
        : '',
      t.founderLines > 0 ? `${t.founderLines} fondateur(s) non comptés` : '',
    ].filter(Boolean);
    const residence = ruleSet.amounts.bonusResidence;
    const bonusNote = residence
      ? ` Bonification : moins de 26 ans, handicap, ou « ${essResidenceQuestion[residence.area].toLowerCase()} ».`
      : '';
    return [
      t.cdiLines >= ruleSet.eligibility.minJobs.value
        ? pass(
            'ess.jobs',
            `${formatFte(t.cdiFteHundredths)} en CDI à créer (${t.cdiLines} contrat(s)).${apart.length ? ` ${apart.join(' ; ')}.` : ''}${bonusNote}`,
          )
        : fail(
            'ess.jobs',
            "L'aide porte sur la création d'emplois en CDI (comptés en équivalent temps plein) : aucun n'est prévu.",
          ),
    ];
  }
  // ESS 2017 as filed: one job per full-time CDI line, part-time CDI to examine.
  const full = app.jobs.filter(isFullTimePermanent).length;
  const other = app.jobs.length - full;
  if (full >= ruleSet.eligibility.minJobs.value) {
    return [
      pass(
        'ess.jobs',
        `${full} emploi(s) en CDI à temps plein à créer.${other > 0 ? ` ${other} autre(s) emploi(s) non comptés.` : ''}`,
      ),
    ];
  }
  if (app.jobs.some((j) => j.contract === 'cdi')) {
    return [
      review(
        'ess.jobs',
        "Emplois en CDI à temps partiel seulement : l'aide porte sur des emplois à temps plein, à examiner.",
      ),
    ];
  }
  return [
    fail('ess.jobs', "L'aide porte sur la création d'emplois en CDI à temps plein : aucun n'est prévu."),
  ];
}

function callReasons(app: EssApplication, ruleSet: EssCallRuleSet): Reason[] {
  const call = app.callForProjects;
  const min = ruleSet.amounts.minGrantCents.value;
  const max = ruleSet.amounts.maxGrantCents.value;
  if (!call) return [fail('ess.call', 'Projet présenté à l’appel à projets non renseigné.')];
  const reasons: Reason[] = [];
  if (call.requestedCents < min) {
    reasons.push(
      fail(
        'ess.call.amount',
        `Bourse demandée de ${formatEuros(call.requestedCents)} : l’appel à projets accorde de ${formatEuros(min)} à ${formatEuros(max)}.`,
      ),
    );
  } else {
    reasons.push(
      pass(
        'ess.call.amount',
        `Bourse demandée de ${formatEuros(call.requestedCents)}${call.requestedCents > max ? `, ramenée au maximum de ${formatEuros(max)}` : ''} (de ${formatEuros(min)} à ${formatEuros(max)}).`,
      ),
    );
  }
  reasons.push(
    review(
      'ess.call.laureate',
      `« ${call.projectTitle} » : les lauréats sont désignés par le jury de l’appel à projets, puis le Bureau décide.`,
    ),
  );
  return reasons;
}
