import type { QpvImportReport, QpvListView } from '@aides/services/admin/qpv-lists';
import { AppError } from '@aides/services/errors';
import { type Context, Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { apiError } from '../../lib/api.ts';
import { frDate } from '../../lib/format.ts';
import { ErrorSummary, Field, FileField, Notice, SelectField, TextArea } from '../../lib/forms.tsx';
import {
  type FormErrors,
  formErrors,
  noErrors,
  readForm,
  requireCaller,
  type WebDeps,
} from '../../lib/http.ts';
import { render, seeOther } from '../../lib/render.tsx';

/**
 * QPV lists by generation (issue 15 §3): each generation's list, its decree and validity, and an
 * import of the official CSV with a dry run first. The file is chosen again for the real import:
 * nothing is kept between the two.
 *
 * The lists and the import go through the API (`GET /api/admin/qpv-lists`,
 * `POST /api/admin/qpv-lists/{generation}`, the `admin` function) with the visitor's own token:
 * the CSV reader (csv-parse) is in that function, not in the web one (issue 17 §8, bundle budget).
 * The page reads the uploaded file's text and sends it as the API takes it (JSON).
 */
export function qpvListRoutes({ api }: WebDeps) {
  const app = new Hono<WebEnv>();
  const PATH = '/admin/quartiers-prioritaires';

  /** The API's answer, or its refusal thrown as the use case's (lib/api.ts). */
  async function callApi<T>(c: Context<WebEnv>, what: string, path: string, body?: unknown): Promise<T> {
    const res = await api(
      path,
      c.get('apiToken') ?? '',
      body === undefined ? undefined : { method: 'POST', body },
    );
    if (!res.ok) throw await apiError(res, what);
    return (await res.json()) as T;
  }

  async function page(
    c: Context<WebEnv>,
    o: { errors?: FormErrors; values?: Record<string, string>; report?: QpvImportReport } = {},
    status: 200 | 400 | 409 = 200,
  ) {
    const { items: lists } = await callApi<{ items: QpvListView[] }>(
      c,
      'Listes des quartiers prioritaires',
      '/api/admin/qpv-lists',
    );
    const errors = o.errors ?? noErrors;
    const v = (k: string, d = '') => o.values?.[k] ?? d;
    const imported = c.req.query('importe');
    return render(
      c,
      'Quartiers prioritaires',
      <>
        <ErrorSummary errors={errors} anchor="importer" />
        <p class="eyebrow">
          <a href="/admin">Administration</a>
        </p>
        <h1>Quartiers prioritaires de la politique de la ville</h1>
        {imported ? (
          <Notice>
            Liste {imported} importée : l’éligibilité l’applique aux demandes déposées pendant sa validité.
          </Notice>
        ) : (
          ''
        )}
        <p>
          Un dossier est jugé avec la liste en vigueur à sa date de dépôt : la génération 2015 jusqu’au 31
          décembre 2023, la génération 2024 depuis le 1er janvier 2024.
        </p>
        {lists.map((l) => (
          <section aria-labelledby={`gen-${l.generation}`}>
            <h2 id={`gen-${l.generation}`}>
              Génération {l.generation} — {l.decree}
            </h2>
            <p class="hint">
              En vigueur du {frDate(l.validFrom)}
              {l.validTo ? ` au ${frDate(l.validTo)}` : ''}.{' '}
              {l.imported ? `Source : ${l.source}` : 'Aucune liste importée.'}
            </p>
            {l.demonstration ? (
              <p class="alert">
                <strong>Liste de démonstration</strong> : ce ne sont pas les quartiers officiels. Importez la
                liste officielle pour la remplacer.
              </p>
            ) : (
              ''
            )}
            {l.qpv.length ? (
              <table class="stack">
                <caption class="sr-only">Quartiers de la génération {l.generation}</caption>
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Quartier</th>
                    <th scope="col">Commune(s)</th>
                  </tr>
                </thead>
                <tbody>
                  {l.qpv.map((q) => (
                    <tr>
                      <td data-label="Code">{q.code}</td>
                      <td data-label="Quartier">{q.name}</td>
                      <td data-label="Commune(s)">
                        {q.communes.map((x) => `${x.name} (${x.insee})`).join(', ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              ''
            )}
          </section>
        ))}
        {o.report ? <Report report={o.report} /> : ''}
        <h2 id="importer">Importer une liste (CSV)</h2>
        <form
          method="post"
          action={PATH}
          enctype="multipart/form-data"
          class="card"
          novalidate
          aria-labelledby="importer"
        >
          <p class="hint">
            Disposition de la liste officielle : une ligne par quartier et par commune, colonnes code_qp,
            lib_qp et insee_com (les autres colonnes sont ignorées), séparateur « ; » ou « , ». L’essai
            vérifie chaque ligne sans rien enregistrer ; l’import remplace la liste de la génération, ou
            n’enregistre rien si une ligne est fausse.
          </p>
          <SelectField
            name="generation"
            label="Génération"
            value={v('generation', '2024')}
            options={lists.map((l) => [l.generation, `${l.generation} — ${l.decree}`] as const)}
            errors={errors}
            required
          />
          <FileField name="csv" label="Fichier CSV" accept=".csv,text/csv" errors={errors} required />
          <Field
            name="source"
            label="Source"
            value={v('source')}
            errors={errors}
            required
            hint="Publication et date du fichier (par exemple : ANCT, liste des QPV 2024, téléchargée le …)."
          />
          <TextArea
            name="reason"
            label="Motif (journal d’audit)"
            value={v('reason')}
            errors={errors}
            required
          />
          <button type="submit" name="action" value="essai">
            Essayer (rien n’est enregistré)
          </button>{' '}
          <button type="submit" name="action" value="importer">
            Importer
          </button>
        </form>
      </>,
      status,
    );
  }

  app.get(PATH, (c) => {
    requireCaller(c, 'admin');
    return page(c);
  });

  app.post(PATH, async (c) => {
    requireCaller(c, 'admin');
    const form = await readForm(c);
    const values = {
      generation: form.get('generation'),
      source: form.get('source'),
      reason: form.get('reason'),
    };
    const file = form.file('csv');
    if (!file)
      return page(
        c,
        {
          errors: {
            message: 'Aucun fichier choisi.',
            fields: { csv: 'Choisissez le fichier CSV de la liste' },
          },
          values,
        },
        400,
      );
    const dryRun = form.get('action') !== 'importer';
    try {
      // An empty generation would make a path no route matches: sent as « - », the API refuses it
      // as it refuses any unknown generation (400, field « generation »).
      const report = await callApi<QpvImportReport>(
        c,
        'Import de la liste des quartiers prioritaires',
        `/api/admin/qpv-lists/${encodeURIComponent(values.generation || '-')}`,
        { csv: await file.text(), source: values.source, reason: values.reason, dryRun },
      );
      if (dryRun) return page(c, { values, report });
      return seeOther(c, `${PATH}?importe=${report.generation}`);
    } catch (e) {
      return page(c, { errors: importErrors(e), values }, 400);
    }
  });

  return app;
}

/**
 * The refusal as form errors. A file too big for the API's request body (256 Ko, answered 413
 * before the use case reads it) is said on the file's field, like the use case's own size limit.
 */
function importErrors(e: unknown): FormErrors {
  if (e instanceof AppError && e.status === 413)
    return {
      message: 'Le fichier est trop volumineux.',
      fields: { csv: 'Fichier trop volumineux (200 000 caractères au plus)' },
    };
  return formErrors(e);
}

/** The dry run's report: what would be imported, and every line to correct. */
function Report({ report }: { report: QpvImportReport }) {
  return (
    <section aria-labelledby="essai" class="card">
      <h2 id="essai">Essai : {report.lines} ligne(s) lue(s), rien n’a été enregistré</h2>
      {report.issues.length ? (
        <>
          <p class="alert">
            <strong>{report.issues.length} ligne(s) à corriger</strong> avant l’import :
          </p>
          <table>
            <caption class="sr-only">Lignes à corriger</caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Colonne</th>
                <th scope="col">Problème</th>
              </tr>
            </thead>
            <tbody>
              {report.issues.map((i) => (
                <tr>
                  <td>{i.line}</td>
                  <td>{i.column || '—'}</td>
                  <td>{i.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>
          Aucune erreur : {report.qpv.length} quartier(s) seraient importés. Choisissez à nouveau le fichier
          et importez.
        </p>
      )}
    </section>
  );
}
