import { DOSSIER_STATES, type DossierState, SCHEMES } from '@aides/domain';
import { InvalidCursorError, keys, queryCount, queryPage } from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import type { Dossier } from '../dossiers/model.ts';
import { badRequest, parseOrThrow } from '../errors.ts';

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

const communeFilter = (commune?: string) =>
  commune
    ? {
        expression: '#commune = :commune',
        names: { '#commune': 'communeInsee' },
        values: { ':commune': commune },
      }
    : undefined;

/**
 * The queue's search, a filter on the same Query (never a Scan): the reference or the
 * beneficiary's name containing the words typed, or the company's or structure's SIRET.
 */
const searchFilter = (search?: string) => {
  if (!search) return undefined;
  const siret = search.replace(/\s/g, '');
  return {
    expression:
      '(contains(#ref, :ref) OR contains(#ben, :text) OR #app.#company.#siret = :siret OR #app.#structure.#siret = :siret)',
    names: {
      '#ref': 'reference',
      '#ben': 'beneficiary',
      '#app': 'application',
      '#company': 'company',
      '#structure': 'structure',
      '#siret': 'siret',
    },
    values: { ':ref': search.toUpperCase(), ':text': search, ':siret': siret },
  };
};

type Filter = NonNullable<ReturnType<typeof communeFilter>>;
/** Both filters, when both are asked for. */
function allOf(...filters: (Filter | ReturnType<typeof searchFilter>)[]) {
  const present = filters.filter((f) => f !== undefined);
  if (present.length === 0) return undefined;
  return {
    expression: present.map((f) => f.expression).join(' AND '),
    names: Object.assign({}, ...present.map((f) => f.names)) as Record<string, string>,
    values: Object.assign({}, ...present.map((f) => f.values)) as Record<string, string>,
  };
}

async function page(run: () => Promise<{ items: Dossier[]; cursor?: string | undefined }>) {
  try {
    return await run();
  } catch (e) {
    if (e instanceof InvalidCursorError)
      throw badRequest('Curseur de pagination invalide.', [
        { pointer: '/cursor', detail: 'Curseur invalide' },
      ]);
    throw e;
  }
}

/** A queue by scheme and status, oldest filing first: a Query on the byStatus index, never a Scan. */
export async function queue(ctx: ServiceContext, caller: Caller, query: unknown) {
  requireRole(caller, 'instructor', 'bureau', 'finance', 'admin');
  const q = parseOrThrow(queueQuery, query);
  const filter = allOf(communeFilter(q.commune), searchFilter(q.search));
  const between = dateRange(q.from, q.to);
  return page(() =>
    queryPage<Dossier>(ctx.store, {
      index: 'byStatus',
      pk: keys.statusPartition(q.scheme, q.status),
      limit: q.limit,
      cursor: q.cursor,
      ...(between ? { between } : {}),
      ...(filter ? { filter } : {}),
    }),
  );
}

/** "Assigned to me", every scheme and status, oldest filing first. */
export async function myQueue(ctx: ServiceContext, caller: Caller, query: unknown) {
  requireRole(caller, 'instructor', 'admin');
  const q = parseOrThrow(mineQuery, query);
  const filter = communeFilter(q.commune);
  const between = dateRange(q.from, q.to);
  return page(() =>
    queryPage<Dossier>(ctx.store, {
      index: 'byAssignee',
      pk: keys.assigneePartition(caller.sub),
      limit: q.limit,
      cursor: q.cursor,
      ...(between ? { between } : {}),
      ...(filter ? { filter } : {}),
    }),
  );
}

/** Number of dossiers per status for a scheme (Select COUNT per index partition). */
export async function queueCounts(ctx: ServiceContext, caller: Caller, scheme: unknown) {
  requireRole(caller, 'instructor', 'bureau', 'finance', 'admin');
  const s = parseOrThrow(z.enum(SCHEMES, { error: 'Dispositif inconnu' }), scheme);
  const counts = await Promise.all(
    FILED_STATES.map(
      async (status) =>
        [
          status,
          await queryCount(ctx.store, { index: 'byStatus', pk: keys.statusPartition(s, status) }),
        ] as const,
    ),
  );
  return Object.fromEntries(counts) as Record<DossierState, number>;
}
