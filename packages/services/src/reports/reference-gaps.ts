import { referenceFor, SCHEMES, type Scheme, schemeLabels } from '@aides/domain';
import { lastReferenceNumber, readReferenceClaims } from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import { UNKNOWN_GAP_REASON } from '../dossiers/numbering.ts';
import { parseOrThrow } from '../errors.ts';

export const referenceGapsQuery = z.object({
  scheme: z.enum(SCHEMES, { error: 'Dispositif inconnu' }).optional(),
  year: z
    .string()
    .refine(
      (y) => /^\d{4}$/.test(y) && Number(y) >= 2017 && Number(y) <= 2100,
      'Année attendue sur 4 chiffres, entre 2017 et 2100',
    )
    .optional(),
});

export interface ReferenceGap {
  readonly number: number;
  readonly reference: string;
  readonly reason: string;
  /** True when the failed filing recorded its reason; false for a number no record explains. */
  readonly recorded: boolean;
  /** When the number was recorded as void. */
  readonly at?: string;
}

export interface SchemeReferenceGaps {
  readonly scheme: Scheme;
  readonly label: string;
  /** Numbers taken this year (the counter). */
  readonly taken: number;
  /** Numbers given to a filed dossier. */
  readonly given: number;
  readonly gaps: readonly ReferenceGap[];
}

export interface ReferenceGapsReport {
  readonly year: number;
  readonly generatedAt: string;
  readonly schemes: readonly SchemeReferenceGaps[];
  readonly method: string;
}

const METHOD =
  'Chaque dépôt prend le numéro suivant du dispositif et de l’année, puis enregistre le dossier. ' +
  'Si cet enregistrement échoue, le numéro est déclaré non attribué avec son motif. Si le traitement ' +
  's’est interrompu avant (arrêt du serveur, délai dépassé), aucun motif n’a pu être noté : le numéro ' +
  `apparaît avec le motif « ${UNKNOWN_GAP_REASON} ». Un dépôt en cours depuis quelques secondes peut ` +
  'figurer ici un instant ; il disparaît de la liste dès qu’il aboutit. Un numéro n’est jamais réattribué.';

async function gapsOf(ctx: ServiceContext, scheme: Scheme, year: number): Promise<SchemeReferenceGaps> {
  const taken = await lastReferenceNumber(ctx.store, scheme, year);
  const references = Array.from({ length: taken }, (_, i) => referenceFor(scheme, year, i + 1));
  const claims = await readReferenceClaims(ctx.store, references);
  const gaps: ReferenceGap[] = [];
  for (const [i, reference] of references.entries()) {
    const claim = claims.get(reference);
    if (claim?.state === 'given') continue;
    gaps.push(
      claim
        ? { number: i + 1, reference, reason: claim.reason, recorded: true, at: claim.at }
        : { number: i + 1, reference, reason: UNKNOWN_GAP_REASON, recorded: false },
    );
  }
  return { scheme, label: schemeLabels[scheme], taken, given: taken - gaps.length, gaps };
}

/**
 * « Numéros non attribués »: every number of the year's counter that no filed dossier carries,
 * with the reason recorded when its filing failed, or "unknown" when nothing could be recorded
 * (the counter against the claims, number by number: reads by key, never a Scan).
 */
export async function referenceGaps(
  ctx: ServiceContext,
  caller: Caller,
  query: unknown,
): Promise<ReferenceGapsReport> {
  requireRole(caller, 'instructor', 'finance', 'admin');
  const q = parseOrThrow(referenceGapsQuery, query ?? {});
  const year = q.year ? Number(q.year) : ctx.now().getUTCFullYear();
  const schemes = q.scheme ? [q.scheme] : [...SCHEMES];
  return {
    year,
    generatedAt: ctx.now().toISOString(),
    schemes: await Promise.all(schemes.map((s) => gapsOf(ctx, s, year))),
    method: METHOD,
  };
}
