import { randomUUID } from 'node:crypto';
import { FUNDERS, formatDateFr } from '@aides/domain';
import {
  ConditionFailedError,
  createAgendaItemTx,
  createSessionTxs,
  getSession as getStoredSession,
  listAgenda,
  listSessions as listStoredSessions,
  sessionOpenCheckTx,
  transact,
} from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { loadDossier, requireRole } from '../dossiers/access.ts';
import { expectVersion, fireTransition } from '../dossiers/transition.ts';
import { conflict, notFound, parseOrThrow, unprocessable } from '../errors.ts';
import { orBadCursor } from '../paging.ts';
import type { AgendaItem, BureauSession } from './model.ts';

export const createSessionInput = z.object({
  number: z
    .string({ error: 'Numéro de séance attendu' })
    .trim()
    .regex(
      /^[A-Za-z0-9-/]{1,32}$/,
      'Numéro de séance : lettres, chiffres, tirets ou barres obliques (32 au plus), par exemple 2026-12',
    ),
  date: z.iso.date({ error: 'Date de séance attendue (AAAA-MM-JJ)' }),
});

export async function createSession(
  ctx: ServiceContext,
  caller: Caller,
  input: unknown,
): Promise<BureauSession> {
  requireRole(caller, 'bureau', 'admin');
  const body = parseOrThrow(createSessionInput, input);
  const s: BureauSession = {
    id: randomUUID(),
    number: body.number,
    date: body.date,
    status: 'open',
    createdAt: ctx.now().toISOString(),
    createdBy: caller.sub,
  };
  try {
    await transact(ctx.store, createSessionTxs(ctx.store, s));
  } catch (e) {
    if (e instanceof ConditionFailedError && e.label === 'number')
      throw conflict(`La séance n° ${s.number} existe déjà.`);
    throw e;
  }
  return s;
}

export async function listSessions(ctx: ServiceContext, caller: Caller, cursor?: string) {
  requireRole(caller, 'bureau', 'instructor', 'finance', 'admin');
  return orBadCursor(() => listStoredSessions<BureauSession>(ctx.store, cursor));
}

export async function loadSession(ctx: ServiceContext, sessionId: string): Promise<BureauSession> {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(sessionId)) throw notFound('Séance introuvable.');
  const session = await getStoredSession<BureauSession>(ctx.store, sessionId);
  if (!session) throw notFound('Séance introuvable.');
  return session;
}

export async function readAgenda(ctx: ServiceContext, sessionId: string): Promise<AgendaItem[]> {
  const out = await listAgenda<AgendaItem>(ctx.store, sessionId);
  return out.sort((a, b) => a.reference.localeCompare(b.reference));
}

export async function getSession(ctx: ServiceContext, caller: Caller, sessionId: string) {
  requireRole(caller, 'bureau', 'instructor', 'finance', 'admin');
  const session = await loadSession(ctx, sessionId);
  const agenda = await readAgenda(ctx, sessionId);
  const totals = Object.fromEntries(FUNDERS.map((f) => [f, 0])) as Record<string, number>;
  for (const a of agenda) {
    if (a.decision?.outcome === 'favourable')
      for (const f of FUNDERS) totals[f] = (totals[f] ?? 0) + (a.amountsByFunder[f] ?? 0);
  }
  return { session, agenda, committedByFunder: totals };
}

export const scheduleInput = z.object({ dossierId: z.string({ error: 'Dossier attendu' }).min(1).max(64) });

/** The open session and the dossier at the version the caller saw: what every agenda change starts from. */
export async function openSessionAndDossier(
  ctx: ServiceContext,
  caller: Caller,
  sessionId: string,
  dossierId: string,
  expectedVersion: number | undefined,
) {
  const session = await loadSession(ctx, sessionId);
  if (session.status !== 'open') throw conflict('Cette séance est close.');
  const dossier = await loadDossier(ctx, caller, dossierId);
  expectVersion(dossier, expectedVersion);
  return { session, dossier };
}

/** Puts a proposed (or adjourned) dossier on an open session's agenda. */
export async function scheduleDossier(
  ctx: ServiceContext,
  caller: Caller,
  sessionId: string,
  expectedVersion: number | undefined,
  input: unknown,
) {
  requireRole(caller, 'bureau', 'admin');
  const { dossierId } = parseOrThrow(scheduleInput, input);
  const { session, dossier: d } = await openSessionAndDossier(
    ctx,
    caller,
    sessionId,
    dossierId,
    expectedVersion,
  );
  if (!d.proposal) throw unprocessable('Ce dossier n’a pas de proposition.');
  const item: AgendaItem = {
    sessionId,
    dossierId: d.id,
    reference: d.reference ?? d.id,
    scheme: d.scheme,
    beneficiary: d.beneficiary ?? '',
    ...(d.communeInsee ? { communeInsee: d.communeInsee } : {}),
    proposalKind: d.proposal.kind,
    amountsByFunder: d.proposal.amountsByFunder,
    totalCents: d.proposal.totalCents,
    addedAt: ctx.now().toISOString(),
  };
  return fireTransition(ctx, caller, d, 'schedule', {
    changes: { sessionId },
    detail: `Séance n° ${session.number} du ${formatDateFr(session.date)}`,
    write: {
      extra: [createAgendaItemTx(ctx.store, item), sessionOpenCheckTx(ctx.store, sessionId)],
      onConditionFailed: (label) =>
        label === 'agenda'
          ? conflict('Ce dossier est déjà à l’ordre du jour de cette séance.')
          : label === 'session'
            ? conflict('Cette séance est close.')
            : undefined,
    },
  });
}
