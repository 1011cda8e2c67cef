import {
  ConditionFailedError,
  eliminationEntries,
  getEliminationList,
  listEliminationLists,
  replaceEliminationListTx,
  transact,
} from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import { conflict, notFound, parseOrThrow } from '../errors.ts';
import type { EliminationEntry, EliminationList } from './model.ts';

export async function listLists(ctx: ServiceContext, caller: Caller): Promise<EliminationList[]> {
  requireRole(caller, 'admin');
  return listEliminationLists<EliminationList>(ctx.store);
}

export async function readList(ctx: ServiceContext, caller: Caller, listId: string) {
  requireRole(caller, 'admin');
  if (!/^[A-Za-z0-9-]{1,64}$/.test(listId)) throw notFound('Bordereau introuvable.');
  const list = await getEliminationList<EliminationList>(ctx.store, listId);
  if (!list) throw notFound('Bordereau introuvable.');
  const entries = await eliminationEntries<EliminationEntry>(ctx.store, listId);
  return { list, entries };
}

export const visaInput = z.object({
  visaReference: z
    .string({ error: 'Référence du visa attendue' })
    .trim()
    .min(3, 'Référence du visa obligatoire (au moins 3 caractères)')
    .max(200, 'Référence du visa trop longue'),
  visaDate: z.iso.date({ error: 'Date du visa attendue (AAAA-MM-JJ)' }),
});

/**
 * An admin records the archives service's visa on a proposed list (audited: who, when, which
 * visa). The retention job purges its dossiers at its next run, each tombstone's audit event
 * naming the visa.
 */
export async function approveList(ctx: ServiceContext, caller: Caller, listId: string, input: unknown) {
  requireRole(caller, 'admin');
  const body = parseOrThrow(visaInput, input);
  const { list } = await readList(ctx, caller, listId);
  if (list.status !== 'proposed') throw conflict('Ce bordereau a déjà reçu son visa.');
  const approved: EliminationList = {
    ...list,
    status: 'approved',
    visaReference: body.visaReference,
    visaDate: body.visaDate,
    approvedAt: ctx.now().toISOString(),
    approvedBy: caller.sub,
    approvedByName: caller.name,
  };
  try {
    await transact(ctx.store, [replaceEliminationListTx(ctx.store, approved, 'proposed')]);
  } catch (e) {
    if (e instanceof ConditionFailedError) throw conflict('Ce bordereau a déjà reçu son visa.');
    throw e;
  }
  return approved;
}
