import type { Job } from '../applications/common.ts';
import type { EssApplication } from '../applications/schemas.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import { legalFormLabels } from '../schemes/enums.ts';
import type { EssRuleSet } from '../schemes/rule-set.ts';
import { communeRule } from './common.ts';
import { fail, pass, type Reason, review } from './types.ts';

export const isFullTimePermanent = (j: Job): boolean => j.contract === 'cdi' && j.workingTimePct >= 100;

export function essReasons(app: EssApplication, ruleSet: EssRuleSet, reference: ReferenceData): Reason[] {
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
  const full = app.jobs.filter(isFullTimePermanent).length;
  const other = app.jobs.length - full;
  const min = ruleSet.eligibility.minJobs.value;
  if (full >= min) {
    reasons.push(
      pass(
        'ess.jobs',
        `${full} emploi(s) en CDI à temps plein à créer.${other > 0 ? ` ${other} autre(s) emploi(s) non comptés.` : ''}`,
      ),
    );
  } else if (app.jobs.some((j) => j.contract === 'cdi')) {
    reasons.push(
      review(
        'ess.jobs',
        "Emplois en CDI à temps partiel seulement : l'aide porte sur des emplois à temps plein, à examiner.",
      ),
    );
  } else {
    reasons.push(
      fail('ess.jobs', "L'aide porte sur la création d'emplois en CDI à temps plein : aucun n'est prévu."),
    );
  }
  return reasons;
}
