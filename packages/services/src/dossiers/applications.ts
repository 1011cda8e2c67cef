import { randomUUID } from 'node:crypto';
import { SCHEMES, type Scheme, validateDraft } from '@aides/domain';
import { createDossierTx, listDossiersOfOwner, putEventTx, transact } from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { badRequest, parseOrThrow, unprocessable } from '../errors.ts';
import { orBadCursor } from '../paging.ts';
import { recordAccess } from '../privacy/access-log.ts';
import { loadDossier, requireRole } from './access.ts';
import { assessApplication } from './estimate-draft.ts';
import type { Dossier } from './model.ts';
import { expectVersion, fireTransition, newEvent, writeDossier } from './transition.ts';

export const createDraftInput = z.object({
  scheme: z.enum(SCHEMES, { error: 'Dispositif inconnu : FTE, TPE, ESS ou HABITAT' }),
  application: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Validates a draft's content by allowlist (known keys, bounded values: domain draft.ts); whether
 * it is complete and right is checked by the estimate and at submission.
 */
function draftContent(scheme: Scheme, application: Record<string, unknown>) {
  const r = validateDraft(scheme, { ...application, scheme });
  if (!r.ok)
    throw badRequest(
      'Brouillon invalide.',
      r.errors.map((e) => ({ pointer: `/application${e.path}`, detail: e.message })),
    );
  return r.value;
}

export async function createDraft(ctx: ServiceContext, caller: Caller, input: unknown): Promise<Dossier> {
  const role = requireRole(caller, 'applicant');
  const { scheme, application } = parseOrThrow(createDraftInput, input);
  const now = ctx.now().toISOString();
  const d: Dossier = {
    id: randomUUID(),
    scheme,
    status: 'draft',
    version: 1,
    ownerSub: caller.sub,
    ownerName: caller.name,
    application: draftContent(scheme, application ?? {}),
    createdAt: now,
    updatedAt: now,
  };
  const event = newEvent(ctx, caller, role, d, { action: 'create', to: 'draft' });
  await transact(ctx.store, [createDossierTx(ctx.store, d), putEventTx(ctx.store, event)]);
  return d;
}

export const updateDraftInput = z.object({ application: z.record(z.string(), z.unknown()) });

export async function updateDraft(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  expectedVersion: number | undefined,
  input: unknown,
): Promise<Dossier> {
  requireRole(caller, 'applicant');
  const { application } = parseOrThrow(updateDraftInput, input);
  const d = await loadDossier(ctx, caller, id);
  if (d.ownerSub !== caller.sub) throw unprocessable('Seul le demandeur modifie son brouillon.');
  expectVersion(d, expectedVersion);
  if (d.status !== 'draft') throw unprocessable('Seul un brouillon peut être modifié.');
  return writeDossier(ctx, d, { ...d, application: draftContent(d.scheme, application) }, null);
}

export async function getDossier(ctx: ServiceContext, caller: Caller, id: string) {
  const d = await loadDossier(ctx, caller, id);
  // A staff member opening someone's dossier is logged (issue 20); the applicant is not.
  if (d.ownerSub !== caller.sub) {
    await recordAccess(ctx, caller, {
      kind: 'open_dossier',
      dossierId: d.id,
      personSub: d.ownerSub,
      what: `Dossier ${d.reference ?? d.id}`,
      ...(d.reference ? { reference: d.reference } : {}),
    });
  }
  return d;
}

export async function listMyDossiers(ctx: ServiceContext, caller: Caller, cursor?: string) {
  requireRole(caller, 'applicant');
  return orBadCursor(() => listDossiersOfOwner<Dossier>(ctx.store, caller.sub, cursor));
}

/**
 * Pre-check and estimate at any time: validates what is there, then runs eligibility and
 * amounts with the rule set that would apply if filed today. Incomplete drafts get their
 * missing fields listed rather than an error.
 */
export async function estimate(ctx: ServiceContext, caller: Caller, id: string) {
  const d = await loadDossier(ctx, caller, id);
  return assessApplication(ctx, d.scheme, d.application, d.filedAt ?? ctx.now().toISOString());
}

export const messageInput = z.object({
  message: z
    .string({ error: 'Message attendu' })
    .trim()
    .min(1, 'Message obligatoire')
    .max(5000, 'Message trop long'),
});

/** The applicant answers a request for documents (after uploading them): back to review. */
export async function answerRequest(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  expectedVersion: number | undefined,
  input: unknown,
) {
  const { message } = parseOrThrow(messageInput, input);
  const d = await loadDossier(ctx, caller, id);
  if (d.ownerSub !== caller.sub) throw unprocessable('Seul le demandeur répond à une demande de pièces.');
  expectVersion(d, expectedVersion);
  const { documentRequest: _done, ...rest } = d;
  return fireTransition(ctx, caller, d, 'answer_request', { detail: message, changes: rest });
}

export const withdrawInput = z.object({
  reason: z
    .string({ error: 'Motif attendu' })
    .trim()
    .min(1, 'Le motif est obligatoire')
    .max(2000, 'Motif trop long'),
});

export async function withdraw(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  expectedVersion: number | undefined,
  input: unknown,
) {
  const { reason } = parseOrThrow(withdrawInput, input);
  const d = await loadDossier(ctx, caller, id);
  if (d.ownerSub !== caller.sub) throw unprocessable('Seul le demandeur peut retirer sa demande.');
  expectVersion(d, expectedVersion);
  return fireTransition(ctx, caller, d, 'withdraw', { motivation: reason });
}

/** Display name of the beneficiary, for the Bureau's extract and exports. */
export function beneficiaryOf(application: Record<string, unknown>): string {
  const a = application as {
    company?: { name?: string };
    structure?: { name?: string };
    applicant?: { firstName?: string; lastName?: string };
  };
  return (
    a.company?.name ??
    a.structure?.name ??
    [a.applicant?.firstName, a.applicant?.lastName].filter(Boolean).join(' ')
  );
}
