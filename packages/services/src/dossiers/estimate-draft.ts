import { assess, type Scheme } from '@aides/domain';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { unprocessable } from '../errors.ts';
import { loadReferenceData, loadRuleSets } from '../rule-sets.ts';
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

/**
 * What the estimate shows: the fields still missing, or the rule set in force on `date`, the
 * eligibility and the amounts (the domain's `assess`).
 */
export async function assessApplication(
  ctx: ServiceContext,
  scheme: Scheme,
  application: Record<string, unknown>,
  date: string,
) {
  const a = assess(
    { ...application, scheme },
    await loadRuleSets(ctx, scheme),
    await loadReferenceData(ctx, date),
    date,
  );
  if (!a.ok && a.reason === 'invalid') {
    return {
      complete: false as const,
      missing: a.errors.map((e) => ({ pointer: `/application${e.path}`, detail: e.message })),
    };
  }
  if (!a.ok) throw unprocessable(a.message);
  return {
    complete: true as const,
    ruleSet: { version: a.ruleSet.version, label: a.ruleSet.label },
    eligibility: a.eligibility,
    amounts: a.amounts,
  };
}
