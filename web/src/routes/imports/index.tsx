import type { ImportIssue } from '@aides/domain';
import { importColumns, SCHEMES, type Scheme, schemeLabels } from '@aides/domain';
import { type ImportJob, importStatusLabels } from '@aides/services/imports/model';
import { type Context, Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { apiError } from '../../lib/api.ts';
import { frDateTime } from '../../lib/format.ts';
import { ErrorSummary, FileField, SelectField } from '../../lib/forms.tsx';
import {
  type FormErrors,
  formErrors,
  noErrors,
  readForm,
  requireCaller,
  type WebDeps,
} from '../../lib/http.ts';
import { directUploadAnswer, type PresignedPost, postToBucket } from '../../lib/presigned-post.ts';
import { render, seeOther } from '../../lib/render.tsx';

/**
 * The admin's import of earlier years' dossiers (docs/IMPORT.md): upload a CSV or XLSX file, read
 * the dry run's report (row, column, problem), then import. The file goes to the bucket with the
 * presigned POST of `POST /api/imports`: from the browser, with a progress bar, up to 50 MB (the
 * page script, `data-import-upload`); without JavaScript, through the web server, which forwards it
 * (lib/presigned-post.ts), up to the 6 MB a Lambda request can carry.
 * An import works 20 s per request; the page says where it stopped and offers to go on.
 * The dry run and the import itself are the API's (the `imports` function, with the visitor's own
 * token: lib/api.ts), so the web function carries no CSV or XLSX reader.
 */

const imports = () => import('@aides/services/imports/jobs');
const count = new Intl.NumberFormat('fr-FR');

function IssuesTable(p: { issues: ImportIssue[]; total: number; caption: string }) {
  if (p.total === 0) return <p>Aucun problème.</p>;
  return (
    <>
      <table class="table">
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col">Colonne</th>
            <th scope="col">Problème</th>
          </tr>
        </thead>
        <tbody>
          {p.issues.map((i) => (
            <tr>
              <td>{i.row === 0 ? 'Fichier' : i.row}</td>
              <td>{i.column ?? '—'}</td>
              <td>{i.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.total > p.issues.length ? (
        <p>
          {count.format(p.issues.length)} problèmes affichés sur {count.format(p.total)} : corrigez-les puis
          déposez le fichier à nouveau.
        </p>
      ) : (
        ''
      )}
    </>
  );
}

function JobPage(p: { job: ImportJob; errors: FormErrors }) {
  const { job } = p;
  const check = job.check;
  const run = job.run;
  return (
    <>
      <p>
        <a href="/imports">← Tous les imports</a>
      </p>
      <h1>
        Import « {job.fileName} » ({job.scheme})
      </h1>
      <ErrorSummary errors={p.errors} />
      <dl class="summary">
        <dt>État</dt>
        <dd data-testid="import-status">{importStatusLabels[job.status]}</dd>
        <dt>Déposé</dt>
        <dd>
          {frDateTime(job.createdAt)} par {job.createdByName || job.createdBy}
        </dd>
        {job.sha256 ? (
          <>
            <dt>Empreinte SHA-256</dt>
            <dd>
              <code>{job.sha256}</code>
            </dd>
          </>
        ) : (
          ''
        )}
      </dl>
      {check ? (
        <section aria-labelledby="essai">
          <h2 id="essai">Essai du {frDateTime(check.at)}</h2>
          <ul>
            <li>
              {count.format(check.rows)} lignes lues, {count.format(check.dossiers)} dossiers
            </li>
            <li>{count.format(check.toImport)} dossiers à importer</li>
            <li>{count.format(check.alreadyPresent)} déjà présents (seront ignorés)</li>
            <li>{count.format(check.invalid)} dossiers en erreur (seront ignorés)</li>
          </ul>
          <IssuesTable
            issues={check.issues}
            total={check.issuesTotal}
            caption="Problèmes relevés par l’essai"
          />
        </section>
      ) : (
        ''
      )}
      {run ? (
        <section aria-labelledby="import">
          <h2 id="import">Import</h2>
          <ul>
            <li>{count.format(run.created)} dossiers importés</li>
            <li>{count.format(run.alreadyPresent)} déjà présents, ignorés</li>
            <li>{count.format(run.invalid)} en erreur, ignorés</li>
            <li>{count.format(run.failed)} non écrits (rien n’a été écrit pour eux)</li>
            {run.finishedAt ? (
              <li>Terminé le {frDateTime(run.finishedAt)}</li>
            ) : (
              <li>Arrêté après la ligne {run.cursorRow}</li>
            )}
          </ul>
          {run.issuesTotal > 0 ? (
            <IssuesTable
              issues={run.issues}
              total={run.issuesTotal}
              caption="Problèmes relevés pendant l’import"
            />
          ) : (
            ''
          )}
        </section>
      ) : (
        ''
      )}
      {job.status === 'checked' || job.status === 'running' ? (
        // A running import goes on by itself (the page's script sends this form again after each
        // slice, unless the last one failed); without the script, the button does it.
        <form
          method="post"
          action={`/imports/${job.id}/importer`}
          class="card"
          {...(job.status === 'running' && Object.keys(p.errors.fields).length === 0 && !p.errors.message
            ? { 'data-continue': '' }
            : {})}
        >
          <p data-continue-status role="status">
            {job.status === 'running'
              ? 'L’import s’est arrêté pour ne pas dépasser le temps d’une requête : continuez-le.'
              : 'Chaque dossier valide est écrit en entier ou pas du tout ; un dossier déjà présent est ignoré, si bien qu’importer deux fois le même fichier n’ajoute rien.'}
          </p>
          <button type="submit">{job.status === 'running' ? 'Continuer l’import' : 'Importer'}</button>
        </form>
      ) : (
        ''
      )}
      {job.status !== 'running' ? (
        <form method="post" action={`/imports/${job.id}/essai`}>
          <button type="submit" class="secondary">
            Refaire l’essai
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}

export function importRoutes({ ctx, api }: WebDeps) {
  const app = new Hono<WebEnv>();

  /** `POST /api/imports/{id}/check` or `/run`; the API's refusal is thrown as the use case's. */
  const callApi = async (c: Context<WebEnv>, id: string, step: 'check' | 'run') => {
    const res = await api(`/api/imports/${encodeURIComponent(id)}/${step}`, c.get('apiToken') ?? '', {
      method: 'POST',
    });
    if (!res.ok) throw await apiError(res, step === 'check' ? 'Essai de l’import' : 'Import');
  };

  /** `POST /api/imports`: the job and the presigned POST its file is sent with (lib/presigned-post.ts). */
  const createThroughApi = async (c: Context<WebEnv>, body: Record<string, unknown>) => {
    const res = await api('/api/imports', c.get('apiToken') ?? '', { method: 'POST', body });
    if (!res.ok) throw await apiError(res, 'Import');
    return (await res.json()) as {
      import: { id: string };
      upload: PresignedPost;
    };
  };

  async function listPage(c: Context<WebEnv>, errors: FormErrors, status: 200 | 400 | 409 | 422 = 200) {
    const caller = requireCaller(c, 'admin');
    const { listImports } = await imports();
    const page = await listImports(ctx, caller);
    return render(
      c,
      'Imports',
      <>
        <h1>Import des dossiers des années antérieures</h1>
        <p>
          Un fichier CSV (séparateur « ; », virgule décimale, dates jj/mm/aaaa) ou XLSX par dispositif, selon
          son modèle : une ligne par dossier, puis une ligne par versement supplémentaire avec la même
          référence. L’essai signale chaque problème par ligne et colonne sans rien importer.
        </p>
        <p>
          Modèles (en-têtes) :{' '}
          {SCHEMES.map((s, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={`/imports/modeles/${s}.csv`}>{s}</a>
            </>
          ))}
          .
        </p>
        <form
          method="post"
          action="/imports"
          enctype="multipart/form-data"
          data-import-upload="/imports/autorisation"
          class="card"
        >
          <h2>Déposer un fichier</h2>
          <ErrorSummary errors={errors} />
          <SelectField
            name="scheme"
            label="Dispositif"
            value={c.req.query('dispositif')}
            errors={errors}
            options={SCHEMES.map((s) => [s, `${s} — ${schemeLabels[s]}`] as const)}
          />
          <FileField
            name="file"
            label="Fichier"
            hint="CSV ou XLSX, 50 Mo au plus (6 Mo si JavaScript est désactivé dans votre navigateur)."
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            errors={errors}
          />
          <p class="field-error" id="f-file-direct-error" data-upload-error></p>
          <progress max={100} value={0} hidden data-upload-progress aria-label="Progression du dépôt" />
          <p role="status" data-upload-status class="hint"></p>
          <button type="submit">Déposer et faire l’essai</button>
        </form>
        <h2>Imports</h2>
        {page.items.length === 0 ? (
          <p>Aucun import.</p>
        ) : (
          <table class="table">
            <caption>Imports, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Fichier</th>
                <th scope="col">Dispositif</th>
                <th scope="col">Déposé le</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((j) => (
                <tr>
                  <td>
                    <a href={`/imports/${j.id}`}>{j.fileName}</a>
                  </td>
                  <td>{j.scheme}</td>
                  <td>{frDateTime(j.createdAt)}</td>
                  <td>{importStatusLabels[j.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
      status,
    );
  }

  app.get('/imports', (c) => listPage(c, noErrors));

  app.get('/imports/modeles/:file', (c) => {
    requireCaller(c, 'admin');
    const scheme = c.req.param('file').replace(/\.csv$/, '') as Scheme;
    if (!SCHEMES.includes(scheme)) return c.notFound();
    const header = importColumns(scheme)
      .map((col) => col.name)
      .join(';');
    return c.body(`\ufeff${header}\r\n`, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="modele-import-${scheme.toLowerCase()}.csv"`,
    });
  });

  /** With JavaScript: the job and its presigned POST, for the browser's direct upload (50 MB). */
  app.post('/imports/autorisation', async (c) => {
    requireCaller(c, 'admin');
    const form = await readForm(c);
    return directUploadAnswer(c, { fileName: 'file', size: 'file' }, async () => {
      const job = await createThroughApi(c, {
        scheme: form.get('scheme'),
        fileName: form.get('fileName'),
        size: Number(form.get('size')),
      });
      return { upload: job.upload, next: { check: `/imports/${job.import.id}/essai` } };
    });
  });

  /** Without JavaScript: the file comes to the web, which sends it with the same presigned POST. */
  app.post('/imports', async (c) => {
    requireCaller(c, 'admin');
    const form = await readForm(c);
    const file = form.file('file');
    if (!file)
      return listPage(c, { message: 'Choisissez un fichier.', fields: { file: 'Fichier attendu' } }, 400);
    try {
      const job = await createThroughApi(c, {
        scheme: form.get('scheme'),
        fileName: file.name,
        size: file.size,
      });
      await postToBucket(job.upload, file);
      await callApi(c, job.import.id, 'check');
      return seeOther(c, `/imports/${job.import.id}`);
    } catch (e) {
      const errors = formErrors(e, { fileName: 'file', size: 'file' });
      return listPage(c, errors, 400);
    }
  });

  async function jobPage(c: Context<WebEnv>, id: string, errors: FormErrors, status: 200 | 409 = 200) {
    const caller = requireCaller(c, 'admin');
    const { getImport } = await imports();
    const job = await getImport(ctx, caller, id);
    return render(c, `Import ${job.fileName}`, <JobPage job={job} errors={errors} />, status);
  }

  app.get('/imports/:id', (c) => jobPage(c, c.req.param('id'), noErrors));

  app.post('/imports/:id/essai', async (c) => {
    requireCaller(c, 'admin');
    try {
      await callApi(c, c.req.param('id'), 'check');
    } catch (e) {
      return jobPage(c, c.req.param('id'), formErrors(e), 409);
    }
    return seeOther(c, `/imports/${c.req.param('id')}`);
  });

  app.post('/imports/:id/importer', async (c) => {
    requireCaller(c, 'admin');
    try {
      await callApi(c, c.req.param('id'), 'run');
    } catch (e) {
      return jobPage(c, c.req.param('id'), formErrors(e), 409);
    }
    return seeOther(c, `/imports/${c.req.param('id')}`);
  });

  return app;
}
