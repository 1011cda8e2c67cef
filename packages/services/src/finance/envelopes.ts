import { FUNDERS, funderLabels, oneOfFr, SCHEMES } from '@aides/domain';
import { ConditionFailedError, entity, getItem, keys, queryAll, transact, tx } from '@aides/store';
import * as z from 'zod';
import { type Envelope, envelopeId } from '../bureau/model.ts';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import { conflict, notFound, parseOrThrow } from '../errors.ts';

const positiveCents = z
  .number({ error: 'Montant en centimes attendu' })
  .int('Montant en centimes entiers')
  .positive('Montant strictement positif attendu')
  .max(1e13, 'Montant trop élevé');

export const createEnvelopeInput = z.object({
  scheme: z.enum(SCHEMES, { error: 'Dispositif inconnu' }),
  year: z.number({ error: 'Année attendue' }).int().min(2017, 'Année invalide').max(2100, 'Année invalide'),
  funder: z.enum(FUNDERS, {
    error: `Financeur : choisissez ${oneOfFr(FUNDERS.map((f) => funderLabels[f]))}`,
  }),
  amountCents: positiveCents,
  budgetLine: z.string().trim().max(64).optional(),
  label: z.string().trim().max(200).optional(),
});

export async function createEnvelope(ctx: ServiceContext, caller: Caller, input: unknown): Promise<Envelope> {
  requireRole(caller, 'finance', 'admin');
  const b = parseOrThrow(createEnvelopeInput, input);
  const now = ctx.now().toISOString();
  const e: Envelope = {
    id: envelopeId(b.scheme, b.year, b.funder),
    scheme: b.scheme,
    year: b.year,
    funder: b.funder,
    budgetLine: b.budgetLine ?? envelopeId(b.scheme, b.year, b.funder),
    label: b.label ?? `${b.scheme} ${b.year} — ${b.funder}`,
    amountCents: b.amountCents,
    committedCents: 0,
    paidCents: 0,
    availableCents: b.amountCents,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await transact(ctx.store, [
      {
        label: 'envelope',
        item: tx.putNew(ctx.store, {
          ...keys.envelope(e.scheme, e.year, e.funder),
          ...keys.envelopeList(e.year, e.scheme, e.funder),
          type: 'envelope',
          ...e,
        }),
      },
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError)
      throw conflict(`L’enveloppe ${e.id} existe déjà : augmentez-la plutôt.`);
    throw err;
  }
  return e;
}

function parseEnvelopeId(id: string) {
  const m = /^(FTE|TPE|ESS|HABITAT)-(\d{4})-(agglomeration|anah|region)$/.exec(id);
  if (!m) throw notFound('Enveloppe introuvable.');
  return { scheme: m[1] as string, year: Number(m[2]), funder: m[3] as string };
}

export async function getEnvelope(ctx: ServiceContext, caller: Caller, id: string): Promise<Envelope> {
  requireRole(caller, 'finance', 'bureau', 'admin');
  const k = parseEnvelopeId(id);
  const item = await getItem(ctx.store, keys.envelope(k.scheme, k.year, k.funder));
  if (!item) throw notFound('Enveloppe introuvable.');
  return entity<Envelope>(item);
}

export const raiseInput = z.object({ amountCents: positiveCents });

/** Raises an envelope: amount and available grow together, so committed + available = amount. */
export async function raiseEnvelope(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: unknown,
): Promise<Envelope> {
  requireRole(caller, 'finance', 'admin');
  const { amountCents } = parseOrThrow(raiseInput, input);
  const k = parseEnvelopeId(id);
  try {
    await transact(ctx.store, [
      {
        label: 'envelope',
        item: tx.update(
          ctx.store,
          keys.envelope(k.scheme, k.year, k.funder),
          'SET amountCents = amountCents + :x, availableCents = availableCents + :x, updatedAt = :at',
          {
            condition: 'attribute_exists(pk)',
            values: { ':x': amountCents, ':at': ctx.now().toISOString() },
          },
        ),
      },
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) throw notFound('Enveloppe introuvable.');
    throw err;
  }
  return getEnvelope(ctx, caller, id);
}

export async function listEnvelopes(ctx: ServiceContext, caller: Caller, year?: number): Promise<Envelope[]> {
  requireRole(caller, 'finance', 'bureau', 'admin');
  const out: Envelope[] = [];
  for await (const page of queryAll<Envelope>(ctx.store, {
    index: 'byStatus',
    pk: 'ENVELOPES',
    ...(year ? { prefix: `${year}#` } : {}),
  }))
    out.push(...page);
  return out;
}
