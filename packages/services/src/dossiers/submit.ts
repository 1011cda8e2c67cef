import { createHash } from 'node:crypto';
import { assess, canTransition, findTransition, unansweredFilingQuestions } from '@aides/domain';
import {
  ConditionFailedError,
  getIdempotencyRecord,
  outboxItemTx,
  putEventTx,
  putIdempotencyTx,
  replaceDossierTx,
  TransactionConflictError,
} from '@aides/store';
import { readAttachments } from '../attachments/attachments.ts';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, badRequest, conflict, forbidden, parseOrThrow, unprocessable } from '../errors.ts';
import { applicantNotification } from '../notifications/outbox.ts';
import { loadReferenceData, loadRuleSets } from '../rule-sets.ts';
import { loadDossier, requireRole } from './access.ts';
import { beneficiaryOf } from './applications.ts';
import type { Dossier } from './model.ts';
import { writeWithNewReference } from './numbering.ts';
import { submitInput } from './submit-input.ts';
import { expectVersion, newEvent, staleVersion } from './transition.ts';
import { dossierView } from './views.ts';

export interface SubmitResult {
  readonly status: number;
  readonly body: unknown;
}

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * Files a draft: validates the whole application and the required documents, fixes the rule set
 * in force today, takes the next reference of the scheme and year (unique; a number whose write
 * fails is recorded as void, see ./numbering.ts), and writes everything in one transaction with
 * the acknowledgement stored under the caller's Idempotency-Key, so a retried submit returns the
 * same answer.
 */
