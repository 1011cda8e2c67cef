/**
 * The extract of a Bureau session's deliberations (pdfmake, in the documents function only).
 *
 * Final once the secretary has recorded the session (members present, quorum, signatory, dates of
 * transmission to the préfecture and of publication) and every dossier on the agenda is decided:
 * then it is issued once — stored, its SHA-256 in the session's audit event — and the session is
 * closed; every later download gives the same bytes. Before that, the route answers a draft marked
 * « Projet », rendered on the fly and stored nowhere, that says what is missing.
 *
 * Enforceability: the deliberations of an EPCI's Bureau are enforceable once published and
 * transmitted to the representative of the State (CGCT art. L2131-1, applicable to EPCI by
 * art. L5211-3): hence « certifié exécutoire » with those two dates.
 */
import { randomUUID } from 'node:crypto';
import {
  FUNDERS,
  type Funder,
  formatDateFr,
  formatEuros,
  funderLabels,
  SCHEMES,
  type Scheme,
  schemeLabels,
  zeroByFunder,
} from '@aides/domain';
import { closeSessionOnExtractTx, getSession, listAgenda, putSessionEventTx } from '@aides/store';
import { objectKeys } from '@aides/store/objects';
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import { conflict, notFound } from '../errors.ts';
import { communeName } from '../letters/facts.ts';
import { issueOnce } from '../letters/issue.ts';
import { letterIds } from '../letters/model.ts';
import { AGGLOMERATION_NAME } from '../letters/service-contact.ts';
import type { LetterContent } from '../letters/templates.ts';
import type { AgendaItem, BureauSession } from './model.ts';

export { AGGLOMERATION_NAME };

const TITLE = 'Extrait du registre des délibérations du Bureau communautaire';

/** What each scheme's aid is for: the object of the deliberation. */
export const aidObjects: Record<Scheme, string> = {
  FTE: 'aide aux travaux d’économie d’énergie dans le logement (Fonds de Transition Énergétique)',
  HABITAT: 'aide à l’amélioration de l’habitat privé (délégation des aides de l’Anah et aide propre)',
  TPE: 'subvention à la création ou au développement d’une très petite entreprise',
  ESS: 'aide à la création ou au développement d’une structure de l’économie sociale et solidaire',
};

/** "2026-03-12" → "12 mars 2026" ("1er" for the first of the month): the domain's formatter. */
export const frenchLongDate = (date: string): string => formatDateFr(date.slice(0, 10));

function amountsText(byFunder: Partial<Record<Funder, number>>): string {
  const parts = FUNDERS.filter((f) => (byFunder[f] ?? 0) > 0).map(
    (f) => `${funderLabels[f]} : ${formatEuros(byFunder[f] ?? 0)}`,
  );
  const total = FUNDERS.reduce((s, f) => s + (byFunder[f] ?? 0), 0);
  return parts.length > 1
    ? `${parts.join(' ; ')} (total ${formatEuros(total)})`
    : (parts[0] ?? formatEuros(0));
}

/** Favourable decisions' amounts per scheme and funder. */
export function favourableTotals(agenda: readonly AgendaItem[]) {
  const byScheme = new Map<Scheme, { count: number; byFunder: Record<Funder, number> }>();
  for (const a of agenda) {
    if (a.decision?.outcome !== 'favourable') continue;
    const t = byScheme.get(a.scheme) ?? { count: 0, byFunder: zeroByFunder() };
    t.count += 1;
    for (const f of FUNDERS) t.byFunder[f] += a.amountsByFunder[f] ?? 0;
    byScheme.set(a.scheme, t);
  }
  return SCHEMES.filter((s) => byScheme.has(s)).map((s) => ({
    scheme: s,
    ...(byScheme.get(s) as { count: number; byFunder: Record<Funder, number> }),
  }));
}

