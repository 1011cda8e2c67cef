import {
  beneficiaryDetails,
  FUNDERS,
  type Funder,
  formatDateFr,
  formatEuros,
  funderLabels,
} from '@aides/domain';
import {
  createCommitmentTx,
  debitEnvelopeTx,
  getEnvelope,
  type LabelledItem,
  recordAgendaDecisionTx,
} from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { loadDossier, requireRole } from '../dossiers/access.ts';
import type { Dossier } from '../dossiers/model.ts';
import { expectVersion, fireTransition } from '../dossiers/transition.ts';
import { conflict, notFound, parseOrThrow, unprocessable } from '../errors.ts';
import { parisDate, parisMidnight } from '../finance/csv.ts';
import { tpeClassifier } from '../reports/tpe-classification.ts';
import { type BureauSession, type Commitment, type Envelope, envelopeId } from './model.ts';
import { loadSession } from './sessions.ts';

const motivation = z
  .string({ error: 'Motivation attendue' })
  .trim()
  .min(1, 'La motivation est obligatoire')
  .max(2000, 'Motivation trop longue');

export const decisionInput = z.discriminatedUnion(
  'outcome',
  [
    z.object({
      dossierId: z.string().min(1).max(64),
      outcome: z.literal('favourable'),
      deliberationNumber: z
        .string({ error: 'Numéro de délibération attendu' })
        .trim()
        .regex(
          /^[A-Za-z0-9-/]{1,40}$/,
          'Numéro de délibération : lettres, chiffres, tirets ou barres obliques (40 au plus), par exemple B2026-015',
        ),
    }),
    z.object({ dossierId: z.string().min(1).max(64), outcome: z.literal('unfavourable'), motivation }),
    z.object({ dossierId: z.string().min(1).max(64), outcome: z.literal('adjourned'), motivation }),
  ],
  { error: 'Décision : choisissez favorable, défavorable ou ajourné' },
);

/**
 * The dates of a decision taken in a session (issue 13§4): the decision date is the session's
 * date, its instant the start of that day in Europe/Paris (what reports and export periods
 * compare), and the moment it was typed in is kept apart for the audit. A session cannot be
 * decided before its date: 409, nothing written.
 */
export function decisionDates(session: Pick<BureauSession, 'date' | 'number'>, now: Date) {
  const today = parisDate(now.toISOString());
  if (session.date > today)
    throw conflict(
      `La séance n° ${session.number} est datée du ${formatDateFr(session.date)} : ses décisions ne peuvent pas être enregistrées avant cette date (nous sommes le ${formatDateFr(today)}).`,
    );
  return { date: session.date, at: parisMidnight(session.date).toISOString(), recordedAt: now.toISOString() };
}

/**
 * Records the Bureau's decision on a dossier of the session's agenda. A favourable decision
 * commits each funder's amount against its envelope (scheme, year, funder) in the same
 * transaction as the state change and its audit event: an envelope that cannot hold it fails
 * the whole transaction with 409, whatever the concurrency. The decision and its commitments
 * are dated by the session (decisionDates); commitments carry the envelope's budget line as
 * entered (M57 chapter-article-function) and the beneficiary's details as at the decision.
 */
