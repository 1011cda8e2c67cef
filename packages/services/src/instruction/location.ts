import {
  checkTpeLocationConfirmation,
  qpvOptionsFor,
  type TpeLocationConfirmation,
  type TpeRuleSet,
  tpeLocationLabel,
} from '@aides/domain';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { loadDossier, requireRole } from '../dossiers/access.ts';
import type { Dossier } from '../dossiers/model.ts';
import { newEvent, openDossierCommand, writeDossier } from '../dossiers/transition.ts';
import { AppError, badRequest, conflict } from '../errors.ts';
import { loadReferenceData, ruleSetOfDossier } from '../rule-sets.ts';

/** An optional text, trimmed; empty counts as absent. */
const optionalText = (typeError: string, max: number, tooLong: string) =>
  z
    .string({ error: typeError })
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((s) => s || undefined);

/**
 * Issue 14, « rural or QPV, never both, and true »: the instructor confirms where a TPE is, from
 * the dossier's commune and the QPV list in force on its filing date, during the instruction
 * (before the proposal to the Bureau; the proposal of a grant is refused until it is done). A
 * change of a confirmed classification needs a reason. Who, when and why are on the dossier and
 * in its timeline. From the proposal on, the classification is what the Bureau decided on.
 */
export const confirmLocationInput = z.object({
  classification: z.enum(['rural', 'qpv'], {
    error: 'Classement : commune rurale ou quartier prioritaire (QPV)',
  }),
  qpvCode: optionalText(
    'Code du quartier prioritaire : texte attendu',
    20,
    'Code du quartier prioritaire : 20 caractères au plus',
  ),
  reason: optionalText('Motif : texte attendu', 2000, 'Motif trop long (2 000 caractères au plus)'),
});

/** States in which the location is confirmed or changed: the instruction, before the proposal. */
const INSTRUCTION_STATES = ['in_review', 'awaiting_documents'];

/** Whether `caller` may confirm or change this TPE's location now (the page offers the form then). */
export const locationEditable = (d: Pick<Dossier, 'scheme' | 'status'>, caller: Caller) =>
  d.scheme === 'TPE' && INSTRUCTION_STATES.includes(d.status) && caller.roles.includes('instructor');

export async function confirmTpeLocation(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  expectedVersion: number | undefined,
  input: unknown,
): Promise<Dossier> {
  const { role, body, d } = await openDossierCommand(ctx, caller, ['instructor'], {
    id,
    expectedVersion,
    schema: confirmLocationInput,
    input,
  });
  if (d.scheme !== 'TPE') throw conflict('Seuls les dossiers TPE ont un classement rural ou QPV.');
  if (!INSTRUCTION_STATES.includes(d.status))
    throw conflict(
      d.status === 'submitted'
        ? 'Prenez d’abord le dossier en instruction.'
        : 'Le classement se confirme pendant l’instruction, avant la proposition au Bureau.',
    );
  const before = d.locationConfirmation;
  if (before && !body.reason)
    throw badRequest('Le classement est déjà confirmé : indiquez le motif du changement.', [
      { pointer: '/reason', detail: 'Motif du changement obligatoire' },
    ]);
  const communeInsee =
    d.communeInsee ?? String((d.application.address as { communeInsee?: unknown })?.communeInsee ?? '');
  const [ruleSet, reference, { POPULATION_SOURCE }] = await Promise.all([
    ruleSetOfDossier(ctx, d),
    // The QPV list in force on the filing date, not today's.
    loadReferenceData(ctx, d.filedAt),
    import('@aides/domain/reference/communes'),
  ]);
  const threshold = (ruleSet as TpeRuleSet).eligibility.ruralPopulationBelow.value;
  const checked = checkTpeLocationConfirmation(body, communeInsee, threshold, reference, POPULATION_SOURCE);
  if (!checked.ok) {
    throw new AppError(
      422,
      'classement-refuse',
      'Classement refusé',
      checked.errors.map((e) => e.detail).join(' '),
      checked.errors,
    );
  }
  const confirmation: TpeLocationConfirmation = {
    ...checked.value,
    origin: 'instruction',
    by: caller.sub,
    byName: caller.name,
    at: ctx.now().toISOString(),
    ...(body.reason ? { reason: body.reason } : {}),
  };
  const label = tpeLocationLabel(confirmation);
  const event = newEvent(ctx, caller, role, d, {
    action: 'confirm_location',
    to: d.status,
    detail: before
      ? `${label} (auparavant : ${tpeLocationLabel(before).replace(/^Classement [^:]+: /, '')})`
      : label,
    ...(body.reason ? { why: body.reason } : {}),
  });
  return writeDossier(ctx, d, { ...d, locationConfirmation: confirmation }, event);
}

/** What the confirmation form offers: the districts of the firm's commune in the list in force on the filing date. */
export async function locationChoices(ctx: ServiceContext, caller: Caller, id: string) {
  requireRole(caller, 'instructor', 'bureau', 'finance', 'admin');
  const d = await loadDossier(ctx, caller, id);
  const reference = await loadReferenceData(ctx, d.filedAt);
  const insee =
    d.communeInsee ?? String((d.application.address as { communeInsee?: unknown })?.communeInsee ?? '');
  return {
    qpv: qpvOptionsFor(reference, insee).map((q) => ({ code: q.code, name: q.name })),
    list: reference.qpvList ?? null,
    commune: reference.communes.find((c) => c.insee === insee) ?? null,
  };
}

/** The proposal of a TPE grant needs a confirmed location (a refusal does not). */
export function requireConfirmedLocation(d: Dossier) {
  if (d.scheme !== 'TPE' || d.locationConfirmation) return;
  throw new AppError(
    422,
    'classement-a-confirmer',
    'Classement à confirmer',
    'Confirmez d’abord le classement de l’établissement (commune rurale ou quartier prioritaire) avant de proposer l’aide au Bureau.',
  );
}
