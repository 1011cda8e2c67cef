import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import type { Dossier } from '../dossiers/model.ts';
import { newEvent, openDossierCommand, writeDossier } from '../dossiers/transition.ts';
import { unprocessable } from '../errors.ts';

/**
 * Rectification (RGPD art. 16) goes through the instructor: the person asks (by message, letter,
 * at the counter), the instructor corrects one declared field, and the timeline keeps who, when,
 * which field and why. The old value is not copied into the event: keeping it would defeat the
 * correction.
 */
export const rectifyInput = z.object({
  pointer: z
    .string({ error: 'Champ à rectifier attendu' })
    .regex(/^(\/[A-Za-z0-9_]+)+$/, 'Champ à rectifier : chemin du type /applicant/lastName'),
  value: z
    .string({ error: 'Nouvelle valeur attendue' })
    .trim()
    .min(1, 'Nouvelle valeur obligatoire')
    .max(500),
  motivation: z
    .string({ error: 'Motif attendu' })
    .trim()
    .min(5, 'Motif de la rectification obligatoire (demande de la personne, pièce à l’appui…)')
    .max(2000),
});

export async function rectifyApplication(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  expectedVersion: number | undefined,
  input: unknown,
): Promise<Dossier> {
  const { role, body, d } = await openDossierCommand(ctx, caller, ['instructor', 'admin'], {
    id,
    expectedVersion,
    schema: rectifyInput,
    input,
  });
  if (d.status === 'draft') throw unprocessable('Un brouillon se corrige par son demandeur.');
  const application = structuredClone(d.application);
  const parts = body.pointer.split('/').slice(1);
  let at: Record<string, unknown> = application;
  for (const p of parts.slice(0, -1)) {
    const next = at[p];
    if (typeof next !== 'object' || next === null || Array.isArray(next))
      throw unprocessable('Ce champ n’existe pas dans la demande.', [
        { pointer: '/pointer', detail: 'Champ inconnu' },
      ]);
    at = next as Record<string, unknown>;
  }
  const last = parts.at(-1) as string;
  if (typeof at[last] !== 'string')
    throw unprocessable('Seul un champ texte déjà renseigné se rectifie ici.', [
      { pointer: '/pointer', detail: 'Champ texte inconnu' },
    ]);
  at[last] = body.value;
  const event = newEvent(ctx, caller, role, d, {
    action: 'rectify',
    to: d.status,
    why: body.motivation,
    detail: `Champ rectifié : ${body.pointer}`,
  });
  return writeDossier(ctx, d, { ...d, application }, event);
}

export const appealInput = z.object({
  status: z.enum(['open', 'closed'], { error: 'État du recours : ouvert ou clos' }),
  note: z.string().trim().max(2000).optional(),
});

/** An appeal (recours gracieux or contentieux) opened or closed: while open, the dossier is never purged. */
export async function recordAppeal(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  expectedVersion: number | undefined,
  input: unknown,
): Promise<Dossier> {
  const { role, body, d } = await openDossierCommand(ctx, caller, ['instructor', 'admin'], {
    id,
    expectedVersion,
    schema: appealInput,
    input,
  });
  const now = ctx.now().toISOString();
  const appeal: NonNullable<Dossier['appeal']> =
    body.status === 'open'
      ? { status: 'open', receivedAt: now, ...(body.note ? { note: body.note } : {}) }
      : {
          status: 'closed',
          receivedAt: d.appeal?.receivedAt ?? now,
          closedAt: now,
          ...(body.note ? { note: body.note } : {}),
        };
  const event = newEvent(ctx, caller, role, d, {
    action: 'appeal',
    to: d.status,
    why: body.status === 'open' ? 'Recours reçu : conservation suspendue' : 'Recours clos',
    ...(body.note ? { detail: body.note } : {}),
  });
  return writeDossier(ctx, d, { ...d, appeal }, event);
}
