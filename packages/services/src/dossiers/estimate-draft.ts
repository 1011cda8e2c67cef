import {
  applicationSchemas,
  checkEligibility,
  computeAmounts,
  ruleSetInForce,
  type Scheme,
  validateWith,
} from '@aides/domain';
import type { Caller } from '../caller.ts';
import { loadReferenceData, loadRuleSets, type ServiceContext } from '../context.ts';
import { unprocessable } from '../errors.ts';
import { loadDossier, requireRole } from './access.ts';

/**
 * The estimate of an application as it stands, without storing it: what the live estimate shows
 * while someone types. It reads and writes nothing of the dossier but checks that the caller owns
 * this draft, so parallel refreshes never race each other (no version moves) and a 409 on the
 * step's « Suivant » can only come from somebody else's change.
 */
export async function estimateDraft(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  application: Record<string, unknown>,
) {
  requireRole(caller, 'applicant');
  const d = await loadDossier(ctx, caller, id);
  if (d.ownerSub !== caller.sub) throw unprocessable('Seul le demandeur estime son brouillon.');
  if (d.status !== 'draft') throw unprocessable('Seul un brouillon peut être estimé ainsi.');
  return assessApplication(ctx, d.scheme, application, ctx.now().toISOString().slice(0, 10));
}

/** Validation, then eligibility and amounts under the rule set in force on `filingDate`. */
export async function assessApplication(
  ctx: ServiceContext,
  scheme: Scheme,
  application: Record<string, unknown>,
  filingDate: string,
) {
  const checked = validateWith(applicationSchemas[scheme] as never, { ...application, scheme, filingDate });
  if (!checked.ok) {
    return {
      complete: false as const,
      missing: checked.errors.map((e) => ({ pointer: `/application${e.path}`, detail: e.message })),
    };
  }
  const ruleSet = ruleSetInForce(scheme, filingDate, await loadRuleSets(ctx, scheme));
  if (!ruleSet) throw unprocessable(`Aucun règlement ${scheme} en vigueur au ${filingDate}.`);
  const reference = await loadReferenceData(ctx);
  const valid = checked.value as never;
  return {
    complete: true as const,
    ruleSet: { version: ruleSet.version, label: ruleSet.label },
    eligibility: checkEligibility(valid, ruleSet, reference, { filingDate }),
    amounts: computeAmounts(valid, ruleSet, reference, { filingDate }),
  };
}
