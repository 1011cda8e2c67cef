import type { Application } from '../applications/schemas.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import type { RuleSet } from '../schemes/rule-set.ts';
import { essReasons } from './ess.ts';
import { fteReasons } from './fte.ts';
import { habitatReasons } from './habitat.ts';
import { tpeReasons } from './tpe.ts';
import { combine, type EligibilityResult, review } from './types.ts';

export interface EligibilityOptions {
  /** Defaults to `application.filingDate`. */
  filingDate?: string;
}

/**
 * Judges an application against one rule set (the one in force on its filing date: see
 * `ruleSetInForce`). Pure: all reference data (ceilings, communes, QPV) is passed in.
 */
export function checkEligibility(
  application: Application,
  ruleSet: RuleSet,
  reference: ReferenceData,
  options: EligibilityOptions = {},
): EligibilityResult {
  if (application.scheme !== ruleSet.scheme) {
    throw new Error(`Règlement ${ruleSet.scheme} appliqué à une demande ${application.scheme}`);
  }
  const filingDate = (options.filingDate ?? application.filingDate)?.slice(0, 10);
  if (!filingDate)
    return combine([review('filing_date', 'Date de dépôt inconnue : éligibilité à établir au dépôt.')]);
  if (filingDate < ruleSet.effectiveFrom) {
    return combine([
      review(
        'rule_set.in_force',
        `Le règlement ${ruleSet.version} n'était pas en vigueur à la date de dépôt.`,
      ),
    ]);
  }
  switch (application.scheme) {
    case 'FTE':
      return combine(
        fteReasons(application, ruleSet as Extract<RuleSet, { scheme: 'FTE' }>, reference, filingDate),
      );
    case 'TPE':
      return combine(
        tpeReasons(application, ruleSet as Extract<RuleSet, { scheme: 'TPE' }>, reference, filingDate),
      );
    case 'ESS':
      return combine(
        essReasons(application, ruleSet as Extract<RuleSet, { scheme: 'ESS' }>, reference, filingDate),
      );
    case 'HABITAT':
      return combine(
        habitatReasons(
          application,
          ruleSet as Extract<RuleSet, { scheme: 'HABITAT' }>,
          reference,
          filingDate,
        ),
      );
  }
}
