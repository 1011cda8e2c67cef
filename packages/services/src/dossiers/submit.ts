import { createHash } from 'node:crypto';
import {
  applicationSchemas,
  checkEligibility,
  computeAmounts,
  referenceFor,
  ruleSetInForce,
  validateWith,
} from '@aides/domain';
import {
  ConditionFailedError,
  claimReferenceTx,
  getItem,
  keys,
  passTurn,
  putEventTx,
  putIdempotencyTx,
  readCounter,
  replaceDossierTx,
  TransactionConflictError,
  takeTicket,
  transact,
} from '@aides/store';
import { readAttachments } from '../attachments/attachments.ts';
import type { Caller } from '../caller.ts';
import { loadReferenceData, loadRuleSets, type ServiceContext } from '../context.ts';
import { AppError, badRequest, conflict, unprocessable } from '../errors.ts';
import { loadDossier, requireRole } from './access.ts';
import { beneficiaryOf } from './applications.ts';
import type { Dossier } from './model.ts';
import { expectVersion, newEvent, staleVersion } from './transition.ts';
import { dossierView } from './views.ts';

export interface SubmitResult {
  readonly status: number;
  readonly body: unknown;
}

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;
/** How long a filing keeps trying for its number when many are filed at once (below the 29 s Lambda timeout). */
const SUBMIT_BUDGET_MS = 25_000;
/** A turn unused this long is passed on (its holder stopped); far above one filing's write. */
const STALLED_TURN_MS = 3_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Files a draft: validates the whole application and the required documents, fixes the rule set
 * in force today, takes the next reference of the scheme and year (no gaps, no duplicates), and
 * writes everything in one transaction with the acknowledgement stored under the caller's
 * Idempotency-Key, so a retried submit returns the same answer.
 */
