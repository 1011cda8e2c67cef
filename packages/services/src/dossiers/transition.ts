import { randomUUID } from 'node:crypto';
import { type Action, canTransition, findTransition, type Role, stateLabels } from '@aides/domain';
import {
  ConditionFailedError,
  type LabelledItem,
  putEventTx,
  replaceDossierTx,
  TransactionConflictError,
  transact,
} from '@aides/store';
import type * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, conflict, forbidden, parseOrThrow, unprocessable } from '../errors.ts';
import { notificationsFor } from '../notifications/outbox.ts';
import { loadDossier, requireRole } from './access.ts';
import type { Dossier, DossierEvent } from './model.ts';

/**
 * How a versioned command on a dossier opens, always in this order: the caller's role (a wrong
 * role learns nothing, not even that its body is invalid), the body, the dossier as this caller
 * may see it, and the version the caller last saw.
 */
export async function openDossierCommand<S extends z.ZodType>(
  ctx: ServiceContext,
  caller: Caller,
  roles: Role[],
  command: { id: string; expectedVersion: number | undefined; schema: S; input: unknown },
): Promise<{ role: Role; body: z.output<S>; d: Dossier }> {
  const role = requireRole(caller, ...roles);
  const body = parseOrThrow(command.schema, command.input);
  const d = await loadDossier(ctx, caller, command.id);
  expectVersion(d, command.expectedVersion);
  return { role, body, d };
}

/** 409 for a stale `If-Match`: the loser of a concurrent edit writes nothing. */
export const staleVersion = () =>
  conflict('Le dossier a été modifié entre-temps : rechargez-le puis recommencez.');

/** Checks the version the client saw (If-Match) before doing any work. */
export function expectVersion(d: Dossier, expected: number | undefined) {
  if (expected === undefined) {
    throw new AppError(
      428,
      'version-requise',
      'Version requise',
      'En-tête If-Match (version du dossier) obligatoire.',
    );
  }
  if (d.version !== expected) throw staleVersion();
}

export function newEvent(
  ctx: ServiceContext,
  caller: Caller,
  role: Role,
  d: Dossier,
  e: Pick<DossierEvent, 'action' | 'to'> & Partial<Pick<DossierEvent, 'why' | 'detail'>>,
): DossierEvent {
  return {
    id: randomUUID(),
    dossierId: d.id,
    at: ctx.now().toISOString(),
    actorSub: caller.sub,
    actorName: caller.name,
    role,
    from: d.status,
    ...e,
  };
}

export interface WriteOptions {
  /** Other items of the same transaction (commitment, envelope, payment…). */
  readonly extra?: readonly LabelledItem[];
  /** Maps a failed condition on one of the extra items to a clear error. */
  readonly onConditionFailed?: (
    label: string,
    item: Record<string, unknown> | undefined,
  ) => AppError | undefined;
}

/**
 * Writes the new dossier (version + 1, guarded by the old version), its audit event and any
 * other items in one transaction. Concurrent transactions on the same items are retried a few
 * times (nothing was written); a failed condition becomes a 409 that names what failed.
 */
export async function writeDossier(
  ctx: ServiceContext,
  before: Dossier,
  after: Dossier,
  event: DossierEvent | null,
  opts: WriteOptions = {},
): Promise<Dossier> {
  const next: Dossier = { ...after, version: before.version + 1, updatedAt: ctx.now().toISOString() };
  const items: LabelledItem[] = [
    replaceDossierTx(ctx.store, next, before.version),
    ...(event ? [putEventTx(ctx.store, event)] : []),
    ...(opts.extra ?? []),
    // The e-mails this change owes, written with it (the outbox, ../notifications/outbox.ts).
    ...(await notificationsFor(ctx, before, next, event)),
  ];
  for (let attempt = 0; ; attempt++) {
    try {
      await transact(ctx.store, items);
      return next;
    } catch (e) {
      if (e instanceof TransactionConflictError && attempt < 8) {
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * (attempt + 1)));
        continue;
      }
      if (e instanceof TransactionConflictError) {
        throw new AppError(
          503,
          'reessayer',
          'Service occupé',
          'Trop de modifications simultanées : réessayez.',
        );
      }
      if (e instanceof ConditionFailedError) {
        if (e.label === 'dossier') throw staleVersion();
        throw opts.onConditionFailed?.(e.label, e.item) ?? conflict(`Écriture refusée (${e.label}).`);
      }
      throw e;
    }
  }
}

/**
 * Fires a lifecycle action: asks the domain whether it is allowed for the caller's role (with
 * motivation and verified documents), then writes the new state and its event atomically.
 */
export async function fireTransition(
  ctx: ServiceContext,
  caller: Caller,
  d: Dossier,
  action: Action,
  o: {
    motivation?: string | undefined;
    verifiedDocuments?: readonly string[];
    requiredDocuments?: {
      beforeDecision: readonly string[];
      beforeAdvance: readonly string[];
      beforePayment: readonly string[];
    };
    changes?: Partial<Dossier>;
    detail?: string;
    write?: WriteOptions;
  } = {},
): Promise<Dossier> {
  if (!findTransition(d.status, action)) {
    const check = canTransition(d.status, action, { role: caller.roles[0] ?? 'applicant' });
    throw conflict(check.ok ? 'Action impossible.' : check.reason);
  }
  let lastReason = '';
  for (const role of caller.roles) {
    const check = canTransition(d.status, action, {
      role,
      ...(o.motivation !== undefined ? { motivation: o.motivation } : {}),
      ...(o.verifiedDocuments ? { verifiedDocuments: o.verifiedDocuments } : {}),
      ...(o.requiredDocuments ? { requiredDocuments: o.requiredDocuments } : {}),
    });
    if (!check.ok) {
      lastReason = check.reason;
      continue;
    }
    const event = newEvent(ctx, caller, role, d, {
      action,
      to: check.to,
      ...(o.motivation ? { why: o.motivation } : {}),
      ...(o.detail ? { detail: o.detail } : {}),
    });
    return writeDossier(ctx, d, { ...d, ...o.changes, status: check.to }, event, o.write);
  }
  if (lastReason.startsWith('Le rôle')) throw forbidden(lastReason);
  throw unprocessable(lastReason || `Action impossible pour un dossier « ${stateLabels[d.status]} ».`);
}
