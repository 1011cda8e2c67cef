/**
 * Personal data (issue 20): the applicant's « Mes données », the record of processing (public),
 * the admin's pages (retention table, elimination lists and their visa, access log, export for a
 * named person) and the per-dossier page where instructors rectify and record appeals.
 */
import {
  durationFr,
  purgeBlockerLabels,
  RETENTION_RULES,
  retentionActionLabels,
  type Scheme,
  schemeLabels,
  stateLabels,
} from '@aides/domain';
import type { Caller } from '@aides/services/caller';
import { getDossier } from '@aides/services/dossiers/applications';
import { accessLogByActor, accessLogOfDossier, accessLogOfPerson } from '@aides/services/privacy/access-log';
import { approveList, listLists, readList } from '@aides/services/privacy/elimination';
import type { AccessEvent } from '@aides/services/privacy/model';
import { recordAppeal, rectifyApplication } from '@aides/services/privacy/rectify';
import { type Context, Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { passRedirect } from '../../lib/api.ts';
import { euros, frDate, frDateTime } from '../../lib/format.ts';
import { ErrorSummary, Field, Notice, SelectField, TextArea, VersionField } from '../../lib/forms.tsx';
import {
  type FormErrors,
  formErrors,
  noErrors,
  readForm,
  requireCaller,
  type WebDeps,
} from '../../lib/http.ts';
import { render, seeOther } from '../../lib/render.tsx';
import { RecordOfProcessing } from './record.tsx';

function AccessTable(p: { events: AccessEvent[] }) {
  if (p.events.length === 0) return <p>Aucune consultation enregistrée.</p>;
  return (
    <table>
      <caption class="visually-hidden">Consultations, les plus récentes d’abord</caption>
      <thead>
        <tr>
          <th scope="col">Quand</th>
          <th scope="col">Qui</th>
          <th scope="col">Quoi</th>
          <th scope="col">Par</th>
        </tr>
      </thead>
      <tbody>
        {p.events.map((e) => (
          <tr>
            <td>{frDateTime(e.at)}</td>
            <td>
              {e.actorName} ({e.actorRoles.join(', ')})
            </td>
            <td>
              {e.what}
              {e.dossierId ? (
                <>
                  {' '}
                  —{' '}
                  <a
                    href={`/admin/donnees-personnelles/consultations?dossier=${encodeURIComponent(e.dossierId)}`}
                  >
                    ce dossier
                  </a>
                </>
              ) : (
                ''
              )}
            </td>
            <td>
              <code>{e.route}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function privacyRoutes(deps: WebDeps) {
  const { ctx, api } = deps;
  const app = new Hono<WebEnv>();

  /**
   * The ZIP (with a PDF per dossier) is written by the API's `documents` function, with the
   * visitor's own token: the web function renders no PDF (lib/api.ts). Its 303 goes to the browser.
   */
  const exportThroughApi = async (c: Context<WebEnv>, path: string, body?: unknown) => {
    const res = await api(path, c.get('apiToken') ?? '', { method: 'POST', body: body ?? {} });
    return passRedirect(c, res, 'Export des données personnelles');
  };

  // ---- Public: the record of processing ------------------------------------------------
  app.get('/registre-des-traitements', (c) => render(c, 'Registre des traitements', <RecordOfProcessing />));

  // ---- Applicant: my data -----------------------------------------------------------------
  app.get('/mes-donnees', (c) => {
    requireCaller(c, 'applicant');
    return render(
      c,
      'Mes données personnelles',
      <>
        <h1>Mes données personnelles</h1>
        <p>
          Vous pouvez télécharger tout ce que le service détient sur vous : vos dossiers (fichier lisible par
          une machine et document PDF), les pièces que vous avez envoyées, les courriers reçus et l’historique
          de chaque dossier (droit d’accès, article 15 du RGPD).
        </p>
        <form method="post" action="/mes-donnees/export">
          <button type="submit">Télécharger mes données (fichier ZIP)</button>
        </form>
        <p>
          Pour corriger une information, écrivez à l’instructeur de votre dossier : il la rectifie et la
          correction est tracée. Durées de conservation et destinataires :{' '}
          <a href="/registre-des-traitements">registre des traitements</a>.
        </p>
      </>,
    );
  });
  app.post('/mes-donnees/export', async (c) => {
    requireCaller(c, 'applicant');
    return exportThroughApi(c, '/api/me/personal-data-export');
  });

  // ---- Admin ------------------------------------------------------------------------------
  const adminHome = async (
    c: Context<WebEnv>,
    caller: Caller,
    forms: { export?: FormErrors } = {},
    status: 200 | 400 = 200,
  ) => {
    const lists = await listLists(ctx, caller);
    return render(
      c,
      'Données personnelles',
      <>
        <ErrorSummary errors={forms.export ?? noErrors} anchor="export" />
        <h1>Données personnelles</h1>
        <p>
          <a href="/registre-des-traitements">Registre des traitements</a> ·{' '}
          <a href="/admin/donnees-personnelles/consultations">Journal des consultations</a>
        </p>
        <h2>Durées de conservation</h2>
        <table>
          <caption class="visually-hidden">Règles de conservation, avec leurs sources</caption>
          <thead>
            <tr>
              <th scope="col">Données</th>
              <th scope="col">Durée</th>
              <th scope="col">À partir de</th>
              <th scope="col">Au terme</th>
              <th scope="col">Sources</th>
            </tr>
          </thead>
          <tbody>
            {RETENTION_RULES.map((r) => (
              <tr>
                <td>{r.label}</td>
                <td>
                  {durationFr(r.duration)}
                  {r.warningDays ? ` (avertissement ${r.warningDays} jours avant)` : ''}
                </td>
                <td>{r.clockStarts}</td>
                <td>{retentionActionLabels[r.action]}</td>
                <td>
                  <ul>
                    {r.sources.map((s) => (
                      <li>
                        {s.url ? <a href={s.url}>{s.title}</a> : s.title} : {s.says} <em>({s.checked})</em>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          Jamais purgés : les dossiers en cours, ceux dont un engagement n’est pas clos (
          {purgeBlockerLabels.payment_in_progress.toLowerCase()}) et ceux qui ont un{' '}
          {purgeBlockerLabels.open_appeal.toLowerCase()}.
        </p>
        <h2>Bordereaux d’élimination</h2>
        {lists.length === 0 ? (
          <p>Aucun bordereau : aucun dossier accordé n’a atteint sa durée de conservation.</p>
        ) : (
          <ul>
            {lists.map((l) => (
              <li>
                <a href={`/admin/donnees-personnelles/bordereaux/${l.id}`}>Bordereau {l.id}</a> — {l.count}{' '}
                dossier(s),{' '}
                {l.status === 'proposed'
                  ? 'en attente du visa des archives'
                  : l.status === 'approved'
                    ? `visa ${l.visaReference}, purge en cours`
                    : `purgé le ${frDate(l.purgedAt)}`}
              </li>
            ))}
          </ul>
        )}
        <h2 id="export">Export des données d’une personne</h2>
        <p>
          Pour une demande reçue par courrier ou au guichet (article 15 du RGPD). L’export est inscrit au
          journal.
        </p>
        <form method="post" action="/admin/donnees-personnelles/export" novalidate>
          <Field
            name="personSub"
            label="Identifiant de la personne (compte)"
            errors={forms.export ?? noErrors}
            required
          />
          <button type="submit">Préparer l’export</button>
        </form>
      </>,
      status,
    );
  };
  app.get('/admin/donnees-personnelles', async (c) => adminHome(c, requireCaller(c, 'admin')));
  app.post('/admin/donnees-personnelles/export', async (c) => {
    const caller = requireCaller(c, 'admin');
    const form = await readForm(c);
    try {
      return await exportThroughApi(c, '/api/admin/personal-data-exports', {
        personSub: form.get('personSub'),
      });
    } catch (e) {
      return adminHome(c, caller, { export: formErrors(e) }, 400);
    }
  });

  const listPage = async (
    c: Context<WebEnv>,
    caller: Caller,
    listId: string,
    errors: FormErrors = noErrors,
    status: 200 | 400 | 409 = 200,
  ) => {
    const { list, entries } = await readList(ctx, caller, listId);
    return render(
      c,
      `Bordereau ${list.id}`,
      <>
        <ErrorSummary errors={errors} anchor="visa" />
        <h1>Bordereau d’élimination {list.id}</h1>
        {c.req.query('ok') ? (
          <Notice>Visa enregistré : les dossiers seront purgés au prochain passage.</Notice>
        ) : (
          ''
        )}
        <p>
          Établi le {frDate(list.createdAt)}, {list.count} dossier(s) accordé(s) arrivé(s) au terme de leur
          durée d’utilité administrative. Sort final proposé : élimination (une fiche statistique anonyme
          reste).
        </p>
        <table>
          <caption class="visually-hidden">Dossiers proposés à l’élimination</caption>
          <thead>
            <tr>
              <th scope="col">Référence</th>
              <th scope="col">Dispositif</th>
              <th scope="col">État</th>
              <th scope="col">Décision</th>
              <th scope="col">Clos le</th>
              <th scope="col">Montant accordé</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td>{e.reference}</td>
                <td>{schemeLabels[e.scheme as Scheme] ?? e.scheme}</td>
                <td>{stateLabels[e.status as keyof typeof stateLabels] ?? e.status}</td>
                <td>{frDate(e.decisionAt)}</td>
                <td>{frDate(e.closedAt)}</td>
                <td>{euros(e.totalGrantedCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.status === 'proposed' ? (
          <>
            <h2 id="visa">Visa du service d’archives</h2>
            <form method="post" action={`/admin/donnees-personnelles/bordereaux/${list.id}/visa`} novalidate>
              <Field name="visaReference" label="Référence du visa" errors={errors} required />
              <Field name="visaDate" label="Date du visa (AAAA-MM-JJ)" errors={errors} required />
              <button type="submit">Enregistrer le visa et autoriser la purge</button>
            </form>
          </>
        ) : (
          <p>
            Visa {list.visaReference} du {frDate(list.visaDate)}, enregistré par {list.approvedByName} le{' '}
            {frDateTime(list.approvedAt)}.
          </p>
        )}
      </>,
      status,
    );
  };
  app.get('/admin/donnees-personnelles/bordereaux/:id', async (c) =>
    listPage(c, requireCaller(c, 'admin'), c.req.param('id')),
  );
  app.post('/admin/donnees-personnelles/bordereaux/:id/visa', async (c) => {
    const caller = requireCaller(c, 'admin');
    const form = await readForm(c);
    const id = c.req.param('id');
    try {
      await approveList(ctx, caller, id, {
        visaReference: form.get('visaReference'),
        visaDate: form.get('visaDate'),
      });
      return seeOther(c, `/admin/donnees-personnelles/bordereaux/${id}?ok=1`);
    } catch (e) {
      return listPage(c, caller, id, formErrors(e), 400);
    }
  });

  app.get('/admin/donnees-personnelles/consultations', async (c) => {
    const caller = requireCaller(c, 'admin');
    const dossier = c.req.query('dossier')?.trim();
    const actor = c.req.query('agent')?.trim();
    const person = c.req.query('personne')?.trim();
    const page = dossier
      ? await accessLogOfDossier(ctx, caller, dossier)
      : actor
        ? await accessLogByActor(ctx, caller, actor)
        : person
          ? await accessLogOfPerson(ctx, caller, person)
          : undefined;
    return render(
      c,
      'Journal des consultations',
      <>
        <h1>Journal des consultations</h1>
        <p>
          Chaque ouverture d’un dossier, téléchargement d’une pièce ou export par un agent est inscrit ici,
          puis supprimé au bout d’un an.
        </p>
        <form method="get" action="/admin/donnees-personnelles/consultations" class="filters">
          <Field name="dossier" label="Identifiant du dossier" value={dossier ?? ''} errors={noErrors} />
          <Field name="agent" label="Identifiant de l’agent" value={actor ?? ''} errors={noErrors} />
          <Field
            name="personne"
            label="Identifiant de la personne concernée"
            value={person ?? ''}
            errors={noErrors}
          />
          <button type="submit" class="secondary">
            Afficher
          </button>
        </form>
        {page ? <AccessTable events={page.items} /> : <p>Indiquez un dossier, un agent ou une personne.</p>}
      </>,
    );
  });

  // ---- Instructors and admins: rectification and appeals on one dossier -------------------
  const dossierPage = async (
    c: Context<WebEnv>,
    caller: Caller,
    id: string,
    forms: { rectify?: FormErrors; appeal?: FormErrors } = {},
    status: 200 | 400 | 409 | 422 = 200,
  ) => {
    const d = await getDossier(ctx, caller, id);
    return render(
      c,
      `Données personnelles du dossier ${d.reference ?? d.id}`,
      <>
        <ErrorSummary
          errors={forms.rectify ?? forms.appeal ?? noErrors}
          anchor={forms.appeal ? 'recours' : 'rectifier'}
        />
        <h1>Données personnelles du dossier {d.reference ?? d.id}</h1>
        {c.req.query('ok') ? <Notice>Enregistré, et inscrit à l’historique du dossier.</Notice> : ''}
        <p>
          <a href={`/instruction/dossiers/${d.id}`}>Retour au dossier</a>
        </p>
        <h2 id="rectifier">Rectifier une donnée (à la demande de la personne)</h2>
        <form method="post" action={`/donnees-personnelles/dossiers/${d.id}/rectification`} novalidate>
          <VersionField version={d.version} />
          <Field
            name="pointer"
            label="Champ (chemin, par exemple /applicant/lastName)"
            errors={forms.rectify ?? noErrors}
            required
          />
          <Field name="value" label="Nouvelle valeur" errors={forms.rectify ?? noErrors} required />
          <TextArea
            name="motivation"
            label="Motif (demande de la personne, pièce à l’appui)"
            errors={forms.rectify ?? noErrors}
            required
          />
          <button type="submit">Rectifier</button>
        </form>
        <h2 id="recours">Recours</h2>
        <p>
          {d.appeal?.status === 'open'
            ? `Recours ouvert depuis le ${frDate(d.appeal.receivedAt)} : le dossier ne sera pas purgé.`
            : 'Aucun recours ouvert.'}
        </p>
        <form method="post" action={`/donnees-personnelles/dossiers/${d.id}/recours`} novalidate>
          <VersionField version={d.version} />
          <SelectField
            name="status"
            label="Recours"
            value={d.appeal?.status === 'open' ? 'closed' : 'open'}
            options={[
              ['open', 'Recours reçu (ouvrir)'],
              ['closed', 'Recours clos'],
            ]}
            errors={forms.appeal ?? noErrors}
          />
          <TextArea name="note" label="Note (facultatif)" errors={forms.appeal ?? noErrors} />
          <button type="submit">Enregistrer</button>
        </form>
      </>,
      status,
    );
  };
  app.get('/donnees-personnelles/dossiers/:id', async (c) =>
    dossierPage(c, requireCaller(c, 'instructor', 'admin'), c.req.param('id')),
  );
  app.post('/donnees-personnelles/dossiers/:id/rectification', async (c) => {
    const caller = requireCaller(c, 'instructor', 'admin');
    const id = c.req.param('id');
    const form = await readForm(c);
    try {
      await rectifyApplication(ctx, caller, id, form.version(), {
        pointer: form.get('pointer'),
        value: form.get('value'),
        motivation: form.get('motivation'),
      });
      return seeOther(c, `/donnees-personnelles/dossiers/${id}?ok=1`);
    } catch (e) {
      return dossierPage(c, caller, id, { rectify: formErrors(e) }, 400);
    }
  });
  app.post('/donnees-personnelles/dossiers/:id/recours', async (c) => {
    const caller = requireCaller(c, 'instructor', 'admin');
    const id = c.req.param('id');
    const form = await readForm(c);
    try {
      await recordAppeal(ctx, caller, id, form.version(), {
        status: form.get('status'),
        ...(form.get('note') ? { note: form.get('note') } : {}),
      });
      return seeOther(c, `/donnees-personnelles/dossiers/${id}?ok=1`);
    } catch (e) {
      return dossierPage(c, caller, id, { appeal: formErrors(e) }, 400);
    }
  });
  return app;
}
