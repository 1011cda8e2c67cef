import { formatDateFr } from '@aides/domain';
import { ConditionFailedError, recordSessionMinutesTx, transact } from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import { conflict, parseOrThrow, unprocessable } from '../errors.ts';
import type { BureauSession } from './model.ts';
import { loadSession } from './sessions.ts';

/**
 * What the Bureau secretary records of a session for its deliberation extract: the members in
 * office and present, the quorum, who signs, and — once done — the dates of transmission to the
 * préfecture and of publication, which make the deliberations enforceable (« certifié exécutoire »,
 * CGCT art. L2131-1 by L5211-3). The extract is final only once all of these are recorded.
 */
export interface SessionMinutes {
  membersInOffice: number;
  membersPresent: string[];
  /** Proxies given by absent members (pouvoirs). */
  proxies: number;
  /** Members needed for the Bureau to deliberate (more than half of those in office). */
  quorum: number;
  signatory: { name: string; title: string };
  transmittedOn?: string;
  publishedOn?: string;
  recordedAt: string;
  recordedBy: string;
}

const name = z
  .string({ error: 'Nom attendu' })
  .trim()
  .min(1, 'Nom vide')
  .max(120, 'Nom trop long (120 caractères au plus)');
const optionalDay = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z.iso.date({ error: 'Date attendue (AAAA-MM-JJ)' }).optional(),
);

export const sessionMinutesInput = z
  .object({
    membersInOffice: z
      .number({ error: 'Nombre de membres en exercice attendu' })
      .int('Nombre entier attendu')
      .min(1, 'Au moins un membre en exercice')
      .max(500, 'Au plus 500 membres'),
    membersPresent: z
      .array(name, { error: 'Liste des membres présents attendue' })
      .min(1, 'Indiquez les membres présents')
      .max(500, 'Au plus 500 membres présents'),
    proxies: z
      .number({ error: 'Nombre de pouvoirs attendu' })
      .int('Nombre entier attendu')
      .min(0, 'Nombre positif ou nul')
      .max(500, 'Au plus 500 pouvoirs')
      .default(0),
    quorum: z.number({ error: 'Quorum attendu' }).int('Nombre entier attendu').min(1, 'Quorum d’au moins 1'),
    signatory: z.object(
      {
        name: name,
        title: z
          .string({ error: 'Qualité du signataire attendue' })
          .trim()
          .min(1, 'Qualité du signataire attendue (par exemple « Le Président »)')
          .max(120, 'Qualité trop longue'),
      },
      { error: 'Signataire attendu : nom et qualité' },
    ),
    transmittedOn: optionalDay,
    publishedOn: optionalDay,
  })
  .strict();

export type SessionMinutesInput = z.output<typeof sessionMinutesInput>;

/** Checks that need the session: quorum reached, dates on or after the session, publication after none. */
export function checkMinutes(session: Pick<BureauSession, 'date'>, m: SessionMinutesInput, today: string) {
  const errors: { path: (string | number)[]; message: string }[] = [];
  const majority = Math.floor(m.membersInOffice / 2) + 1;
  if (m.quorum > m.membersInOffice)
    errors.push({ path: ['quorum'], message: 'Le quorum ne peut dépasser le nombre de membres en exercice' });
  else if (m.quorum < majority)
    errors.push({
      path: ['quorum'],
      message: `Le quorum est la majorité des membres en exercice : ${majority} au moins pour ${m.membersInOffice}`,
    });
  const present = new Set(m.membersPresent.map((p) => p.toLocaleLowerCase('fr-FR')));
  if (present.size !== m.membersPresent.length)
    errors.push({ path: ['membersPresent'], message: 'Un membre est inscrit deux fois' });
  if (m.membersPresent.length > m.membersInOffice)
    errors.push({ path: ['membersPresent'], message: 'Plus de présents que de membres en exercice' });
  else if (m.membersPresent.length < m.quorum)
    errors.push({
      path: ['membersPresent'],
      message: `Quorum non atteint : ${m.membersPresent.length} présents pour un quorum de ${m.quorum}`,
    });
  if (m.membersPresent.length + m.proxies > m.membersInOffice)
    errors.push({ path: ['proxies'], message: 'Présents et pouvoirs dépassent les membres en exercice' });
  for (const field of ['transmittedOn', 'publishedOn'] as const) {
    const day = m[field];
    if (!day) continue;
    if (day < session.date)
      errors.push({ path: [field], message: `Date antérieure à la séance du ${formatDateFr(session.date)}` });
    else if (day > today) errors.push({ path: [field], message: 'Date dans le futur' });
  }
  if (m.publishedOn && !m.transmittedOn)
    errors.push({
      path: ['transmittedOn'],
      message: 'Indiquez aussi la date de transmission à la préfecture',
    });
  return errors;
}

/** Records (or corrects) a session's minutes, until its extract is issued. */
export async function recordSessionMinutes(
  ctx: ServiceContext,
  caller: Caller,
  sessionId: string,
  input: unknown,
): Promise<{ session: BureauSession; minutes: SessionMinutes }> {
  requireRole(caller, 'bureau', 'admin');
  const session = await loadSession(ctx, sessionId);
  const body = parseOrThrow(sessionMinutesInput, input);
  const now = ctx.now();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
  const errors = checkMinutes(session, body, today);
  if (errors.length > 0)
    throw unprocessable(
      'Le relevé de la séance n’est pas valable.',
      errors.map((e) => ({ pointer: `/${e.path.join('/')}`, detail: e.message })),
    );
  const minutes: SessionMinutes = {
    membersInOffice: body.membersInOffice,
    membersPresent: body.membersPresent,
    proxies: body.proxies,
    quorum: body.quorum,
    signatory: body.signatory,
    ...(body.transmittedOn ? { transmittedOn: body.transmittedOn } : {}),
    ...(body.publishedOn ? { publishedOn: body.publishedOn } : {}),
    recordedAt: now.toISOString(),
    recordedBy: caller.sub,
  };
  try {
    await transact(ctx.store, [recordSessionMinutesTx(ctx.store, sessionId, { ...minutes })]);
  } catch (e) {
    if (e instanceof ConditionFailedError)
      throw conflict('L’extrait de cette séance a été délivré : son relevé ne peut plus être modifié.');
    throw e;
  }
  return { session: { ...session, minutes }, minutes };
}