function decisionBlock(a: AgendaItem, commune: string | undefined): Content {
  const who = `${a.beneficiary || 'bénéficiaire non renseigné'}${commune ? ` (${commune})` : ''}`;
  const scheme = `« ${schemeLabels[a.scheme] ?? a.scheme} »`;
  const d = a.decision;
  const head =
    d?.outcome === 'favourable'
      ? `Délibération n° ${d.deliberationNumber ?? '—'} — dossier ${a.reference}`
      : `Dossier ${a.reference}`;
  const decides: Content[] = !d
    ? [{ text: 'Décision non encore prise.', italics: true }]
    : d.outcome === 'favourable'
      ? [
          {
            text: [
              'Le Bureau communautaire, après en avoir délibéré, ',
              { text: 'DÉCIDE', bold: true },
              ` d’attribuer à ${who} une aide de ${formatEuros(a.totalCents)} au titre du dispositif ${scheme} : ${amountsText(a.amountsByFunder)}.`,
            ],
          },
        ]
      : d.outcome === 'unfavourable'
        ? [
            {
              text: [
                'Le Bureau communautaire, après en avoir délibéré, ',
                { text: 'DÉCIDE', bold: true },
                ` de ne pas attribuer l’aide sollicitée par ${who} au titre du dispositif ${scheme}.`,
              ],
            },
            `Motifs : ${d.motivation ?? '—'}`,
          ]
        : [
            {
              text: [
                'Le Bureau communautaire ',
                { text: 'DÉCIDE', bold: true },
                ` d’ajourner l’examen de la demande de ${who} au titre du dispositif ${scheme}.`,
              ],
            },
            `Motifs : ${d.motivation ?? '—'}`,
          ];
  return {
    unbreakable: true,
    margin: [0, 6, 0, 4],
    stack: [
      { text: head, bold: true },
      { text: `Objet : ${aidObjects[a.scheme]} — ${who}.`, margin: [12, 2, 0, 2] },
      { stack: decides, margin: [12, 0, 0, 0] },
    ],
  };
}

/** The extract's content (pure): final when nothing is missing, otherwise a marked draft. */
export function extractDocument(
  session: BureauSession,
  agenda: readonly AgendaItem[],
  communes: ReadonlyMap<string, string>,
  missing: readonly string[],
): LetterContent {
  const when = frenchLongDate(session.date);
  const m = session.minutes;
  const final = missing.length === 0;
  const decided = agenda.filter((a) => a.decision).length;
  const totals = favourableTotals(agenda);
  const grand = Object.fromEntries(FUNDERS.map((f) => [f, 0])) as Record<Funder, number>;
  for (const t of totals) for (const f of FUNDERS) grand[f] += t.byFunder[f];
  const members: Content[] = m
    ? [
        {
          text:
            `Membres en exercice : ${m.membersInOffice} — présents : ${m.membersPresent.length} — ` +
            `pouvoirs : ${m.proxies} — quorum : ${m.quorum}, ` +
            `${m.membersPresent.length >= m.quorum ? 'atteint' : 'NON ATTEINT'}.`,
        },
        { text: `Étaient présents : ${m.membersPresent.join(', ')}.`, margin: [0, 2, 0, 0] },
      ]
    : [{ text: 'Membres présents et quorum : non encore relevés.', italics: true }];
  const totalRows: TableCell[][] = totals.map((t) => [
    `${schemeLabels[t.scheme]} — ${t.count} dossier(s)`,
    { text: amountsText(t.byFunder), alignment: 'right' },
  ]);
  const content: Content[] = [
    ...(final
      ? []
      : [
          {
            text: `PROJET — document non certifié. Il manque : ${missing.join(' ; ')}.`,
            bold: true,
            color: 'darkred', // a named colour: pdfkit knows CSS names
            margin: [0, 0, 0, 8] as [number, number, number, number],
          },
        ]),
    { text: AGGLOMERATION_NAME, style: 'org' },
    { text: TITLE, style: 'title' },
    { text: `Séance du ${when} — n° ${session.number}`, style: 'heading' },
    ...members,
    {
      text: `${agenda.length} dossier(s) inscrit(s) à l’ordre du jour, ${decided} décision(s) prise(s).`,
      margin: [0, 4, 0, 4],
    },
    ...agenda.map((a) => decisionBlock(a, a.communeInsee ? communes.get(a.communeInsee) : undefined)),
    { text: 'Totaux des aides attribuées', style: 'heading' },
    totals.length === 0
      ? { text: 'Aucune aide attribuée lors de cette séance.' }
      : {
          table: {
            widths: ['*', 'auto'],
            body: [
              ...totalRows,
              [
                { text: 'Total de la séance', bold: true },
                { text: amountsText(grand), bold: true, alignment: 'right' },
              ],
            ],
          },
          layout: 'lightHorizontalLines',
        },
    ...(final && m?.transmittedOn && m.publishedOn
      ? [
          {
            margin: [0, 14, 0, 0] as [number, number, number, number],
            stack: [
              {
                text:
                  `Certifié exécutoire compte tenu de la transmission en préfecture le ${frenchLongDate(m.transmittedOn)} ` +
                  `et de la publication le ${frenchLongDate(m.publishedOn)}.`,
                bold: true,
              },
              {
                text: 'Pour extrait certifié conforme au registre des délibérations.',
                margin: [0, 4, 0, 0] as [number, number, number, number],
              },
              {
                margin: [260, 10, 0, 0] as [number, number, number, number],
                stack: [
                  `À Béthune, le ${frenchLongDate(m.publishedOn)}`,
                  `${m.signatory.title},`,
                  m.signatory.name,
                ],
              },
            ],
          },
        ]
      : []),
  ];
  const safeNumber = session.number.replace(/[^A-Za-z0-9-]+/g, '-');
  return {
    title: `${final ? '' : 'Projet - '}Extrait - séance n° ${session.number} du ${when}`,
    subject: TITLE,
    date: `${(final && m?.publishedOn) || session.date}T12:00:00.000Z`,
    fileName: `${final ? '' : 'projet-'}extrait-seance-${safeNumber}-${session.date}.pdf`,
    footer: `${TITLE} — séance n° ${session.number} du ${when}`,
    content,
  };
}