export async function submitDossier(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  expectedVersion: number | undefined,
  idempotencyKey: string | undefined,
  input: unknown = {},
): Promise<SubmitResult> {
  const role = requireRole(caller, 'applicant');
  const { acknowledgeIneligible } = parseOrThrow(submitInput, input ?? {});
  if (idempotencyKey !== undefined && !KEY_PATTERN.test(idempotencyKey)) {
    throw badRequest('Idempotency-Key invalide (8 à 128 caractères : lettres, chiffres, « - _ . : »).');
  }
  const fingerprint = createHash('sha256').update(`submit:${id}`).digest('hex');
  const replay = async () => {
    if (!idempotencyKey) return undefined;
    const stored = await getIdempotencyRecord(ctx.store, caller.sub, idempotencyKey);
    if (!stored) return undefined;
    if (stored.fingerprint !== fingerprint) {
      throw unprocessable('Cette Idempotency-Key a déjà servi pour une autre requête.');
    }
    return { status: stored.status, body: stored.body } satisfies SubmitResult;
  };

  const previous = await replay();
  if (previous) return previous;

  // Everything that does not depend on the reference number is prepared once.
  const d = await loadDossier(ctx, caller, id);
  if (d.ownerSub !== caller.sub) throw unprocessable('Seul le demandeur dépose sa demande.');
  // The lifecycle table says whether this dossier may be filed, and into which state.
  const transition = canTransition(d.status, 'submit', { role });
  if (!transition.ok || d.version !== expectedVersion) {
    // A concurrent retry of this same request may have filed it between our first look at the
    // idempotency record and this read of the dossier: its stored answer is ours, not a 409.
    const won = await replay();
    if (won) return won;
  }
  if (!transition.ok) {
    throw findTransition(d.status, 'submit') ? forbidden(transition.reason) : conflict(transition.reason);
  }
  expectVersion(d, expectedVersion);
  const now = ctx.now();
  const assessed = assess(
    { ...d.application, scheme: d.scheme },
    await loadRuleSets(ctx, d.scheme),
    await loadReferenceData(ctx, now.toISOString()),
    now.toISOString(),
  );
  if (!assessed.ok && assessed.reason === 'invalid') {
    throw badRequest(
      'La demande est incomplète ou contient des erreurs.',
      assessed.errors.map((e) => ({ pointer: `/application${e.path}`, detail: e.message })),
    );
  }
  if (!assessed.ok) throw unprocessable(assessed.message);
  // Issue 14: « Les travaux ont-ils déjà commencé ? » is answered to file, never assumed.
  const unanswered = unansweredFilingQuestions(d.scheme, d.application);
  if (unanswered.length) {
    throw badRequest(
      'La demande est incomplète ou contient des erreurs.',
      unanswered.map((q) => ({ pointer: `/application${q.path}`, detail: q.message })),
    );
  }
  const { application, ruleSet, eligibility, amounts } = assessed;
  if (eligibility.outcome === 'not_eligible' && acknowledgeIneligible !== true) {
    const failing = eligibility.reasons.filter((r) => r.outcome === 'not_eligible');
    throw unprocessable(
      'Votre demande ne remplit pas les conditions du règlement. Pour la déposer quand même, confirmez que vous en avez pris connaissance.',
      [
        {
          pointer: '/acknowledgeIneligible',
          detail: 'Confirmation attendue pour déposer une demande non éligible',
        },
        ...failing.map((r) => ({ pointer: '/eligibility', detail: r.message })),
      ],
    );
  }
  const attachments = await readAttachments(ctx, d.id);
  const present = new Set(attachments.filter((a) => a.status === 'available').map((a) => a.documentType));
  const missing = ruleSet.documents.beforeDecision.filter((t) => !present.has(t));
  if (missing.length) {
    throw badRequest(
      'Des pièces obligatoires manquent.',
      missing.map((t) => ({ pointer: `/documents/${t}`, detail: `Pièce obligatoire manquante : ${t}` })),
    );
  }
  const year = now.getUTCFullYear();
  const base = {
    ...d,
    status: transition.to,
    version: d.version + 1,
    updatedAt: now.toISOString(),
    application,
    filedAt: now.toISOString(),
    ruleSetVersion: ruleSet.version,
    beneficiary: beneficiaryOf(application),
    communeInsee: application.address.communeInsee,
    eligibility,
    amounts,
    ...(eligibility.outcome === 'not_eligible' ? { ineligibleAcknowledged: true } : {}),
  };
  const event = newEvent(ctx, caller, role, d, { action: 'submit', to: transition.to });

  // The number is taken last, when nothing but the write can fail (./numbering.ts).
  const filedAs = (ref: string): Dossier => ({ ...base, reference: ref });
  // The acknowledgement by e-mail, written with the filing (the outbox, ../notifications/outbox.ts).
  const acknowledgement = await applicantNotification(ctx, base, { kind: 'filed', filedAt: base.filedAt });
  const answerFor = (ref: string) => {
    const filed = filedAs(ref);
    return {
      acknowledgement: {
        reference: ref,
        filedAt: filed.filedAt,
        message: `Votre demande ${ref} a bien été déposée le ${now.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}. Elle sera instruite selon le règlement « ${ruleSet.label} ».`,
      },
      dossier: dossierView(filed, caller),
    };
  };
  try {
    const ref = await writeWithNewReference(ctx, {
      scheme: d.scheme,
      year,
      dossierId: d.id,
      itemsFor: (ref) => [
        replaceDossierTx(ctx.store, filedAs(ref), d.version),
        putEventTx(ctx.store, { ...event, detail: ref }),
        ...(acknowledgement ? [outboxItemTx(ctx.store, { ...acknowledgement, reference: ref })] : []),
        ...(idempotencyKey
          ? [
              putIdempotencyTx(ctx.store, {
                callerSub: caller.sub,
                key: idempotencyKey,
                fingerprint,
                status: 201,
                body: answerFor(ref),
                at: now.toISOString(),
              }),
            ]
          : []),
      ],
    });
    return { status: 201, body: answerFor(ref) };
  } catch (e) {
    // A concurrent retry of the same request may have won: its stored answer is ours.
    const won = await replay();
    if (won) return won;
    if (e instanceof ConditionFailedError && e.label === 'dossier') {
      const current = await loadDossier(ctx, caller, id);
      if (current.status !== 'draft') throw conflict('Ce dossier a déjà été déposé.');
      throw staleVersion();
    }
    if (e instanceof TransactionConflictError) {
      throw new AppError(
        503,
        'reessayer',
        'Service occupé',
        'Trop de modifications simultanées : réessayez.',
      );
    }
    throw e;
  }
}
