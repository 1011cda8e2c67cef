import { randomUUID } from 'node:crypto';
import { applyAdjustment, assess, FUNDERS, type Funder, zeroByFunder } from '@aides/domain';
import {
  getAttachment,
  getUserProfile,
  listDossierNotes,
  putNoteTx,
  setAttachmentVerdictTx,
  transact,
} from '@aides/store';
import * as z from 'zod';
import { type Attachment, verifiedDocumentTypes } from '../attachments/attachments.ts';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { loadDossier, requireRole } from '../dossiers/access.ts';
import type { Dossier, PrivateNote, Proposal } from '../dossiers/model.ts';
import { fireTransition, newEvent, openDossierCommand, writeDossier } from '../dossiers/transition.ts';
import { AppError, conflict, notFound, parseOrThrow, unprocessable } from '../errors.ts';
import { loadReferenceData, ruleSetOfDossier } from '../rule-sets.ts';
import { requireConfirmedLocation } from './location.ts';

const text = (what: string, max = 5000) =>
  z
    .string({ error: `${what} attendu` })
    .trim()
    .min(1, `${what} obligatoire`)
    .max(max, `${what} trop long`);

export const assignInput = z.object({
  assigneeSub: z.string().min(1).max(128).optional(),
  assigneeName: z.string().max(200).optional(),
});

/**
 * Take (no assignee given: oneself) or assign a dossier. A submitted dossier moves to review;
 * reassigning a dossier in review changes only its assignee.
 */
export async function assign(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  expectedVersion: number | undefined,
  input: unknown,
) {
  const { role, body, d } = await openDossierCommand(ctx, caller, ['instructor', 'admin'], {
    id,
    expectedVersion,
    schema: assignInput,
    input: input ?? {},
  });
  const assigneeSub = body.assigneeSub ?? caller.sub;
  let assigneeName = body.assigneeName ?? (assigneeSub === caller.sub ? caller.name : undefined);
  if (!assigneeName) {
    const profile = await getUserProfile(ctx.store, assigneeSub);
    if (!profile?.groups.includes('instructor')) {
      throw new AppError(400, 'requete-invalide', 'Requête invalide', 'Instructeur inconnu.', [
        { pointer: '/assigneeSub', detail: 'Aucun instructeur ne porte cet identifiant' },
      ]);
    }
    assigneeName = String(profile.name);
  }
  if (assigneeSub !== caller.sub && (await getUserProfile(ctx.store, assigneeSub))?.deactivatedAt) {
    throw new AppError(400, 'requete-invalide', 'Requête invalide', 'Ce profil a été désactivé.', [
      { pointer: '/assigneeSub', detail: 'Profil désactivé : choisissez un autre instructeur' },
    ]);
  }
  const changes = { assigneeSub, assigneeName };
  if (d.status === 'submitted')
    return fireTransition(ctx, caller, d, 'take', { changes, detail: `Assigné à ${assigneeName}` });
  if (!['in_review', 'awaiting_documents'].includes(d.status))
    throw conflict('Ce dossier n’est plus en instruction.');
  const event = newEvent(ctx, caller, role, d, {
    action: 'assign',
    to: d.status,
    detail: `Assigné à ${assigneeName}`,
  });
  return writeDossier(ctx, d, { ...d, ...changes }, event);
}

export const verdictInput = z.discriminatedUnion(
  'valid',
  [
    z.object({ valid: z.literal(true), reason: z.string().max(2000).optional() }),
    z.object({ valid: z.literal(false), reason: text('Motif du refus de la pièce', 2000) }),
  ],
  { error: 'Avis attendu : pièce conforme, ou non conforme avec son motif' },
);

/** Valid / invalid (with reason) on one document. */
export async function recordVerdict(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  attachmentId: string,
  input: unknown,
) {
  requireRole(caller, 'instructor', 'admin');
  const body = parseOrThrow(verdictInput, input);
  const d = await loadDossier(ctx, caller, id);
  if (!['in_review', 'awaiting_documents', 'approved', 'partly_paid'].includes(d.status)) {
    throw conflict('Les pièces se vérifient pendant l’instruction ou avant un versement.');
  }
  const a = await getAttachment<Attachment>(ctx.store, d.id, attachmentId);
  if (!a) throw notFound('Pièce introuvable.');
  if (a.status !== 'available') throw conflict('Cette pièce n’a pas été reçue.');
  const verdict = {
    valid: body.valid,
    ...(body.reason ? { reason: body.reason } : {}),
    by: caller.sub,
    byName: caller.name,
    at: ctx.now().toISOString(),
  };
  await transact(ctx.store, [setAttachmentVerdictTx(ctx.store, d.id, a.id, verdict)]);
  return { ...a, verdict };
}

export const requestDocumentsInput = z.object({
  message: text('Message au demandeur'),
  documentTypes: z.array(z.string().max(64)).max(20).default([]),
});

