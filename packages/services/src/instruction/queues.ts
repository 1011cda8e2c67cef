import { DOSSIER_STATES, type DossierState, SCHEMES } from '@aides/domain';
import { countByStatus, queueByAssignee, queueByStatus } from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import type { Dossier } from '../dossiers/model.ts';
import { parseOrThrow } from '../errors.ts';
import { orBadCursor } from '../paging.ts';

const day = z.iso.date({ error: 'Date attendue au format AAAA-MM-JJ' });
const FILED_STATES = DOSSIER_STATES.filter((s) => s !== 'draft') as [DossierState, ...DossierState[]];

export const queueQuery = z.object({
  scheme: z.enum(SCHEMES, { error: 'Dispositif inconnu' }),
  status: z.enum(FILED_STATES, { error: 'Statut inconnu' }).default('submitted'),
  commune: z
    .string()
    .regex(/^\d[\dAB]\d{3}$/, 'Code INSEE invalide')
    .optional(),
  from: day.optional(),
  to: day.optional(),
  /** A reference, part of the beneficiary's name, or a SIRET (company or structure). */
  search: z.string().trim().max(100, 'Recherche trop longue').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});

export const mineQuery = queueQuery.pick({ commune: true, from: true, to: true, limit: true, cursor: true });

/** Filing-date window as a sort-key range (`<iso date>#<id>`). */
function dateRange(from?: string, to?: string): readonly [string, string] | undefined {
  if (!from && !to) return undefined;
  return [from ?? '0000', `${to ?? '9999-12-31'}T99`];
}

/** A queue by scheme and status, oldest filing first: a Query on the byStatus index, never a Scan. */
export async function queue(ctx: ServiceContext, caller: Caller, query: unknown) {
  requireRole(caller, 'instructor', 'bureau', 'finance', 'admin');
  const q = parseOrThrow(queueQuery, query);
  const options = {
    limit: q.limit,
    cursor: q.cursor,
    between: dateRange(q.from, q.to),
    commune: q.commune,
    search: q.search || undefined,
  };
  return orBadCursor(() => queueByStatus<Dossier>(ctx.store, q.scheme, q.status, options));
}

/** "Assigned to me", every scheme and status, oldest filing first. */
export async function myQueue(ctx: ServiceContext, caller: Caller, query: unknown) {
  requireRole(caller, 'instructor', 'admin');
  const q = parseOrThrow(mineQuery, query);
  const options = { limit: q.limit, cursor: q.cursor, between: dateRange(q.from, q.to), commune: q.commune };
  return orBadCursor(() => queueByAssignee<Dossier>(ctx.store, caller.sub, options));
}

/** Number of dossiers per status for a scheme (Select COUNT per index partition). */
export async function queueCounts(ctx: ServiceContext, caller: Caller, scheme: unknown) {
  requireRole(caller, 'instructor', 'bureau', 'finance', 'admin');
  const s = parseOrThrow(z.enum(SCHEMES, { error: 'Dispositif inconnu' }), scheme);
  const counts = await Promise.all(
    FILED_STATES.map(async (status) => [status, await countByStatus(ctx.store, s, status)] as const),
  );
  return Object.fromEntries(counts) as Record<DossierState, number>;
}