export async function submitDossier(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  expectedVersion: number | undefined,
  idempotencyKey: string | undefined,
): Promise<SubmitResult> {
  const role = requireRole(caller, 'applicant');
  if (idempotencyKey !== undefined && !KEY_PATTERN.test(idempotencyKey)) {
    throw badRequest('Idempotency-Key invalide (8 à 128 caractères : lettres, chiffres, « - _ . : »).');
  }
  const fingerprint = createHash('sha256').update(`submit:${id}`).digest('hex');
  const replay = async () => {
    if (!idempotencyKey) return undefined;
    const item = await getItem(ctx.store, keys.idempotency(caller.sub, idempotencyKey));
    if (!item) return undefined;
    if (item.fingerprint !== fingerprint) {
      throw unprocessable('Cette Idempotency-Key a déjà servi pour une autre requête.');
    }
    return { status: Number(item.status), body: JSON.parse(String(item.body)) } satisfies SubmitResult;
  };

  const previous = await replay();
  if (previous) return previous;

  // Everything that does not depend on the reference number is prepared once.
  const d = await loadDossier(ctx, caller, id);
  if (d.ownerSub !== caller.sub) throw unprocessable('Seul le demandeur dépose sa demande.');
  if (d.status !== 'draft') throw conflict('Ce dossier a déjà été déposé.');
  expectVersion(d, expectedVersion);
  const now = ctx.now();
  const filingDate = now.toISOString().slice(0, 10);
  const checked = validateWith(applicationSchemas[d.scheme] as never, { ...d.application, filingDate });
  if (!checked.ok) {
    throw badRequest(
      'La demande est incomplète ou contient des erreurs.',
      checked.errors.map((e) => ({ pointer: `/application${e.path}`, detail: e.message })),
    );
  }
  const ruleSet = ruleSetInForce(d.scheme, filingDate, await loadRuleSets(ctx, d.scheme));
  if (!ruleSet) throw unprocessable(`Aucun règlement ${d.scheme} en vigueur au ${filingDate}.`);
  const attachments = await readAttachments(ctx, d.id);
  const present = new Set(attachments.filter((a) => a.status === 'available').map((a) => a.documentType));
  const missing = ruleSet.documents.beforeDecision.filter((t) => !present.has(t));
  if (missing.length) {
    throw badRequest(
      'Des pièces obligatoires manquent.',
      missing.map((t) => ({ pointer: `/documents/${t}`, detail: `Pièce obligatoire manquante : ${t}` })),
    );
  }
  const reference = await loadReferenceData(ctx);
  const application = checked.value as never;
  const year = now.getUTCFullYear();
  const base = {
    ...d,
    status: 'submitted' as const,
    version: d.version + 1,
    updatedAt: now.toISOString(),
    application: checked.value as Record<string, unknown>,
    filedAt: now.toISOString(),
    ruleSetVersion: ruleSet.version,
    beneficiary: beneficiaryOf(checked.value as Record<string, unknown>),
    communeInsee: (checked.value as { address: { communeInsee: string } }).address.communeInsee,
    eligibility: checkEligibility(application, ruleSet, reference, { filingDate }),
    amounts: computeAmounts(application, ruleSet, reference, { filingDate }),
  };
  const event = newEvent(ctx, caller, role, d, { action: 'submit', to: 'submitted' });

  // Filings of a scheme and year take turns for their number (first come, first served; see
  // packages/store/src/reference-turns.ts): only the filing being served writes.
  const deadline = Date.now() + SUBMIT_BUDGET_MS;
  const turns = { scheme: d.scheme, year };
  let ticket = await takeTicket(ctx.store, turns.scheme, year);
  let watched = { served: -1, since: Date.now() };
  while (Date.now() < deadline) {
    const counter = await readCounter(ctx.store, turns.scheme, year);
    if (counter.served >= ticket) {
      // Our turn was passed on while we were away: queue again.
      ticket = await takeTicket(ctx.store, turns.scheme, year);
      continue;
    }
    if (counter.served < ticket - 1) {
      if (counter.served !== watched.served) watched = { served: counter.served, since: Date.now() };
      else if (Date.now() - watched.since > STALLED_TURN_MS) {
        // The filing being served has gone quiet (a stopped process): pass its turn on.
        await passTurn(ctx.store, turns.scheme, year, counter.served + 1);
        watched = { served: -1, since: Date.now() };
        continue;
      }
      await sleep(Math.min(250, 10 * (ticket - 1 - counter.served)));
      continue;
    }
    const ref = referenceFor(d.scheme, year, counter.n + 1);
    const filed: Dossier = { ...base, reference: ref };
    const body = {
      acknowledgement: {
        reference: ref,
        filedAt: filed.filedAt,
        message: `Votre demande ${ref} a bien été déposée le ${now.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}. Elle sera instruite selon le règlement « ${ruleSet.label} ».`,
      },
      dossier: dossierView(filed, caller),
    };
    const idempotency = idempotencyKey
      ? [
          putIdempotencyTx(ctx.store, {
            callerSub: caller.sub,
            key: idempotencyKey,
            fingerprint,
            status: 201,
            body,
            at: now.toISOString(),
          }),
        ]
      : [];
    try {
      await transact(ctx.store, [
        replaceDossierTx(ctx.store, filed, d.version),
        putEventTx(ctx.store, { ...event, detail: ref } as never),
        ...claimReferenceTx(ctx.store, {
          ...turns,
          previous: counter.n,
          ticket,
          reference: ref,
          dossierId: d.id,
        }),
        ...idempotency,
      ]);
      return { status: 201, body };
    } catch (e) {
      if (e instanceof TransactionConflictError) {
        await sleep(Math.random() * 10);
        continue;
      }
      // Our turn may have been passed on meanwhile: the next read says so.
      if (e instanceof ConditionFailedError && (e.label === 'counter' || e.label === 'reference')) continue;
      await passTurn(ctx.store, turns.scheme, year, ticket).catch(() => false);
      // A concurrent retry of the same request may have won: its stored answer is ours.
      const won = await replay();
      if (won) return won;
      if (e instanceof ConditionFailedError && e.label === 'dossier') {
        const current = await loadDossier(ctx, caller, id);
        if (current.status !== 'draft') throw conflict('Ce dossier a déjà été déposé.');
        throw staleVersion();
      }
      throw e;
    }
  }
  // Out of time: give our turn back if it came, so that nobody waits on it.
  await passTurn(ctx.store, turns.scheme, year, ticket).catch(() => false);
  throw new AppError(
    503,
    'reessayer',
    'Service occupé',
    'Trop de dépôts simultanés : réessayez dans un instant.',
  );
}
