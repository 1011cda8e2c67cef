import { FUNDERS, funderLabels, oneOfFr, SCHEMES } from '@aides/domain';
import {
  ConditionFailedError,
  createEnvelopeTx,
  getEnvelope as getStoredEnvelope,
  listEnvelopes as listStoredEnvelopes,
  raiseEnvelopeTx,
  transact,
} from '@aides/store';
import * as z from 'zod';
import { type Envelope, envelopeId } from '../bureau/model.ts';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import { conflict, notFound, parseOrThrow } from '../errors.ts';
import { BUDGET_LINE_MESSAGE, BUDGET_LINE_PATTERN } from './budget-line.ts';

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
  /** As finance enters it, M57 chapter-article-function (e.g. 204-20422-72); commitments and payments carry it. */
  budgetLine: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string({ error: 'Ligne budgétaire : texte attendu' })
      .trim()
      .regex(BUDGET_LINE_PATTERN, BUDGET_LINE_MESSAGE)
      .optional(),
  ),
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
    releasedCents: 0,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await transact(ctx.store, [createEnvelopeTx(ctx.store, e)]);
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
  const envelope = await getStoredEnvelope<Envelope>(ctx.store, k);
  if (!envelope) throw notFound('Enveloppe introuvable.');
  return envelope;
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
    await transact(ctx.store, [raiseEnvelopeTx(ctx.store, k, amountCents, ctx.now().toISOString())]);
  } catch (err) {
    if (err instanceof ConditionFailedError) throw notFound('Enveloppe introuvable.');
    throw err;
  }
  return getEnvelope(ctx, caller, id);
}

export async function listEnvelopes(ctx: ServiceContext, caller: Caller, year?: number): Promise<Envelope[]> {
  requireRole(caller, 'finance', 'bureau', 'admin');
  return listStoredEnvelopes<Envelope>(ctx.store, year);
}
