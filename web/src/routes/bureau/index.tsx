import { FUNDERS, funderLabels, SCHEMES, schemeLabels, stateLabels, tpeLocationLabel } from '@aides/domain';
import { defaultFigureCounts } from '@aides/services/admin/default-figures';
import { unscheduleDossier } from '@aides/services/bureau/agenda';
import { recordDecision } from '@aides/services/bureau/decisions';
import type { AgendaItem } from '@aides/services/bureau/model';
import { recordSessionMinutes } from '@aides/services/bureau/session-record';
import { createSession, getSession, listSessions, scheduleDossier } from '@aides/services/bureau/sessions';
import type { Caller } from '@aides/services/caller';
import { getDossier } from '@aides/services/dossiers/applications';
import type { Dossier } from '@aides/services/dossiers/model';
import { notFound } from '@aides/services/errors';
import { listEnvelopes } from '@aides/services/finance/envelopes';
import { queue } from '@aides/services/instruction/queues';
import { type Context, Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { euros, frDate } from '../../lib/format.ts';
import { ErrorSummary, Field, Notice, RadioGroup, TextArea, VersionField } from '../../lib/forms.tsx';
import {
  type FormErrors,
  formErrors,
  noErrors,
  readForm,
  requireCaller,
  type WebDeps,
} from '../../lib/http.ts';
import { render, seeOther } from '../../lib/render.tsx';
import { DefaultFiguresNote } from '../admin/default-figures.tsx';
import { EnvelopeBars } from '../finance/bars.tsx';
import { TpeLocationLine } from '../instructor/location-section.tsx';
import { minutesInputFromForm, SessionMinutesSection } from '../letters/session-minutes.tsx';

/** The Bureau's sessions: agenda, a decision per dossier, totals against envelopes, the extract PDF. */
export function bureauRoutes({ ctx, api }: WebDeps) {
  const app = new Hono<WebEnv>();

  async function sessionsPage(
    c: Context<WebEnv>,
    caller: Caller,
    errors: FormErrors,
    status: 200 | 400 = 200,
  ) {
    const { items } = await listSessions(ctx, caller);
    return render(
      c,
      'Séances du Bureau',
      <>
        <ErrorSummary errors={errors} anchor="nouvelle-seance" />
        <h1>Séances du Bureau communautaire</h1>
        {items.length ? (
          <table>
            <caption class="sr-only">Séances</caption>
            <thead>
              <tr>
                <th scope="col">Séance</th>
                <th scope="col">Date</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr>
                  <td>
                    <a href={`/bureau/seances/${s.id}`}>Séance n° {s.number}</a>
                  </td>
                  <td>{frDate(s.date)}</td>
                  <td>{s.status === 'open' ? 'Ouverte' : 'Close'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>Aucune séance pour l’instant.</p>
        )}
        <h2 id="nouvelle-seance">Nouvelle séance</h2>
        <form method="post" action="/bureau/seances" class="card">
          <Field name="number" label="Numéro de séance" hint="Par exemple 2025-07" errors={errors} required />
          <Field name="date" label="Date" type="date" errors={errors} required />
          <button type="submit">Créer la séance</button>
        </form>
      </>,
      status,
    );
  }

  app.get('/bureau', async (c) => sessionsPage(c, requireCaller(c, 'bureau', 'admin'), noErrors));
  app.post('/bureau/seances', async (c) => {
    const caller = requireCaller(c, 'bureau', 'admin');
    const form = await readForm(c);
    try {
      const s = await createSession(ctx, caller, { number: form.get('number'), date: form.get('date') });
      return seeOther(c, `/bureau/seances/${s.id}`);
    } catch (e) {
      return sessionsPage(c, caller, formErrors(e), 400);
    }
  });

  async function sessionPage(
    c: Context<WebEnv>,
    caller: Caller,
    errors: Record<string, FormErrors> = {},
    status: 200 | 400 = 200,
    minutes: { errors: FormErrors; typed?: ReturnType<typeof minutesInputFromForm> } = { errors: noErrors },
  ) {
    const id = c.req.param('id') ?? '';
    const { session, agenda, committedByFunder } = await getSession(ctx, caller, id);
    const year = Number(session.date.slice(0, 4));
    const envelopes = await listEnvelopes(ctx, caller, year);
    const dossiers = new Map<string, Dossier>();
    for (const a of agenda) dossiers.set(a.dossierId, await getDossier(ctx, caller, a.dossierId));
    // Issue 15: the Bureau decides on amounts that may rest on figures still « par défaut ».
    const defaults = await defaultFigureCounts(ctx, [...dossiers.values()]);
    const waiting: Dossier[] = [];
    if (session.status === 'open') {
      for (const scheme of SCHEMES) {
        for (const st of ['proposed', 'adjourned'] as const)
          waiting.push(...(await queue(ctx, caller, { scheme, status: st, limit: 100 })).items);
      }
    }
    const bySessionScheme = new Map<string, number>();
    for (const a of agenda) {
      if (a.decision?.outcome !== 'favourable') continue;
      for (const f of FUNDERS)
        bySessionScheme.set(
          `${a.scheme}-${f}`,
          (bySessionScheme.get(`${a.scheme}-${f}`) ?? 0) + (a.amountsByFunder[f] ?? 0),
        );
    }
    return render(
      c,
      `Séance n° ${session.number}`,
      <>
        <AgendaErrorSummary errors={errors} />
        <p class="eyebrow">
          <a href="/bureau">Séances</a>
        </p>
        <h1>
          Séance n° {session.number} du {frDate(session.date)}
        </h1>
        {c.req.query('ok') === 'retire' ? (
          <Notice>Dossier retiré de l’ordre du jour : il est de nouveau « Proposé au Bureau ».</Notice>
        ) : c.req.query('ok') ? (
          <Notice>Enregistré.</Notice>
        ) : (
          ''
        )}
        <p>
          <a class="button secondary" href={`/bureau/seances/${session.id}/extrait.pdf`}>
            {session.extractIssuedAt
              ? 'Extrait certifié exécutoire (PDF)'
              : 'Projet d’extrait de délibération (PDF)'}
          </a>
        </p>
        <section aria-labelledby="totaux">
          <h2 id="totaux">Engagé lors de cette séance</h2>
          <p>
            {FUNDERS.filter((f) => (committedByFunder[f] ?? 0) > 0)
              .map((f) => `${funderLabels[f]} : ${euros(committedByFunder[f])}`)
              .join(' · ') || 'Aucun montant engagé pour l’instant.'}
          </p>
          <EnvelopeBars envelopes={envelopes} sessionCommitted={bySessionScheme} />
        </section>
        <section aria-labelledby="odj">
          <h2 id="odj">Ordre du jour</h2>
          {agenda.length === 0 ? (
            <p>Aucun dossier inscrit.</p>
          ) : (
            agenda.map((a) => (
              <AgendaEntry
                a={a}
                d={dossiers.get(a.dossierId)}
                defaults={defaults.get(a.dossierId) ?? 0}
                sessionId={session.id}
                errors={errors[a.dossierId] ?? noErrors}
              />
            ))
          )}
        </section>
        <SessionMinutesSection session={session} errors={minutes.errors} typed={minutes.typed} />
        {session.status === 'open' ? (
          <section aria-labelledby="a-inscrire">
            <h2 id="a-inscrire">Dossiers proposés à inscrire</h2>
            {waiting.length === 0 ? (
              <p>Aucun dossier en attente d’inscription.</p>
            ) : (
              <ul>
                {waiting.map((d) => (
                  <li>
                    <form method="post" action={`/bureau/seances/${session.id}/ordre-du-jour`} class="inline">
                      {d.reference} — {d.beneficiary} — {stateLabels[d.status]} —{' '}
                      {d.proposal?.kind === 'grant'
                        ? `accord proposé : ${euros(d.proposal.totalCents)}`
                        : 'refus proposé'}
                      {d.scheme === 'TPE' ? ` — ${tpeLocationLabel(d.locationConfirmation)}` : ''}{' '}
                      <input type="hidden" name="dossierId" value={d.id} />
                      <VersionField version={d.version} />
                      <button type="submit" class="small">
                        Inscrire<span class="sr-only"> {d.reference}</span>
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : (
          ''
        )}
      </>,
      status,
    );
  }

  app.get('/bureau/seances/:id', (c) => sessionPage(c, requireCaller(c, 'bureau', 'admin')));

  // The secretary's record for the extract (letters/session-minutes.tsx).
  app.post('/bureau/seances/:id/releve', async (c) => {
    const caller = requireCaller(c, 'bureau', 'admin');
    const id = c.req.param('id');
    const typed = minutesInputFromForm(await readForm(c));
    try {
      await recordSessionMinutes(ctx, caller, id, typed);
      return seeOther(c, `/bureau/seances/${id}?ok=1#releve`);
    } catch (e) {
      return sessionPage(c, caller, {}, 400, { errors: formErrors(e), typed });
    }
  });

  app.post('/bureau/seances/:id/ordre-du-jour', async (c) => {
    const caller = requireCaller(c, 'bureau', 'admin');
    const id = c.req.param('id');
    const form = await readForm(c);
    try {
      await scheduleDossier(ctx, caller, id, form.version(), { dossierId: form.get('dossierId') });
      return seeOther(c, `/bureau/seances/${id}?ok=1`);
    } catch (e) {
      return sessionPage(c, caller, { schedule: formErrors(e) }, 400);
    }
  });

  app.post('/bureau/seances/:id/retrait', async (c) => {
    const caller = requireCaller(c, 'bureau', 'admin');
    const id = c.req.param('id');
    const form = await readForm(c);
    const dossierId = form.get('dossierId');
    try {
      await unscheduleDossier(ctx, caller, id, form.version(), { dossierId });
      return seeOther(c, `/bureau/seances/${id}?ok=retire`);
    } catch (e) {
      return sessionPage(c, caller, { [dossierId]: formErrors(e) }, 400);
    }
  });

  app.post('/bureau/seances/:id/decisions', async (c) => {
    const caller = requireCaller(c, 'bureau', 'admin');
    const id = c.req.param('id');
    const form = await readForm(c);
    const dossierId = form.get('dossierId');
    const outcome = form.get('outcome');
    try {
      await recordDecision(
        ctx,
        caller,
        id,
        form.version(),
        outcome === 'favourable'
          ? { dossierId, outcome, deliberationNumber: form.get('deliberationNumber') }
          : { dossierId, outcome, motivation: form.get('motivation') },
      );
      return seeOther(c, `/bureau/seances/${id}?ok=1`);
    } catch (e) {
      return sessionPage(c, caller, { [dossierId]: formErrors(e) }, 400);
    }
  });

  // The extract is made by the API's `documents` function (lib/api.ts), with the visitor's token.
  app.get('/bureau/seances/:id/extrait.pdf', async (c) => {
    requireCaller(c, 'bureau', 'instructor', 'finance', 'admin');
    const res = await api(
      `/api/sessions/${encodeURIComponent(c.req.param('id'))}/extract.pdf`,
      c.get('apiToken') ?? '',
    );
    if (res.status === 404) throw notFound('Séance introuvable.');
    if (!res.ok) throw new Error(`Extrait de délibération : l’API a répondu ${res.status}`);
    return new Response(res.body, {
      status: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': res.headers.get('content-disposition') ?? 'attachment',
      },
    });
  });

  return app;
}

/** A dossier's part of the page: its decision fields carry this prefix, its card this id. */
const agendaKey = (dossierId: string) => dossierId.slice(0, 8);

/**
 * The refused form's errors, first in the page and focused: a decision's link to its fields and
 * its dossier's card, or the scheduling's to the list of dossiers to schedule.
 */
function AgendaErrorSummary(p: { errors: Record<string, FormErrors> }) {
  const [key, errors] = Object.entries(p.errors)[0] ?? [];
  if (!key || !errors) return '';
  if (key === 'schedule') return <ErrorSummary errors={errors} anchor="a-inscrire" />;
  const k = agendaKey(key);
  return <ErrorSummary errors={errors} idPrefix={`${k}-`} anchor={`odj-${k}`} />;
}

function AgendaEntry(p: {
  a: AgendaItem;
  d: Dossier | undefined;
  defaults: number;
  sessionId: string;
  errors: FormErrors;
}) {
  const { a, d } = p;
  const key = agendaKey(a.dossierId);
  return (
    <article class="card agenda" aria-labelledby={`odj-${key}`}>
      <h3 id={`odj-${key}`}>
        <a href={`/instruction/dossiers/${a.dossierId}`}>{a.reference}</a> — {a.beneficiary}
      </h3>
      <p>
        {schemeLabels[a.scheme]} · proposition :{' '}
        {a.proposalKind === 'grant' ? `accord de ${euros(a.totalCents)}` : 'refus'}
        {a.proposalKind === 'grant'
          ? ` (${FUNDERS.filter((f) => a.amountsByFunder[f] > 0)
              .map((f) => `${funderLabels[f]} ${euros(a.amountsByFunder[f])}`)
              .join(', ')})`
          : ''}
      </p>
      {d ? <TpeLocationLine d={d} /> : ''}
      {d?.proposal?.text ? <blockquote>{d.proposal.text}</blockquote> : ''}
      {p.defaults > 0 && a.proposalKind === 'grant' ? (
        <DefaultFiguresNote count={p.defaults} version={d?.ruleSetVersion} />
      ) : (
        ''
      )}
      {a.decision ? (
        <p>
          <strong>Décision :</strong>{' '}
          {a.decision.outcome === 'favourable'
            ? `favorable, délibération n° ${a.decision.deliberationNumber}`
            : a.decision.outcome === 'unfavourable'
              ? `défavorable — ${a.decision.motivation}`
              : `ajourné — ${a.decision.motivation}`}
        </p>
      ) : d && d.status === 'scheduled' ? (
        <form method="post" action={`/bureau/seances/${p.sessionId}/decisions`}>
          <input type="hidden" name="dossierId" value={a.dossierId} />
          <VersionField version={d.version} />
          <RadioGroup
            name="outcome"
            idPrefix={`${key}-`}
            legend={`Décision sur ${a.reference}`}
            value={a.proposalKind === 'grant' ? 'favourable' : 'unfavourable'}
            errors={p.errors}
            options={[
              ['favourable', 'Favorable'],
              ['unfavourable', 'Défavorable'],
              ['adjourned', 'Ajourné'],
            ]}
          />
          <Field
            idPrefix={`${key}-`}
            name="deliberationNumber"
            label="Numéro de délibération (si favorable)"
            errors={p.errors}
          />
          <TextArea
            idPrefix={`${key}-`}
            name="motivation"
            label="Motivation (si défavorable ou ajourné)"
            errors={p.errors}
          />
          <button type="submit">
            Enregistrer la décision<span class="sr-only"> sur {a.reference}</span>
          </button>
        </form>
      ) : (
        ''
      )}
      {!a.decision && d && d.status === 'scheduled' ? (
        <form method="post" action={`/bureau/seances/${p.sessionId}/retrait`} class="actions">
          <input type="hidden" name="dossierId" value={a.dossierId} />
          <VersionField version={d.version} />
          <button type="submit" class="secondary small">
            Retirer de l’ordre du jour<span class="sr-only"> {a.reference}</span>
          </button>
          <span class="hint">Le dossier revient à l’état « Proposé au Bureau ».</span>
        </form>
      ) : (
        ''
      )}
    </article>
  );
}