export async function requestDocuments(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  expectedVersion: number | undefined,
  input: unknown,
) {
  const { body, d } = await openDossierCommand(ctx, caller, ['instructor', 'admin'], {
    id,
    expectedVersion,
    schema: requestDocumentsInput,
    input,
  });
  return fireTransition(ctx, caller, d, 'request_documents', {
    motivation: body.message,
    changes: {
      documentRequest: {
        message: body.message,
        documentTypes: body.documentTypes,
        at: ctx.now().toISOString(),
      },
    },
  });
}

export const noteInput = z.object({ text: text('Note') });

/** Private notes: staff only, never shown to the applicant. */
export async function addNote(ctx: ServiceContext, caller: Caller, id: string, input: unknown) {
  requireRole(caller, 'instructor', 'bureau', 'finance', 'admin');
  const body = parseOrThrow(noteInput, input);
  const d = await loadDossier(ctx, caller, id);
  const note: PrivateNote = {
    id: randomUUID(),
    dossierId: d.id,
    at: ctx.now().toISOString(),
    authorSub: caller.sub,
    authorName: caller.name,
    text: body.text,
  };
  await transact(ctx.store, [putNoteTx(ctx.store, note)]);
  return note;
}

export async function listNotes(ctx: ServiceContext, caller: Caller, id: string): Promise<PrivateNote[]> {
  requireRole(caller, 'instructor', 'bureau', 'finance', 'admin');
  const d = await loadDossier(ctx, caller, id);
  return listDossierNotes<PrivateNote>(ctx.store, d.id);
}

const centsField = z.number().int('Montant en centimes entiers').nonnegative('Montant positif attendu');
export const proposeInput = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('grant'),
      text: text('Texte de la proposition'),
      adjustment: z
        .object({
          amountsCents: z.partialRecord(z.enum(FUNDERS), centsField),
          motivation: text('Motivation de l’ajustement', 2000),
        })
        .optional(),
    }),
    z.object({
      kind: z.literal('refusal'),
      text: z.string().max(5000).default(''),
      motivation: text('Motivation du refus', 2000),
    }),
  ],
  { error: 'Sens de la proposition : choisissez accord ou refus' },
);

/**
 * Proposal to the Bureau: the engine's amount (recomputed with the dossier's rule set), an
 * optional adjustment that needs a motivation and never exceeds the rule set; or a refusal.
 */
export async function propose(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  expectedVersion: number | undefined,
  input: unknown,
) {
  const { body, d } = await openDossierCommand(ctx, caller, ['instructor', 'admin'], {
    id,
    expectedVersion,
    schema: proposeInput,
    input,
  });
  const base = { text: body.text, by: caller.sub, byName: caller.name, at: ctx.now().toISOString() };
  if (body.kind === 'refusal') {
    const proposal: Proposal = {
      ...base,
      kind: 'refusal',
      amountsByFunder: zeroByFunder(),
      totalCents: 0,
      motivation: body.motivation,
    };
    return fireTransition(ctx, caller, d, 'propose_refusal', {
      motivation: body.motivation,
      changes: { proposal },
    });
  }
  // Issue 14: a TPE grant goes to the Bureau with its rural / QPV classification confirmed.
  requireConfirmedLocation(d);
  // Recomputed as the dossier was filed: its filing date, the rule set it was filed under.
  const ruleSet = await ruleSetOfDossier(ctx, d);
  const assessed = assess(
    { ...d.application, scheme: d.scheme },
    [ruleSet],
    await loadReferenceData(ctx, d.filedAt),
    d.filedAt ?? '',
    {
      ruleSetVersion: ruleSet.version,
    },
  );
  if (!assessed.ok) throw unprocessable('La demande enregistrée ne passe plus la validation.');
  let computed = assessed.amounts;
  if (body.adjustment) {
    const adjusted = applyAdjustment(computed, body.adjustment, ruleSet);
    if (!adjusted.ok) {
      throw new AppError(
        422,
        'regle-metier',
        'Ajustement refusé',
        adjusted.errors.join(' '),
        adjusted.errors.map((e) => ({ pointer: '/adjustment', detail: e })),
      );
    }
    computed = adjusted.value;
  }
  if (computed.totalCents <= 0) throw unprocessable('Montant nul : proposez plutôt un refus motivé.');
  const proposal: Proposal = {
    ...base,
    kind: 'grant',
    amountsByFunder: { ...computed.totalsByFunder } as Record<Funder, number>,
    totalCents: computed.totalCents,
    computed,
    ...(body.adjustment ? { adjustmentMotivation: body.adjustment.motivation } : {}),
  };
  return fireTransition(ctx, caller, d, 'propose', {
    verifiedDocuments: await verifiedDocumentTypes(ctx, d.id),
    requiredDocuments: ruleSet.documents,
    changes: { proposal },
    ...(body.adjustment ? { motivation: body.adjustment.motivation } : {}),
  });
}

export type { Dossier };
