import type * as z from 'zod';
import { computeAmounts } from '../amounts/compute.ts';
import type { ComputedAmounts } from '../amounts/types.ts';
import { plausibilityErrors } from '../applications/plausibility.ts';
import { type Application, applicationSchemas } from '../applications/schemas.ts';
import { type FieldError, validateWith } from '../applications/validate.ts';
import { checkEligibility } from '../eligibility/check.ts';
import type { EligibilityResult } from '../eligibility/types.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import type { Scheme } from '../schemes/enums.ts';
import { applicationTrack, ruleSetInForce } from '../schemes/registry.ts';
import type { RuleSet } from '../schemes/rule-set.ts';

/**
 * An application judged as filed on a date: the application parsed by its scheme's schema, the
 * rule set that judges it, its eligibility and its amounts. An ineligible application is still
 * assessed (its eligibility says so, with reasons): it is filed and reviewed like any other.
 */
export type Assessment =
  | {
      readonly ok: true;
      readonly application: Application;
      readonly ruleSet: RuleSet;
      readonly eligibility: EligibilityResult;
      readonly amounts: ComputedAmounts;
    }
  /** The application does not pass its scheme's schema: what is missing or wrong, field by field. */
  | { readonly ok: false; readonly reason: 'invalid'; readonly errors: readonly FieldError[] }
  /** No rule set of the scheme applies (none in force on the date, or not the version asked for). */
  | { readonly ok: false; readonly reason: 'no_rule_set'; readonly message: string };

/** What the applicant wrote, as a draft holds it: its scheme, and fields yet to be validated. */
export interface ApplicationDraft {
  readonly scheme: Scheme;
  readonly [field: string]: unknown;
}

export interface AssessOptions {
  /**
   * The version of the rule set that judges the application (a filed dossier keeps the one in
   * force when it was filed); by default, the one in force on the date.
   */
  readonly ruleSetVersion?: string | undefined;
}

/**
 * Validate → rule set → eligibility → amounts, in one pure call. `application` is what the
 * applicant wrote (a draft's content, with its scheme); `date` is the filing date (an ISO date
 * or instant), stamped on the application as its `filingDate`. Everything is passed in.
 */
export function assess(
  application: ApplicationDraft,
  ruleSets: readonly RuleSet[],
  reference: ReferenceData,
  date: string,
  options: AssessOptions = {},
): Assessment {
  const filingDate = date.slice(0, 10);
  const schema: z.ZodType<Application> = applicationSchemas[application.scheme];
  const checked = validateWith(schema, { ...application, filingDate });
  if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
  const { scheme } = checked.value;
  const ruleSet =
    options.ruleSetVersion === undefined
      ? ruleSetInForce(scheme, filingDate, ruleSets, applicationTrack(checked.value))
      : ruleSets.find((r) => r.scheme === scheme && r.version === options.ruleSetVersion);
  if (!ruleSet) {
    const message =
      options.ruleSetVersion === undefined
        ? `Aucun règlement ${scheme} en vigueur au ${filingDate}.`
        : `Règlement ${scheme} ${options.ruleSetVersion} introuvable.`;
    return { ok: false, reason: 'no_rule_set', message };
  }
  const implausible = plausibilityErrors(checked.value, filingDate);
  if (implausible.length > 0) return { ok: false, reason: 'invalid', errors: implausible };
  return {
    ok: true,
    application: checked.value,
    ruleSet,
    eligibility: checkEligibility(checked.value, ruleSet, reference, { filingDate }),
    amounts: computeAmounts(checked.value, ruleSet, reference, { filingDate }),
  };
}