/** What still keeps the extract from being final (empty when it can be certified). */
export function missingForExtract(
  session: Pick<BureauSession, 'minutes'>,
  agenda: readonly { decision?: unknown; reference: string }[],
): string[] {
  const m = session.minutes;
  const out: string[] = [];
  if (!m) out.push('le relevé de la séance (membres présents, quorum, signataire)');
  if (m && !m.transmittedOn) out.push('la date de transmission à la préfecture');
  if (m && !m.publishedOn) out.push('la date de publication');
  const undecided = agenda.filter((a) => !a.decision).map((a) => a.reference);
  if (undecided.length > 0) out.push(`les décisions sur ${undecided.join(', ')}`);
  if (agenda.length === 0) out.push('au moins un dossier à l’ordre du jour');
  return out;
}

// Reads of the session through the store directly (not bureau/sessions.ts, which carries the agenda's
// writes): this module is the documents function's, whose grants follow what its bundle can call.
async function loadSession(ctx: ServiceContext, sessionId: string): Promise<BureauSession> {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(sessionId)) throw notFound('Séance introuvable.');
  const session = await getSession<BureauSession>(ctx.store, sessionId);
  if (!session) throw notFound('Séance introuvable.');
  return session;
}

async function readAgenda(ctx: ServiceContext, sessionId: string): Promise<AgendaItem[]> {
  return (await listAgenda<AgendaItem>(ctx.store, sessionId)).sort((a, b) =>
    a.reference.localeCompare(b.reference),
  );
}

async function communesOf(agenda: readonly AgendaItem[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const a of agenda) {
    if (!a.communeInsee || out.has(a.communeInsee)) continue;
    const name = await communeName(a.communeInsee);
    if (name) out.set(a.communeInsee, name);
  }
  return out;
}

/**
 * The session's extract: issued once and stored when complete, a draft otherwise. `final` says
 * which; the bytes of a final extract never change.
 */
export async function sessionExtractPdf(
  ctx: ServiceContext,
  caller: Caller,
  sessionId: string,
): Promise<{ bytes: Uint8Array; fileName: string; final: boolean }> {
  requireRole(caller, 'bureau', 'instructor', 'finance', 'admin');
  const session = await loadSession(ctx, sessionId);
  const agenda = await readAgenda(ctx, sessionId);
  const missing = session.extractIssuedAt ? [] : missingForExtract(session, agenda);
  const doc = () => communesOf(agenda).then((c) => extractDocument(session, agenda, c, missing));
  if (missing.length > 0) {
    const c = await doc();
    const { renderPdf } = await import('../letters/pdf.ts');
    const bytes = await renderPdf(
      { title: c.title, subject: c.subject, author: AGGLOMERATION_NAME, date: c.date },
      c.content,
      {
        footer: c.footer,
      },
    );
    return { bytes, fileName: c.fileName, final: false };
  }
  const { record, bytes } = await issueOnce(ctx, caller, {
    owner: { sessionId },
    letterId: letterIds.extract(),
    kind: 'extract',
    objectKey: (v) => objectKeys.sessionLetter(sessionId, letterIds.extract(), v),
    build: doc,
    audit: (r) => [
      putSessionEventTx(ctx.store, {
        id: randomUUID(),
        sessionId,
        at: r.issuedAt,
        actorSub: caller.sub,
        actorName: caller.name,
        action: 'issue_extract',
        detail: `Extrait délivré (modèle ${r.templateVersion}), SHA-256 ${r.sha256}`,
        sha256: r.sha256,
        templateVersion: r.templateVersion,
      }),
    ],
    extra: (r) => [closeSessionOnExtractTx(ctx.store, sessionId, r.issuedAt)],
    onConditionFailed: (label) =>
      label === 'session' ? conflict('L’extrait de cette séance vient d’être délivré.') : undefined,
  });
  return { bytes, fileName: record.fileName, final: true };
}
