import { deleteAgendaItemTx } from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import { fireTransition } from '../dossiers/transition.ts';
import { conflict, notFound, parseOrThrow } from '../errors.ts';
import { openSessionAndDossier } from './sessions.ts';

export const unscheduleInput = z.object({ dossierId: z.string({ error: 'Dossier attendu' }).min(1).max(64) });

/**
 * Takes a dossier off an open session's agenda before its decision: back to « Proposé au
 * Bureau », to be scheduled again. The agenda line goes in the same transaction as the state
 * change and its audit event (which names the session).
 */
export async function unscheduleDossier(
  ctx: ServiceContext,
  caller: Caller,
  sessionId: string,
  expectedVersion: number | undefined,
  input: unknown,
) {
  requireRole(caller, 'bureau', 'admin');
  const { dossierId } = parseOrThrow(unscheduleInput, input);
  const { session, dossier: d } = await openSessionAndDossier(
    ctx,
    caller,
    sessionId,
    dossierId,
    expectedVersion,
  );
  if (d.sessionId !== sessionId) throw notFound('Ce dossier n’est pas à l’ordre du jour de cette séance.');
  const { sessionId: _left, ...rest } = d;
  return fireTransition(ctx, caller, rest as typeof d, 'unschedule', {
    detail: `Retiré de l’ordre du jour de la séance n° ${session.number}`,
    write: {
      extra: [deleteAgendaItemTx(ctx.store, sessionId, d.id)],
      onConditionFailed: (label) =>
        label === 'agenda' ? conflict('Ce dossier n’est plus à l’ordre du jour de cette séance.') : undefined,
    },
  });
}