export async function recordDecision(
  ctx: ServiceContext,
  caller: Caller,
  sessionId: string,
  expectedVersion: number | undefined,
  input: unknown,
) {
  requireRole(caller, 'bureau', 'admin');
  const body = parseOrThrow(decisionInput, input);
  const session = await loadSession(ctx, sessionId);
  const d = await loadDossier(ctx, caller, body.dossierId);
  expectVersion(d, expectedVersion);
  if (d.sessionId !== sessionId) throw notFound('Ce dossier n’est pas à l’ordre du jour de cette séance.');
  const dates = decisionDates(session, ctx.now());
  const { at } = dates;
  const agendaUpdate = (decision: Record<string, unknown>): LabelledItem =>
    recordAgendaDecisionTx(ctx.store, sessionId, d.id, { ...decision, ...dates, by: caller.sub });

  if (body.outcome === 'unfavourable' || body.outcome === 'adjourned') {
    const decision = { outcome: body.outcome, sessionId, motivation: body.motivation, ...dates };
    return fireTransition(ctx, caller, d, body.outcome === 'adjourned' ? 'adjourn' : 'reject', {
      motivation: body.motivation,
      changes: { decision },
      detail: `Séance n° ${session.number}`,
      write: { extra: [agendaUpdate(decision)] },
    });
  }

  if (d.proposal?.kind !== 'grant' || d.proposal.totalCents <= 0) {
    throw unprocessable('Avis favorable impossible : la proposition est un refus ou n’a pas de montant.');
  }
  const year = Number(session.date.slice(0, 4));
  const amounts = FUNDERS.map((f) => [f, d.proposal?.amountsByFunder[f] ?? 0] as const).filter(
    ([, c]) => c > 0,
  );
  const extra: LabelledItem[] = [
    agendaUpdate({ outcome: 'favourable', deliberationNumber: body.deliberationNumber }),
  ];
  // TPE (issue 14): rural or QPV as confirmed by the instruction, kept on the commitment for the exports.
  const tpeArea = d.scheme === 'TPE' ? (await tpeClassifier(ctx))(d) : undefined;
  const details = beneficiaryDetails(d.scheme, d.application, d.communeInsee, tpeArea);
  for (const [funder, cents] of amounts) {
    // The budget line as finance entered it on the envelope; a missing envelope fails the debit below.
    const envelope = await getEnvelope<Envelope>(ctx.store, { scheme: d.scheme, year, funder });
    extra.push(debitEnvelopeTx(ctx.store, { scheme: d.scheme, year, funder }, cents, at));
    extra.push(
      createCommitmentTx(
        ctx.store,
        newCommitment(d, funder, cents, {
          year,
          sessionId,
          sessionNumber: session.number,
          deliberationNumber: body.deliberationNumber,
          budgetLine: envelope?.budgetLine ?? envelopeId(d.scheme, year, funder),
          details,
          ...dates,
        }),
      ),
    );
  }
  const decision = {
    outcome: 'favourable' as const,
    sessionId,
    deliberationNumber: body.deliberationNumber,
    ...dates,
  };
  return fireTransition(ctx, caller, d, 'approve', {
    changes: { decision, committedByFunder: Object.fromEntries(amounts), paidByFunder: {} },
    detail: `Délibération n° ${body.deliberationNumber}, séance n° ${session.number}`,
    write: {
      extra,
      onConditionFailed: (label, item) => {
        if (!label.startsWith('envelope:'))
          return label === 'commitment' ? conflict('Ce dossier est déjà engagé.') : undefined;
        const funder = label.slice('envelope:'.length) as Funder;
        const needed = d.proposal?.amountsByFunder[funder] ?? 0;
        if (!item)
          return conflict(
            `Aucune enveloppe ${d.scheme} ${year} pour le financeur ${funderLabels[funder]} (${envelopeId(d.scheme, year, funder)}).`,
          );
        return conflict(
          `Enveloppe ${d.scheme} ${year} ${funderLabels[funder]} insuffisante : ${formatEuros(Number(item.availableCents))} disponibles pour ${formatEuros(needed)} à engager.`,
        );
      },
    },
  });
}

function newCommitment(
  d: Dossier,
  funder: Funder,
  cents: number,
  o: {
    year: number;
    sessionId: string;
    sessionNumber: string;
    deliberationNumber: string;
    budgetLine: string;
    details: Commitment['details'];
    at: string;
    date: string;
    recordedAt: string;
  },
): Commitment {
  return {
    id: `${d.id}-${funder}`,
    dossierId: d.id,
    reference: d.reference ?? d.id,
    scheme: d.scheme,
    year: o.year,
    funder,
    beneficiary: d.beneficiary ?? '',
    budgetLine: o.budgetLine,
    amountCents: cents,
    paidCents: 0,
    remainingCents: cents,
    releasedCents: 0,
    status: 'active',
    sessionId: o.sessionId,
    sessionNumber: o.sessionNumber,
    deliberationNumber: o.deliberationNumber,
    committedAt: o.at,
    decisionDate: o.date,
    recordedAt: o.recordedAt,
    ...(o.details ? { details: o.details } : {}),
    ...((d.proposal?.computed ?? d.amounts)?.repayableAdvance
      ? { nature: 'repayable_advance' as const }
      : {}),
    payments: [],
  };
}
